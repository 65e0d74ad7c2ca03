import { sql } from 'kysely';
import { withTenant } from '../src/server/db/with-tenant.ts';
import * as lb from './lists.bench.ts';
import { createTestTrust } from '../src/server/testing/factories.ts';
import { startTestApp } from '../src/server/testing/test-app.ts';
const t = await startTestApp();
const trust = await createTestTrust(t.db, 'xplain');
const schoolId = crypto.randomUUID();
await withTenant(t.db, trust.trustId, (tx) => tx.insertInto('schools').values({ trust_id: trust.trustId, school_id: schoolId, name: 'Big', phase: 'secondary', urn: null, timetable_cycle_weeks: 2 }).execute());
await (lb as any).bigSchoolForProbe(t.db, trust.trustId, schoolId);
const queries = [
`select l.lesson_id from lessons l inner join departments d on d.trust_id = l.trust_id and d.department_id = l.department_id inner join year_groups y on y.trust_id=l.trust_id and y.year_group_id = l.year_group_id inner join rooms r on r.trust_id = l.trust_id and r.room_id = l.room_id inner join people p on p.trust_id = l.trust_id and p.person_id = l.teacher_id inner join periods pe on pe.trust_id = l.trust_id and pe.period_id = l.period_id where l.school_id = '${schoolId}' order by l.class_code, l.cycle_week, l.weekday, pe.ordinal limit 25`,
`select count(*) from lessons l where l.school_id = '${schoolId}'`,
`select l.lesson_id from lessons l inner join periods pe on pe.trust_id = l.trust_id and pe.period_id = l.period_id where l.school_id = '${schoolId}' order by l.class_code, l.cycle_week, l.weekday, pe.ordinal limit 25`,
];
await withTenant(t.db, trust.trustId, async (tx) => {
  for (const q of queries) {
    const r = await sql.raw(`EXPLAIN ANALYZE ${q}`).execute(tx);
    console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
  }
});
await t.close();
