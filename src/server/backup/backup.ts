import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Backups of the embedded database (issue 17): PGlite's own dump of its data folder (a gzipped
 * tar of the whole PostgreSQL cluster, taken from a cleanly opened database, so it is
 * consistent), and its restore into a fresh folder. PostgreSQL servers use pg_dump and
 * pg_restore instead (docs/backups.md).
 */

export type Say = (line: string) => void;

export type BackupFacts = {
  trusts: number;
  people: number;
  records: number;
  migration: string | null;
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What a database holds, read as its owner: a backup's check and a restore's proof. */
async function facts(pg: PGlite): Promise<BackupFacts> {
  const count = async (table: string) => {
    const r = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return r.rows[0]?.n ?? 0;
  };
  const last = await pg
    .query<{ name: string }>('SELECT name FROM lw_migrations ORDER BY name DESC LIMIT 1')
    .catch(() => ({ rows: [] as { name: string }[] }));
  return {
    trusts: await count('trusts'),
    people: await count('people'),
    records: await count('records'),
    migration: last.rows[0]?.name ?? null,
  };
}

const describe = (f: BackupFacts) =>
  `${f.trusts} trust${f.trusts === 1 ? '' : 's'}, ${f.people} people, ${f.records} records; last migration ${f.migration ?? 'none'}`;

function isEmptyFolder(dir: string) {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Writes a backup of the embedded database in `dataDir` to `outFile`, then opens the backup in
 * memory and checks it holds what the database held. The app must be stopped: PGlite's folder
 * is one process's at a time.
 */
export async function backupPglite(
  dataDir: string,
  outFile: string,
  say: Say,
): Promise<BackupFacts> {
  if (isEmptyFolder(dataDir)) {
    throw new Error(
      `There is no database in ${dataDir} to back up. Set DATA_DIR to the folder the app uses (it is ./data unless you changed it).`,
    );
  }
  say(`Opening the database in ${dataDir} (stop the app first: only one process may open it)…`);
  const pg = await PGlite.create(dataDir);
  let source: BackupFacts;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    source = await facts(pg);
    say(`It holds ${describe(source)}.`);
    say('Dumping the data folder…');
    await pg.query('CHECKPOINT');
    const dump = await pg.dumpDataDir('gzip');
    bytes = new Uint8Array(await dump.arrayBuffer());
  } finally {
    await pg.close();
  }
  say(`Writing ${mb(bytes.length)} to ${outFile}…`);
  await writeFile(outFile, bytes);
  say('Checking the backup by opening it in memory…');
  const copy = await PGlite.create({ loadDataDir: new Blob([bytes]) });
  try {
    const checked = await facts(copy);
    if (JSON.stringify(checked) !== JSON.stringify(source)) {
      throw new Error(
        `The backup does not match the database (it holds ${describe(checked)}). Do not rely on ${outFile}; try again.`,
      );
    }
  } finally {
    await copy.close();
  }
  say(`Backup complete and checked: ${outFile} (${mb(bytes.length)}).`);
  return source;
}

/**
 * Restores a backup into `dataDir`. An existing database there is kept, moved aside to
 * `<dataDir>.before-restore-<time>`, and only when `force` is given; the app must be stopped.
 * Migrations newer than the backup run when the app next starts.
 */
export async function restorePglite(
  file: string,
  dataDir: string,
  options: { force: boolean; now?: Date },
  say: Say,
): Promise<BackupFacts & { movedAside: string | null }> {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new Error(`No backup file at ${file}. Give the path \`npm run backup\` printed.`);
  }
  let movedAside: string | null = null;
  if (!isEmptyFolder(dataDir)) {
    if (!options.force) {
      throw new Error(
        `${dataDir} already holds a database. Stop the app and run the restore again with --force: the current database is then moved aside, not deleted.`,
      );
    }
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    movedAside = `${path.resolve(dataDir)}.before-restore-${stamp}`;
    say(`Moving the current database aside to ${movedAside}…`);
    renameSync(dataDir, movedAside);
  }
  say(`Reading ${file}…`);
  const bytes = await readFile(file);
  say(`Restoring ${mb(bytes.length)} into ${dataDir}…`);
  const pg = await PGlite.create(dataDir, { loadDataDir: new Blob([new Uint8Array(bytes)]) });
  try {
    const restored = await facts(pg);
    say(`Restored: ${describe(restored)}. Start the app as usual (npm start).`);
    return { ...restored, movedAside };
  } finally {
    await pg.close();
  }
}
