import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { demoTrust } from './demo-trust.ts';
import { seedDemoIfEmpty } from './seed.ts';

describe('the demo trust', () => {
  let database: TestDatabase;
  let trustId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    const seeded = await seedDemoIfEmpty({ db: database.db, now: () => new Date() });
    expect(seeded?.slug).toBe('riverbend');
    const identity = await database.db
      .selectFrom('auth_identities')
      .select('trust_id')
      .limit(1)
      .executeTakeFirstOrThrow();
    trustId = identity.trust_id;
  });
  afterAll(() => database?.close());

  const inTrust = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(database.db, trustId, fn);

  it('has three schools of different phases with about thirty staff each', async () => {
    const schools = await inTrust((tx) =>
      tx
        .selectFrom('schools as s')
        .select((eb) => [
          's.phase',
          's.timetable_cycle_weeks',
          eb
            .selectFrom('memberships as m')
            .select((sub) => sub.fn.count<number>('m.person_id').distinct().as('n'))
            .whereRef('m.school_id', '=', 's.school_id')
            .as('staff'),
        ])
        .orderBy('s.phase')
        .execute(),
    );
    expect(schools.map((s) => [s.phase, s.timetable_cycle_weeks])).toEqual([
      ['all_through', 2],
      ['primary', 1],
      ['secondary', 2],
    ]);
    for (const s of schools) expect(Number(s.staff)).toBeGreaterThanOrEqual(28);
  });

  it('has a school calendar whose dates read back as calendar days, and MIS codes for every member of staff', async () => {
    const terms = await inTrust((tx) =>
      tx
        .selectFrom('school_terms')
        .select(['name', 'starts_on', 'ends_on'])
        .where('name', '=', 'Autumn 2026')
        .execute(),
    );
    expect(terms).toHaveLength(3);
    // A date is a day, not an instant at local midnight: both drivers return the text.
    for (const t of terms) expect([t.starts_on, t.ends_on]).toEqual(['2026-09-02', '2026-12-18']);

    const unprofiled = await inTrust((tx) =>
      tx
        .selectFrom('memberships as m')
        .leftJoin('staff_profiles as p', (join) =>
          join.onRef('p.person_id', '=', 'm.person_id').onRef('p.school_id', '=', 'm.school_id'),
        )
        .select('m.person_id')
        .where('m.school_id', 'is not', null)
        .where('p.staff_code', 'is', null)
        .execute(),
    );
    expect(unprofiled).toEqual([]);
  });

  it('has people in every role', async () => {
    const roles = await inTrust((tx) =>
      tx.selectFrom('memberships').select('role').distinct().orderBy('role').execute(),
    );
    expect(roles.map((r) => r.role)).toEqual([
      'observer',
      'school_leader',
      'site_manager',
      'teacher',
      'trust_admin',
      'trust_leader',
    ]);
  });

  it('has a week A and a week B timetable where the cycle is two weeks', async () => {
    const weeks = await inTrust((tx) =>
      tx
        .selectFrom('lessons as l')
        .innerJoin('schools as s', 's.school_id', 'l.school_id')
        .select(['s.phase', 'l.cycle_week', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['s.phase', 'l.cycle_week'])
        .orderBy('s.phase')
        .orderBy('l.cycle_week')
        .execute(),
    );
    const expected = demoTrust().schools.flatMap((s) =>
      [1, 2]
        .map((w) => [s.phase, w, s.lessons.filter((l) => l.cycleWeek === w).length] as const)
        .filter(([, , n]) => n > 0),
    );
    expect(weeks.map((w) => [w.phase, w.cycle_week, Number(w.n)])).toEqual(
      expect.arrayContaining(expected.map((e) => [...e])),
    );
    expect(
      weeks
        .filter((w) => w.cycle_week === 2)
        .map((w) => w.phase)
        .sort(),
    ).toEqual(['all_through', 'secondary']);
  });

  it('has the built-in frameworks published, ready to plan with', async () => {
    const versions = await inTrust((tx) =>
      tx
        .selectFrom('framework_versions')
        .select(['name', 'status', 'version_no'])
        .orderBy('name')
        .execute(),
    );
    // Three for teaching and learning, student voice and the site audit, and the five
    // specialist site checklists (issue 14).
    expect(versions).toHaveLength(8);
    for (const v of versions) expect(v).toMatchObject({ status: 'published', version_no: 1 });
  });

  it('is not seeded twice: a second start reuses the data', async () => {
    expect(await seedDemoIfEmpty({ db: database.db, now: () => new Date() })).toBeNull();
    const trusts = await database.db
      .selectFrom('auth_identities')
      .select('trust_id')
      .distinct()
      .execute();
    expect(trusts).toHaveLength(1);
  });
});
