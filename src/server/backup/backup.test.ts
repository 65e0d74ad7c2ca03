import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, createTestWalk, insertHandedInRecord } from '../testing/factories.ts';
import { Client, testClock } from '../testing/test-app.ts';
import { backupPglite, restorePglite } from './backup.ts';

/**
 * Backups of the embedded database (issue 17): a backup restored into a fresh folder is a
 * database the app serves the same records from; a restore never overwrites a database.
 */
// The embedded database on disk, whichever server the rest of the suite uses: runs in both CI stages.
describe('npm run backup / npm run restore (PGlite)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'lw-backup-'));
  const original = path.join(root, 'data');
  const restored = path.join(root, 'restored');
  const file = path.join(root, 'backup.tar.gz');
  const lines: string[] = [];
  const say = (l: string) => lines.push(l);
  const config = (dataDir: string) => ({
    ...readConfig({ LOG_LEVEL: 'silent' }),
    database: { kind: 'pglite' as const, dataDir },
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('backs up, restores into a fresh folder, and the app serves the same records', async () => {
    // A database on disk with a trust and handed-in records.
    const first = await openDatabase(config(original));
    const trust = await createTestTrust(first.db, 'backup');
    const walk = await createTestWalk(first.db, trust);
    for (const visitIndex of [0, 1]) {
      await insertHandedInRecord(first.db, trust.trustId, walk, {
        visitIndex,
        observerId: trust.person(trust.email('observer')),
        notes: `Pairs talked in room ${visitIndex}.`,
      });
    }
    const before = await withTenant(first.db, trust.trustId, (tx) =>
      tx.selectFrom('records').select(['record_id', 'body']).orderBy('record_id').execute(),
    );
    await first.close();

    const made = await backupPglite(original, file, say);
    expect(made).toMatchObject({ trusts: 1, records: 2 });
    expect(lines.at(-1)).toContain('Backup complete and checked');

    const back = await restorePglite(file, restored, { force: false }, say);
    expect(back).toMatchObject({ trusts: 1, records: 2, movedAside: null });

    // The app on the restored folder: sign in and read the records as the head.
    const clock = testClock();
    const database = await openDatabase(config(restored));
    const app = await buildApp({
      config: config(restored),
      database,
      now: clock.now,
      serveWeb: false,
      credentialConsole: () => {},
    });
    try {
      const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      const head = new Client(baseUrl);
      await head.signIn(trust.email('school_leader'));
      const served = [];
      for (const visitId of walk.visitIds.slice(0, 2)) {
        const res = await head.get(`/api/visits/${visitId}/records`);
        expect(res.status).toBe(200);
        served.push(...JSON.stringify(res.body).matchAll(/Pairs talked in room \d\./g));
      }
      // Each visit's answer shows its record's notes (the answer may show them more than once).
      expect([...new Set(served.map((m) => m[0]))].sort()).toEqual(
        before.map((r) => r.body.notes).sort(),
      );
      const after = await withTenant(database.db, trust.trustId, (tx) =>
        tx.selectFrom('records').select(['record_id', 'body']).orderBy('record_id').execute(),
      );
      expect(after).toEqual(before);
    } finally {
      await app.close();
      await database.close();
    }
  }, 240_000);

  it('never restores over a database unless told to, and then moves it aside', async () => {
    await expect(restorePglite(file, restored, { force: false }, say)).rejects.toThrow(
      /already holds a database.*--force/,
    );
    await expect(
      restorePglite(path.join(root, 'missing.tar.gz'), restored, { force: true }, say),
    ).rejects.toThrow(/No backup file/);
    const again = await restorePglite(file, restored, { force: true }, say);
    expect(again.movedAside).toContain('restored.before-restore-');
    expect(again.records).toBe(2);
  }, 240_000);
});
