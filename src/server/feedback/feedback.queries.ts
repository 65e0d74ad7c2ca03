import type { Insertable, Updateable } from 'kysely';
import type { FeedbackConversationsTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

/** A visit with its walk's status, the plan's feedback answer, its teacher and its observers. */
export async function visitForFeedback(tx: Tx, visitId: string) {
  const v = await tx
    .selectFrom('visits as v')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'v.trust_id').onRef('p.person_id', '=', 'v.teacher_id'),
    )
    .leftJoin('walk_planning as plan', (j) =>
      j.onRef('plan.trust_id', '=', 'v.trust_id').onRef('plan.walk_id', '=', 'v.walk_id'),
    )
    .select([
      'v.trust_id',
      'v.school_id',
      'v.visit_id',
      'v.walk_id',
      'v.teacher_id',
      'v.class_code',
      'v.status',
      'v.planned_start',
      'v.planned_end',
      'w.status as walk_status',
      'p.full_name as teacher_name',
      'plan.feedback_in_person',
    ])
    .where('v.visit_id', '=', visitId)
    .executeTakeFirst();
  if (!v) return null;
  const observers = await observersOf(tx, v.walk_id);
  return { ...v, observers };
}
export type VisitForFeedback = NonNullable<Awaited<ReturnType<typeof visitForFeedback>>>;

export async function observersOf(tx: Tx, walkId: string) {
  const rows = await tx
    .selectFrom('walk_observers')
    .select('person_id')
    .where('walk_id', '=', walkId)
    .execute();
  return rows.map((r) => r.person_id);
}

export function walkForFeedback(tx: Tx, walkId: string) {
  return tx
    .selectFrom('walks as w')
    .leftJoin('walk_planning as plan', (j) =>
      j.onRef('plan.trust_id', '=', 'w.trust_id').onRef('plan.walk_id', '=', 'w.walk_id'),
    )
    .select(['w.trust_id', 'w.school_id', 'w.walk_id', 'plan.feedback_in_person'])
    .where('w.walk_id', '=', walkId)
    .executeTakeFirst();
}

const conversationColumns = [
  'f.visit_id',
  'f.walk_id',
  'f.offered_times',
  'f.minutes',
  'f.choice',
  'f.chosen_time',
  'f.held_at',
  'v.class_code',
  'v.planned_start',
  'p.full_name as teacher_name',
] as const;

function conversations(tx: Tx) {
  return tx
    .selectFrom('feedback_conversations as f')
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'f.trust_id').onRef('v.visit_id', '=', 'f.visit_id'),
    )
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'f.trust_id').onRef('p.person_id', '=', 'f.teacher_id'),
    )
    .select(conversationColumns);
}
export type ConversationRow = Awaited<
  ReturnType<ReturnType<typeof conversations>['execute']>
>[number];

export function conversationOf(tx: Tx, visitId: string) {
  return conversations(tx).where('f.visit_id', '=', visitId).executeTakeFirst();
}

export function conversationsOfWalk(tx: Tx, walkId: string) {
  return conversations(tx).where('f.walk_id', '=', walkId).execute();
}

export function conversationsOfTeacher(tx: Tx, personId: string) {
  return conversations(tx)
    .where('f.teacher_id', '=', personId)
    .orderBy('v.planned_start', 'desc')
    .execute();
}

export function visitsOfWalk(tx: Tx, walkId: string) {
  return tx
    .selectFrom('visits as v')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'v.trust_id').onRef('p.person_id', '=', 'v.teacher_id'),
    )
    .select(['v.visit_id', 'v.class_code', 'p.full_name as teacher_name', 'v.route_order'])
    .where('v.walk_id', '=', walkId)
    .where('v.status', '=', 'planned')
    .orderBy('v.route_order')
    .execute();
}

export function findRow(tx: Tx, visitId: string) {
  return tx
    .selectFrom('feedback_conversations')
    .selectAll()
    .where('visit_id', '=', visitId)
    .forUpdate()
    .executeTakeFirst();
}

export function saveOffer(tx: Tx, row: Insertable<FeedbackConversationsTable>) {
  return tx
    .insertInto('feedback_conversations')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['trust_id', 'visit_id']).doUpdateSet({
        offered_by: row.offered_by ?? null,
        offered_times: row.offered_times,
        minutes: row.minutes ?? 15,
        offered_at: row.offered_at,
      }),
    )
    .execute();
}

export function update(tx: Tx, visitId: string, set: Updateable<FeedbackConversationsTable>) {
  return tx
    .updateTable('feedback_conversations')
    .set(set)
    .where('visit_id', '=', visitId)
    .execute();
}
