import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupPglite, restorePglite } from './backup/backup.ts';
import { readConfig } from './config.ts';

// `npm run backup [-- --out file]` and `npm run restore -- <file> [--force]` (issue 17, docs/backups.md).
const [command, ...rest] = process.argv.slice(2);
const config = readConfig();
const say = (line: string) => console.log(line);

if (config.database.kind !== 'pglite' || !config.database.dataDir) {
  console.error(
    'DATABASE_URL is set, so the app uses a PostgreSQL server: back it up with pg_dump and restore it with pg_restore (see docs/backups.md).',
  );
  process.exit(2);
}
const dataDir = config.database.dataDir;

try {
  if (command === 'backup') {
    const { values } = parseArgs({
      args: rest,
      options: { out: { type: 'string' } },
      strict: true,
    });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const out = path.resolve(values.out ?? `learning-walks-backup-${stamp}.tar.gz`);
    await backupPglite(dataDir, out, say);
  } else if (command === 'restore') {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { force: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    const file = positionals[0];
    if (!file) {
      console.error('Usage: npm run restore -- <backup file> [--force]');
      process.exit(2);
    }
    await restorePglite(path.resolve(file), dataDir, { force: values.force ?? false }, say);
  } else {
    console.error('Usage: npm run backup [-- --out <file>] | npm run restore -- <file> [--force]');
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
