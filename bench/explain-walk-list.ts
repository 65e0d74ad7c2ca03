import { sql } from 'kysely';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { createTestTrust, createWalkRows } from '../src/server/testing/factories.ts';
import { startTestApp } from '../src/server/testing/test-app.ts';
import { walkPageQuery } from '../src/server/walks/walk-list.queries.ts';

const t = await startTestApp();
const trust = await createTestTrust(t.db, 'bench-walks');
const schoolId = trust.school('North');
const seed = await createWalkRows(t.db, {
  trustId: trust.trustId,
  schoolId,
  observerIds: [trust.person(trust.email('observer'))],
  teacherIds: [trust.person(trust.email('teacher'))],
  date: '2026-11-23',
});
const size = Number(process.argv[2] ?? 1600);
await withTenant(t.db, trust.trustId, async (tx) => {
  await sql`
    INSERT INTO walks
    SELECT (jsonb_populate_record(w, jsonb_build_object(
      'walk_id', gen_random_uuid(), 'walk_date', w.walk_date + 1 + g))).*
    FROM walks w, generate_series(1, ${size - 1}::int) g
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
await withTenant(t.db, trust.trustId, async (tx) => {
  await sql`ANALYZE`.execute(tx).catch(() => {});
  const q = walkPageQuery(tx, { schoolId }, { limit: Number(process.argv[3] ?? 25), offset: 0 });
  const plan = await q.explain(undefined, sql`analyze, buffers off`);
  console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
});
await t.close();
