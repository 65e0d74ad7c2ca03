import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { withTenant } from '../db/with-tenant.ts';
import { rebuildRollups } from '../insights/rollups.ts';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
} from '../testing/factories.ts';
import { signedIn } from '../testing/set-up.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { runTrustCommand } from '../trusts/trust-command.ts';

/**
 * End of contract (issue 17): the trust's export holds its data and nobody else's; its deletion
 * is confirmed by its short name, and afterwards a walk of the catalogue — every table with a
 * trust_id column — finds no row with that trust's id, while another trust is untouched.
 */
describe('end of contract: export and verified deletion', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  const as = signedIn(() => t);

  /** Rows per table with this trust's id, read from the catalogue; RLS lets the tenant see its own. */
  const rowsLeft = (trustId: string) =>
    withTenant(t.db, trustId, async (tx) => {
      const { rows: tables } = await sql<{ table_name: string }>`
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables x ON x.table_schema = c.table_schema
          AND x.table_name = c.table_name AND x.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.column_name = 'trust_id'`.execute(tx);
      const counts: Record<string, number> = {};
      for (const { table_name } of tables) {
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE trust_id = ${trustId}`.execute(
          tx,
        );
        counts[table_name] = rows[0]!.n;
      }
      return counts;
    });

  async function fill(trust: TestTrust) {
    const walk = await createTestWalk(t.db, trust);
    await insertHandedInRecord(t.db, trust.trustId, walk, {
      observerId: trust.person(trust.email('observer')),
      notes: 'Pairs talked.',
      answers: [{ prompt: 'Pupils explain their reasoning to a partner', value: 'most' }],
    });
    await withTenant(t.db, trust.trustId, (tx) => rebuildRollups(tx, trust.school('North')));
    // Sessions, audit events and a retention setting, through the API.
    const admin = await as(trust.email('trust_admin'));
    await admin.request('PUT', '/api/trust/retention', {
      recordsSchoolYears: 4,
      concernsYears: 6,
      auditYears: 6,
      noticesDays: 365,
      mailDays: 90,
      signInDays: 90,
    });
    await as(trust.email('teacher'));
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'end-a');
    b = await createTestTrust(t.db, 'end-b');
    await fill(a);
    await fill(b);
  });
  afterAll(() => t?.close());

  it('exports every table of the trust as JSON and CSV, with no secrets and nothing of another trust', async () => {
    const admin = await as(a.email('trust_admin'));
    const res = await fetch(`${t.baseUrl}/api/trust/export`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie ?? '',
        'x-csrf-token': admin.csrfToken ?? '',
        accept: 'application/x-ndjson',
      },
    });
    const lines = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'progress').length).toBeGreaterThan(20);
    const result = lines.at(-1);
    expect(result.status).toBe(200);
    const files = unzipSync(Buffer.from(result.body.zipBase64, 'base64'));
    const read = (name: string) => new TextDecoder().decode(files[name]);
    const people = JSON.parse(read('json/people.json')) as { email: string; trust_id: string }[];
    expect(people.map((p) => p.email)).toContain(a.email('teacher'));
    expect(people.every((p) => p.trust_id === a.trustId)).toBe(true);
    expect(read('csv/records.csv').split('\r\n')[0]).toContain('record_id');
    const before = await rowsLeft(a.trustId);
    // The audit trail grew after it was read (the export itself is audited).
    for (const [table, n] of Object.entries(before)) {
      if (table !== 'audit_events') expect(result.body.counts[table], table).toBe(n);
    }
    expect(result.body.counts.audit_events).toBeGreaterThan(0);
    const everything = Object.entries(files)
      .filter(([name]) => !name.endsWith('.jpg'))
      .map(([, bytes]) => new TextDecoder().decode(bytes))
      .join('\n');
    expect(everything).not.toContain(b.trustId);
    expect(everything).not.toContain('password_hash');
    expect(everything).not.toContain('$argon2');
  });

  it('refuses anyone but a trust admin, and a deletion not confirmed by the short name', async () => {
    const leader = await as(a.email('trust_leader'));
    expect((await leader.post('/api/trust/delete', { confirm: 'end-a' })).status).toBe(403);
    expect((await leader.post('/api/trust/export')).status).toBe(403);
    const admin = await as(a.email('trust_admin'));
    const wrong = await admin.post('/api/trust/delete', { confirm: 'end-b' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('trust_deletion_unconfirmed');
    expect(wrong.body.error.message).toContain('“end-a”');
    const left = await rowsLeft(a.trustId);
    expect(left.people).toBeGreaterThan(0);
    expect(left.records).toBe(1);
  });

  it('deletes the trust: no table with a trust_id column holds a row of it; the other trust is untouched', async () => {
    const before = await rowsLeft(a.trustId);
    // A positive control: the walk of the catalogue sees the trust's rows across many tables.
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThan(20);
    const otherBefore = await rowsLeft(b.trustId);

    const admin = await as(a.email('trust_admin'));
    const done = await admin.post('/api/trust/delete', { confirm: 'end-a' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.slug).toBe('end-a');
    expect(done.body.rowsDeleted).toBe(Object.values(before).reduce((s, n) => s + n, 0) + 1);

    const after = await rowsLeft(a.trustId);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    // Tables without row-level security (looked up before sign-in) are read directly too.
    for (const table of ['auth_identities', 'sso_domains'] as const) {
      const rows = await t.db
        .selectFrom(table)
        .select('trust_id')
        .where('trust_id', '=', a.trustId)
        .execute();
      expect(rows).toEqual([]);
    }
    const otherAfter = await rowsLeft(b.trustId);
    expect(otherAfter.people).toBe(otherBefore.people);
    expect(otherAfter.records).toBe(otherBefore.records);
    // What remains: one line saying it was deleted, by whom.
    const line = await t.db
      .selectFrom('deleted_trusts')
      .selectAll()
      .where('slug', '=', 'end-a')
      .execute();
    expect(line).toHaveLength(1);
    expect(line[0]!.deleted_by).toContain(a.email('trust_admin'));
    // Nobody of the trust can sign in any more; the other trust's admin can.
    expect((await admin.get('/api/me')).status).toBe(401);
    expect((await (await as(b.email('trust_admin'))).get('/api/trust/retention')).status).toBe(200);
  });

  it('lets the operator delete a trust with `npm run trust -- delete`, confirmed', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const run = (...argv: string[]) =>
      runTrustCommand(
        argv,
        {
          config: { ...readConfig({ LOG_LEVEL: 'silent' }), database: t.config.database },
          database: t.database,
        },
        { out: (l) => out.push(l), err: (l) => err.push(l), demoPassword: 'x' },
      );
    expect(await run('delete', 'end-b')).toBe(2);
    expect(await run('delete', 'end-b', '--confirm', 'end-a')).toBe(1);
    expect(err.at(-1)).toContain('type its short name “end-b” exactly');
    expect((await rowsLeft(b.trustId)).people).toBeGreaterThan(0);
    expect(await run('delete', 'end-b', '--confirm', 'end-b')).toBe(0);
    expect(out.at(-1)).toContain('Deleted Trust end-b (end-b)');
    expect(Object.entries(await rowsLeft(b.trustId)).filter(([, n]) => n > 0)).toEqual([]);
  });
});
