import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { DEMO_PASSWORD, type DemoTrust } from '../demo/demo-trust.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * A subject-access request (issue 17) for a demo teacher: the zip holds the records of every
 * visit to their lessons — checked against the database — and nothing about another teacher.
 */
describe('subject-access export', () => {
  let t: TestApp;
  let demo: DemoTrust;
  let trustId: string;
  let admin: Client;
  let other: TestTrust;
  let teacher: { person_id: string; full_name: string; email: string };

  beforeAll(async () => {
    t = await startTestApp();
    demo = (await seedDemoIfEmpty({ db: t.db, now: t.clock.now }))!;
    other = await createTestTrust(t.db, 'sar-other');
    const adminEmail = demo.trustStaff.find((p) => p.roles.includes('trust_admin'))!.email;
    const identity = await t.db
      .selectFrom('auth_identities')
      .select('trust_id')
      .where('email', '=', adminEmail)
      .executeTakeFirstOrThrow();
    trustId = identity.trust_id;
    admin = new Client(t.baseUrl);
    await admin.signIn(adminEmail, DEMO_PASSWORD);
    // A teacher with handed-in records of visits to their lessons, who observes nobody (so
    // every record in their export is about their own lessons).
    teacher = await withTenant(t.db, trustId, (tx) =>
      tx
        .selectFrom('visits as v')
        .innerJoin('records as r', 'r.visit_id', 'v.visit_id')
        .innerJoin('people as p', 'p.person_id', 'v.teacher_id')
        .select(['p.person_id', 'p.full_name', 'p.email'])
        .where('r.handed_in_at', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('walk_observers as o')
                .select('o.walk_id')
                .whereRef('o.person_id', '=', 'p.person_id'),
            ),
          ),
        )
        .groupBy(['p.person_id', 'p.full_name', 'p.email'])
        .orderBy(sql`count(*)`, 'desc')
        .limit(1)
        .executeTakeFirstOrThrow(),
    );
  }, 240_000);
  afterAll(() => t?.close());

  const exportFor = async (client: Client, personId: string) => {
    const res = await fetch(`${t.baseUrl}/api/people/${personId}/subject-access`, {
      method: 'POST',
      headers: {
        cookie: client.cookie ?? '',
        'x-csrf-token': client.csrfToken ?? '',
        accept: 'application/x-ndjson',
      },
    });
    const lines = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    return { lines, result: lines.at(-1) };
  };

  it('reports progress, then a zip holding every record of visits to the teacher’s lessons', async () => {
    const { lines, result } = await exportFor(admin, teacher.person_id);
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress.at(-1).done).toBe(progress.at(-1).total);
    expect(result.type).toBe('result');
    expect(result.status).toBe(200);

    const files = unzipSync(Buffer.from(result.body.zipBase64, 'base64'));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'README.txt',
        'person.json',
        'visits.json',
        'audit-events.json',
        'report.pdf',
      ]),
    );
    expect(text('report.pdf').startsWith('%PDF')).toBe(true);
    expect(JSON.parse(text('person.json')).person.email).toBe(teacher.email);

    const expected = await withTenant(t.db, trustId, (tx) =>
      tx
        .selectFrom('records as r')
        .innerJoin('visits as v', 'v.visit_id', 'r.visit_id')
        .select(['r.record_id', 'r.body'])
        .where((eb) =>
          eb.or([
            eb('v.teacher_id', '=', teacher.person_id),
            eb(
              'v.visit_id',
              'in',
              eb
                .selectFrom('visit_co_teachers')
                .select('visit_id')
                .where('person_id', '=', teacher.person_id),
            ),
          ]),
        )
        .execute(),
    );
    expect(expected.length).toBeGreaterThan(0);
    const visits = JSON.parse(text('visits.json'));
    const exported = visits.flatMap(
      (v: { records: { record_id: string; body: unknown }[] }) => v.records,
    );
    expect(exported.map((r: { record_id: string }) => r.record_id).sort()).toEqual(
      expected.map((r) => r.record_id).sort(),
    );
    for (const r of expected) {
      expect(exported.find((x: { record_id: string }) => x.record_id === r.record_id).body).toEqual(
        r.body,
      );
    }
  });

  it('holds nothing about another visited teacher: no name, id, visit or record of theirs', async () => {
    const { result } = await exportFor(admin, teacher.person_id);
    const files = unzipSync(Buffer.from(result.body.zipBase64, 'base64'));
    const all = Object.entries(files)
      .filter(([name]) => name.endsWith('.json') || name.endsWith('.txt'))
      .map(([, bytes]) => new TextDecoder().decode(bytes))
      .join('\n');
    const others = await withTenant(t.db, trustId, async (tx) => {
      // People who appear in the teacher's own visits (observers, co-teachers) are named there.
      const own = tx
        .selectFrom('visits')
        .select('walk_id')
        .where('teacher_id', '=', teacher.person_id);
      const named = await tx
        .selectFrom('walk_observers')
        .select('person_id')
        .where('walk_id', 'in', own)
        .execute();
      const skip = new Set([teacher.person_id, ...named.map((n) => n.person_id)]);
      const visited = await tx
        .selectFrom('visits as v')
        .innerJoin('people as p', 'p.person_id', 'v.teacher_id')
        .leftJoin('records as r', 'r.visit_id', 'v.visit_id')
        .select(['p.person_id', 'p.full_name', 'v.visit_id', 'r.record_id'])
        .where('v.teacher_id', '<>', teacher.person_id)
        .execute();
      return visited.filter((v) => !skip.has(v.person_id));
    });
    expect(others.length).toBeGreaterThan(10);
    for (const o of others) {
      expect(all).not.toContain(o.person_id);
      expect(all).not.toContain(o.full_name);
      expect(all).not.toContain(o.visit_id);
      if (o.record_id) expect(all).not.toContain(o.record_id);
    }
  });

  it('is audited, and only a trust admin may make it', async () => {
    const events = await withTenant(t.db, trustId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['subject_id'])
        .where('action', '=', 'subject_access.exported')
        .execute(),
    );
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.every((e) => e.subject_id === teacher.person_id)).toBe(true);

    const self = new Client(t.baseUrl);
    await self.signIn(teacher.email, DEMO_PASSWORD);
    const refused = await self.post(`/api/people/${teacher.person_id}/subject-access`);
    expect(refused.status).toBe(403);
    // Another trust's person does not exist here.
    const elsewhere = await admin.post(
      `/api/people/${other.person(other.email('teacher'))}/subject-access`,
    );
    expect(elsewhere.status).toBe(404);
  });
});
