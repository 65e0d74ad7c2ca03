import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL_SETTINGS } from '../../domain/protocol/types.ts';
import { withTenant } from '../db/with-tenant.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { seedDemoIfEmpty } from './seed.ts';

describe('the demo trust’s programmes and walks', () => {
  let database: TestDatabase;
  let trustId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoIfEmpty({ db: database.db, now: () => new Date() });
    trustId = (
      await database.db
        .selectFrom('auth_identities')
        .select('trust_id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).trust_id;
  }, 120_000);
  afterAll(() => database?.close());

  it('has a published, agreed Autumn 2026 programme in every school', async () => {
    const rows = await withTenant(database.db, trustId, (tx) =>
      tx.selectFrom('programmes').select(['school_id', 'status', 'agreed_on']).execute(),
    );
    expect(rows).toHaveLength(3);
    for (const p of rows) expect(p).toMatchObject({ status: 'published', agreed_on: '2026-09-16' });
  });

  it('has published walks with planned visits, some past and some to come', async () => {
    const walks = await withTenant(database.db, trustId, (tx) =>
      tx
        .selectFrom('walks as w')
        .select((eb) => [
          'w.walk_date',
          'w.status',
          eb
            .selectFrom('visits as v')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('v.walk_id', '=', 'w.walk_id')
            .as('visits'),
        ])
        .execute(),
    );
    const published = walks.filter((w) => w.status === 'published');
    expect(published.length).toBeGreaterThanOrEqual(9);
    for (const w of published) expect(Number(w.visits)).toBeGreaterThan(0);
    expect(published.some((w) => w.walk_date < '2026-11-23')).toBe(true);
    expect(published.some((w) => w.walk_date > '2026-11-23')).toBe(true);
  });

  it('keeps every teacher within one visit a day and the yearly cap of three', async () => {
    const counts = await withTenant(database.db, trustId, (tx) =>
      tx
        .selectFrom('visits')
        .select(['teacher_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('invited', '=', false)
        .groupBy('teacher_id')
        .execute(),
    );
    expect(counts.length).toBeGreaterThan(10);
    for (const c of counts) expect(Number(c.n)).toBeLessThanOrEqual(3);
  });

  it('asks a tight focus on every walk, past ones with records included (issue 21)', async () => {
    const walks = await withTenant(database.db, trustId, (tx) =>
      tx
        .selectFrom('walks as w')
        .select((eb) => [
          'w.walk_date',
          eb
            .selectFrom('focus_look_fors as fl')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('fl.focus_id', '=', 'w.focus_id')
            .as('look_fors'),
          eb
            .selectFrom('records as r')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('r.walk_id', '=', 'w.walk_id')
            .as('records'),
        ])
        .execute(),
    );
    expect(walks.some((w) => Number(w.records) > 0)).toBe(true);
    for (const w of walks) {
      expect(Number(w.look_fors)).toBeGreaterThan(0);
      expect(Number(w.look_fors)).toBeLessThanOrEqual(
        DEFAULT_PROTOCOL_SETTINGS.recommendedLookFors,
      );
    }
  });
});
