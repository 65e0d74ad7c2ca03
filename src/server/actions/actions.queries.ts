import type { Insertable, Updateable } from 'kysely';
import type { ImprovementPrioritiesTable, SchoolActionsTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';
import { memberOfSchool } from '../kernel/school-predicates.ts';

export function listPriorities(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('improvement_priorities as p')
    .select((eb) => [
      'p.priority_id',
      'p.school_id',
      'p.title',
      'p.description',
      'p.archived_at',
      eb
        .selectFrom('school_actions as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.trust_id', '=', 'p.trust_id')
        .whereRef('a.priority_id', '=', 'p.priority_id')
        .where('a.status', '<>', 'done')
        .as('open_actions'),
      eb
        .selectFrom('school_actions as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.trust_id', '=', 'p.trust_id')
        .whereRef('a.priority_id', '=', 'p.priority_id')
        .where('a.status', '=', 'done')
        .as('done_actions'),
    ])
    .where('p.school_id', '=', schoolId)
    .orderBy('p.created_at')
    .execute();
}

export function findPriority(tx: Tx, priorityId: string) {
  return tx
    .selectFrom('improvement_priorities')
    .selectAll()
    .where('priority_id', '=', priorityId)
    .executeTakeFirst();
}

function actionQuery(tx: Tx) {
  return tx
    .selectFrom('school_actions as a')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'a.trust_id').onRef('s.school_id', '=', 'a.school_id'),
    )
    .innerJoin('people as o', (j) =>
      j.onRef('o.trust_id', '=', 'a.trust_id').onRef('o.person_id', '=', 'a.owner_id'),
    )
    .innerJoin('improvement_priorities as p', (j) =>
      j.onRef('p.trust_id', '=', 'a.trust_id').onRef('p.priority_id', '=', 'a.priority_id'),
    )
    .leftJoin('debriefs as d', (j) =>
      j.onRef('d.trust_id', '=', 'a.trust_id').onRef('d.debrief_id', '=', 'a.debrief_id'),
    )
    .leftJoin('debrief_next_steps as n', (j) =>
      j.onRef('n.trust_id', '=', 'a.trust_id').onRef('n.step_id', '=', 'a.next_step_id'),
    )
    .leftJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'a.trust_id').onRef('w.walk_id', '=', 'a.follow_up_walk_id'),
    )
    .select([
      'a.trust_id',
      'a.action_id',
      'a.school_id',
      'a.title',
      'a.notes',
      'a.owner_id',
      'a.due_on',
      'a.status',
      'a.priority_id',
      'a.debrief_id',
      'a.next_step_id',
      'a.follow_up_walk_id',
      'a.completed_at',
      'a.reminded_at',
      's.time_zone',
      's.name as school_name',
      shownNameOf('o').as('owner_name'),
      'o.email as owner_email',
      'p.title as priority_title',
      'd.title as debrief_title',
      'd.focus_id',
      'd.focus_title',
      'n.text as next_step_text',
      'w.walk_date as follow_up_date',
      'w.status as follow_up_status',
      'w.focus_title as follow_up_focus',
    ]);
}

export function listActions(tx: Tx, filter: { schoolId?: string; ownerId?: string }) {
  let q = actionQuery(tx).orderBy('a.due_on').orderBy('a.created_at');
  if (filter.schoolId) q = q.where('a.school_id', '=', filter.schoolId);
  if (filter.ownerId) q = q.where('a.owner_id', '=', filter.ownerId);
  return q.execute();
}

export function findAction(tx: Tx, actionId: string) {
  return actionQuery(tx).where('a.action_id', '=', actionId).executeTakeFirst();
}
export type ActionRow = NonNullable<Awaited<ReturnType<typeof findAction>>>;

/** Actions not done and not yet reminded, due on or before `until`. */
export function dueForReminder(tx: Tx, until: string) {
  return actionQuery(tx)
    .where('a.status', '<>', 'done')
    .where('a.reminded_at', 'is', null)
    .where('a.due_on', '<=', until)
    .execute();
}

/** The school's staff, who may own an action. */
export function staffOf(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('people as p')
    .select(['p.person_id', 'p.full_name'])
    .where(memberOfSchool(schoolId))
    .orderBy('p.full_name')
    .execute();
}

/** The school's debriefs, newest first, for linking an action. */
export function schoolDebriefs(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('debriefs')
    .select(['debrief_id', 'title'])
    .where('school_id', '=', schoolId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The agreed next steps of these debriefs, in order. */
export function nextStepsOf(tx: Tx, debriefIds: readonly string[]) {
  if (debriefIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('debrief_next_steps')
    .select(['step_id', 'debrief_id', 'text'])
    .where('debrief_id', 'in', debriefIds)
    .orderBy('position')
    .execute();
}

export function findDebriefSchool(tx: Tx, debriefId: string) {
  return tx
    .selectFrom('debriefs')
    .select('school_id')
    .where('debrief_id', '=', debriefId)
    .executeTakeFirst();
}

export function findNextStepDebrief(tx: Tx, stepId: string) {
  return tx
    .selectFrom('debrief_next_steps')
    .select('debrief_id')
    .where('step_id', '=', stepId)
    .executeTakeFirst();
}

/** The focus of the debrief's latest walk: what a follow-up walk repeats. */
export function latestDebriefWalkFocus(tx: Tx, debriefId: string) {
  return tx
    .selectFrom('debrief_walks as dw')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'dw.trust_id').onRef('w.walk_id', '=', 'dw.walk_id'),
    )
    .select(['w.focus_id', 'w.focus_title', 'w.purpose', 'w.focus_size_reason'])
    .where('dw.debrief_id', '=', debriefId)
    .orderBy('w.walk_date', 'desc')
    .executeTakeFirst();
}

export async function insertPriority(tx: Tx, row: Insertable<ImprovementPrioritiesTable>) {
  const inserted = await tx
    .insertInto('improvement_priorities')
    .values(row)
    .returning('priority_id')
    .executeTakeFirstOrThrow();
  return inserted.priority_id;
}

export async function updatePriority(
  tx: Tx,
  priorityId: string,
  set: Updateable<ImprovementPrioritiesTable>,
) {
  await tx
    .updateTable('improvement_priorities')
    .set(set)
    .where('priority_id', '=', priorityId)
    .execute();
}

export async function insertAction(tx: Tx, row: Insertable<SchoolActionsTable>) {
  const inserted = await tx
    .insertInto('school_actions')
    .values(row)
    .returning('action_id')
    .executeTakeFirstOrThrow();
  return inserted.action_id;
}

export async function updateAction(tx: Tx, actionId: string, set: Updateable<SchoolActionsTable>) {
  await tx.updateTable('school_actions').set(set).where('action_id', '=', actionId).execute();
}
