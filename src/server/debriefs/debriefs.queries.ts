import type { Insertable, Updateable } from 'kysely';
import type {
  DebriefNextStepsTable,
  DebriefParticipantsTable,
  DebriefsTable,
} from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';

export function findDebrief(tx: Tx, debriefId: string) {
  return tx
    .selectFrom('debriefs as d')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'd.trust_id').onRef('s.school_id', '=', 'd.school_id'),
    )
    .selectAll('d')
    .select(['s.name as school_name'])
    .where('d.debrief_id', '=', debriefId)
    .executeTakeFirst();
}
export type DebriefRow = NonNullable<Awaited<ReturnType<typeof findDebrief>>>;

export function listDebriefs(tx: Tx, schoolId: string, publishedOnly = false) {
  let q = tx
    .selectFrom('debriefs as d')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'd.trust_id').onRef('s.school_id', '=', 'd.school_id'),
    )
    .selectAll('d')
    .select(['s.name as school_name'])
    .where('d.school_id', '=', schoolId)
    .orderBy('d.created_at', 'desc');
  if (publishedOnly) q = q.where('d.summary_published_at', 'is not', null);
  return q.execute();
}

export function walksOfDebriefs(tx: Tx, debriefIds: readonly string[]) {
  if (debriefIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('debrief_walks as dw')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'dw.trust_id').onRef('w.walk_id', '=', 'dw.walk_id'),
    )
    .select([
      'dw.debrief_id',
      'w.walk_id',
      'w.walk_date',
      'w.focus_id',
      'w.focus_title',
      'w.purpose',
      'w.status',
    ])
    .where('dw.debrief_id', 'in', debriefIds)
    .orderBy('w.walk_date')
    .execute();
}

export function findWalks(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('walks')
    .select(['walk_id', 'school_id', 'walk_date', 'focus_id', 'focus_title', 'purpose', 'status'])
    .where('walk_id', 'in', walkIds)
    .execute();
}

/** Published walks of the school with how many records were handed in. */
export function debriefableWalks(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('walks as w')
    .select((eb) => [
      'w.walk_id',
      'w.walk_date',
      'w.focus_id',
      'w.focus_title',
      eb
        .selectFrom('records as r')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('r.trust_id', '=', 'w.trust_id')
        .whereRef('r.walk_id', '=', 'w.walk_id')
        .where('r.handed_in_at', 'is not', null)
        .as('records'),
    ])
    .where('w.school_id', '=', schoolId)
    .where('w.status', '=', 'published')
    .orderBy('w.walk_date', 'desc')
    .limit(100)
    .execute();
}

/** Handed-in records of the walks, with what aggregation needs about each visit. */
export function packRecords(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('records as r')
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'r.trust_id').onRef('v.visit_id', '=', 'r.visit_id'),
    )
    .select([
      'r.record_id',
      'r.walk_id',
      'r.school_id',
      'r.visit_id',
      'r.framework_version_id',
      'r.body',
      'v.teacher_id',
      'v.department',
      'v.year_group',
      'v.visit_date',
    ])
    .where('r.walk_id', 'in', walkIds)
    .where('r.handed_in_at', 'is not', null)
    .where('v.status', '=', 'planned')
    .orderBy('v.route_order')
    .orderBy('r.record_id')
    .execute();
}

export function coTeachers(tx: Tx, visitIds: readonly string[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('visit_co_teachers')
    .select(['visit_id', 'person_id'])
    .where('visit_id', 'in', visitIds)
    .execute();
}

export function participants(tx: Tx, debriefId: string) {
  return tx
    .selectFrom('debrief_participants as dp')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'dp.trust_id').onRef('p.person_id', '=', 'dp.person_id'),
    )
    .select([
      'dp.person_id',
      'dp.part',
      'dp.took_part',
      shownNameOf('p').as('full_name'),
      'p.email',
    ])
    .where('dp.debrief_id', '=', debriefId)
    .orderBy('p.full_name')
    .execute();
}

export function nextSteps(tx: Tx, debriefIds: readonly string[]) {
  if (debriefIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('debrief_next_steps')
    .select(['step_id', 'debrief_id', 'text', 'position'])
    .where('debrief_id', 'in', debriefIds)
    .orderBy('position')
    .execute();
}

export function actionsOfDebrief(tx: Tx, debriefId: string) {
  return tx
    .selectFrom('school_actions as a')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'a.trust_id').onRef('p.person_id', '=', 'a.owner_id'),
    )
    .innerJoin('improvement_priorities as ip', (j) =>
      j.onRef('ip.trust_id', '=', 'a.trust_id').onRef('ip.priority_id', '=', 'a.priority_id'),
    )
    .select([
      'a.action_id',
      'a.next_step_id',
      'a.title',
      'a.status',
      'a.due_on',
      'a.follow_up_walk_id',
      shownNameOf('p').as('owner_name'),
      'ip.title as priority_title',
    ])
    .where('a.debrief_id', '=', debriefId)
    .orderBy('a.due_on')
    .execute();
}

/** An action (of an earlier debrief) that scheduled one of these walks as its follow-up. */
export function actionFollowedUpBy(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve(undefined);
  return tx
    .selectFrom('school_actions')
    .select(['action_id', 'title', 'debrief_id'])
    .where('follow_up_walk_id', 'in', walkIds)
    .where('debrief_id', 'is not', null)
    .orderBy('created_at')
    .executeTakeFirst();
}

/** The school's staff and the trust's own people (leaders, improvement partners). */
export function schoolStaff(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('people as p')
    .select(['p.person_id', 'p.full_name', 'p.title', 'p.email'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.person_id')
          .whereRef('m.trust_id', '=', 'p.trust_id')
          .whereRef('m.person_id', '=', 'p.person_id')
          .where((w) => w.or([w('m.school_id', '=', schoolId), w('m.school_id', 'is', null)])),
      ),
    )
    .orderBy('p.full_name')
    .execute();
}

// Writes.

export function insertDebrief(
  tx: Tx,
  row: {
    trustId: string;
    schoolId: string;
    title: string;
    focusId: string | null;
    focusTitle: string;
    createdBy: string;
    now: Date;
  },
) {
  return tx
    .insertInto('debriefs')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      title: row.title,
      focus_id: row.focusId,
      focus_title: row.focusTitle,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('debrief_id')
    .executeTakeFirstOrThrow();
}

export async function insertDebriefWalks(
  tx: Tx,
  keys: { trustId: string; schoolId: string },
  debriefId: string,
  walkIds: readonly string[],
) {
  await tx
    .insertInto('debrief_walks')
    .values(
      walkIds.map((walk_id) => ({
        trust_id: keys.trustId,
        school_id: keys.schoolId,
        debrief_id: debriefId,
        walk_id,
      })),
    )
    .execute();
}

/** Everyone who observes any of these walks, once each. */
export function observersOfWalks(tx: Tx, walkIds: readonly string[]) {
  return tx
    .selectFrom('walk_observers')
    .select('person_id')
    .distinct()
    .where('walk_id', 'in', walkIds)
    .execute();
}

export function emailsOf(tx: Tx, personIds: readonly string[]) {
  return tx
    .selectFrom('people')
    .select(['person_id', 'email'])
    .where('person_id', 'in', personIds)
    .execute();
}

export async function updateDebrief(tx: Tx, debriefId: string, set: Updateable<DebriefsTable>) {
  await tx.updateTable('debriefs').set(set).where('debrief_id', '=', debriefId).execute();
}

export async function insertParticipants(
  tx: Tx,
  rows: readonly Insertable<DebriefParticipantsTable>[],
) {
  await tx.insertInto('debrief_participants').values(rows).execute();
}

export async function updateParticipant(
  tx: Tx,
  debriefId: string,
  personId: string,
  set: Updateable<DebriefParticipantsTable>,
) {
  await tx
    .updateTable('debrief_participants')
    .set(set)
    .where('debrief_id', '=', debriefId)
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteParticipants(tx: Tx, debriefId: string, personIds: readonly string[]) {
  await tx
    .deleteFrom('debrief_participants')
    .where('debrief_id', '=', debriefId)
    .where('person_id', 'in', personIds)
    .execute();
}

export async function insertNextStep(tx: Tx, row: Insertable<DebriefNextStepsTable>) {
  await tx.insertInto('debrief_next_steps').values(row).execute();
}

export async function updateNextStep(
  tx: Tx,
  stepId: string,
  set: Updateable<DebriefNextStepsTable>,
) {
  await tx.updateTable('debrief_next_steps').set(set).where('step_id', '=', stepId).execute();
}

export async function deleteNextSteps(tx: Tx, stepIds: readonly string[]) {
  await tx.deleteFrom('debrief_next_steps').where('step_id', 'in', stepIds).execute();
}
