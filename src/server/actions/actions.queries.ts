import type { Tx } from '../db/with-tenant.ts';

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
      'o.full_name as owner_name',
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
