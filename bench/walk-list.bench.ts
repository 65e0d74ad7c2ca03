import { sql } from 'kysely';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { createTestTrust, createWalkRows } from '../src/server/testing/factories.ts';
import { Client, startTestApp } from '../src/server/testing/test-app.ts';
import { type Comparison, compare } from './measure.ts';

/**
 * Issue 22: does a school's walk list stay flat as the school grows? One school at 100, 400 and
 * 1,600 walks (each with an observer), the first page of its list over HTTP, each compared in
 * the same run with a signed-in GET /api/me on the same server.
 */
export async function walkListBench(): Promise<Comparison[]> {
  const t = await startTestApp();
  const results: Comparison[] = [];
  try {
    const trust = await createTestTrust(t.db, 'bench-walks');
    const schoolId = trust.school('North');
    const seed = await createWalkRows(t.db, {
      trustId: trust.trustId,
      schoolId,
      observerIds: [trust.person(trust.email('observer'))],
      teacherIds: [trust.person(trust.email('teacher'))],
      date: '2026-11-23',
    });
    const client = new Client(t.baseUrl);
    await client.signIn(trust.email('school_leader'));
    let have = 1;
    for (const size of [100, 400, 1_600]) {
      const more = size - have;
      await withTenant(t.db, trust.trustId, async (tx) => {
        await sql`
          INSERT INTO walks
          SELECT (jsonb_populate_record(w, jsonb_build_object(
            'walk_id', gen_random_uuid(), 'walk_date', w.walk_date + ${have}::int + g))).*
          FROM walks w, generate_series(1, ${more}::int) g
          WHERE w.trust_id = lw_current_trust() AND w.walk_id = ${seed.walkId}`.execute(tx);
        await sql`
          INSERT INTO walk_observers (trust_id, walk_id, person_id)
          SELECT w.trust_id, w.walk_id, o.person_id FROM walks w
          JOIN walk_observers o ON o.trust_id = w.trust_id AND o.walk_id = ${seed.walkId}
          WHERE w.trust_id = lw_current_trust() AND w.school_id = ${schoolId} AND w.walk_id <> ${seed.walkId}
            AND NOT EXISTS (SELECT 1 FROM walk_observers x WHERE x.trust_id = w.trust_id AND x.walk_id = w.walk_id)`.execute(
          tx,
        );
      });
      have = size;
      const list = await client.get(`/api/schools/${schoolId}/walks`);
      if (list.status !== 200 || list.body.total !== size) {
        throw new Error(`walk list: ${list.status} ${JSON.stringify(list.body).slice(0, 300)}`);
      }
      results.push(
        await compare(
          `walk list of a school with ${size.toLocaleString('en-GB')} walks (first page, ${list.body.walks.length} walks) on ${t.database.backend}`,
          () => client.get(`/api/schools/${schoolId}/walks`),
          'signed-in GET /api/me',
          () => client.get('/api/me'),
          { rounds: 8, repeat: 5, warmup: 5 },
        ),
      );
    }
  } finally {
    await t.close();
  }
  return results;
}
