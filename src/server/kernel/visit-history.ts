import type { Tx } from '../db/with-tenant.ts';
import { countsAgainstTeachers } from './visit-predicates.ts';

/**
 * Every counted visit of these teachers on other walks (any school of the trust), for caps and
 * "least recently visited". Cancelled visits and cancelled walks do not count, nor do
 * health-and-safety walks: a site audit of a room is not an observation of its teacher (rule 5).
 */
export async function visitHistory(
  tx: Tx,
  teacherIds: readonly string[],
  exceptWalkId: string | null,
) {
  if (teacherIds.length === 0) return [];
  let asTeacher = tx
    .selectFrom('visits as v')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .select(['v.teacher_id', 'v.visit_date', 'v.invited'])
    .where('v.teacher_id', 'in', teacherIds)
    .where(countsAgainstTeachers());
  // A visit counts against every teacher of the lesson: its co-teachers too.
  let asCoTeacher = tx
    .selectFrom('visit_co_teachers as c')
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'c.trust_id').onRef('v.visit_id', '=', 'c.visit_id'),
    )
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .select(['c.person_id as teacher_id', 'v.visit_date', 'v.invited'])
    .where('c.person_id', 'in', teacherIds)
    .where(countsAgainstTeachers());
  if (exceptWalkId) {
    asTeacher = asTeacher.where('v.walk_id', '<>', exceptWalkId);
    asCoTeacher = asCoTeacher.where('v.walk_id', '<>', exceptWalkId);
  }
  const [own, shared] = await Promise.all([asTeacher.execute(), asCoTeacher.execute()]);
  return [...own, ...shared];
}
