import type { Insertable, Selectable } from 'kysely';
import type { SelfEvaluationRatingsTable, SelfEvaluationsTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

export type SelfEvaluationRow = Selectable<SelfEvaluationsTable>;
export type RatingRow = Selectable<SelfEvaluationRatingsTable> & { action_title: string | null };

export function findSelfEvaluation(tx: Tx, id: string): Promise<SelfEvaluationRow | undefined> {
  return tx
    .selectFrom('self_evaluations')
    .selectAll()
    .where('self_evaluation_id', '=', id)
    .executeTakeFirst();
}

export function listSelfEvaluations(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('self_evaluations as e')
    .leftJoin('self_evaluation_ratings as r', (j) =>
      j
        .onRef('r.trust_id', '=', 'e.trust_id')
        .onRef('r.self_evaluation_id', '=', 'e.self_evaluation_id'),
    )
    .where('e.school_id', '=', schoolId)
    .groupBy(['e.trust_id', 'e.self_evaluation_id'])
    .select([
      'e.self_evaluation_id',
      'e.period_label',
      'e.period_from',
      'e.period_to',
      'e.started_at',
      'e.completed_at',
      (eb) =>
        eb.fn
          .count<number>('r.statement_id')
          .filterWhere('r.rating', '=', 'in_place')
          .as('in_place'),
      (eb) =>
        eb.fn.count<number>('r.statement_id').filterWhere('r.rating', '=', 'partly').as('partly'),
      (eb) =>
        eb.fn.count<number>('r.statement_id').filterWhere('r.rating', '=', 'not_yet').as('not_yet'),
    ])
    .orderBy('e.period_from', 'desc')
    .orderBy('e.started_at', 'desc')
    .execute();
}

/** The latest completed self-evaluation of the school other than this one, started no later. */
export function previousCompleted(tx: Tx, of: SelfEvaluationRow) {
  return tx
    .selectFrom('self_evaluations')
    .selectAll()
    .where('school_id', '=', of.school_id)
    .where('self_evaluation_id', '<>', of.self_evaluation_id)
    .where('completed_at', 'is not', null)
    .where('started_at', '<=', of.started_at)
    .orderBy('started_at', 'desc')
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function ratingsOf(tx: Tx, selfEvaluationId: string): Promise<RatingRow[]> {
  return tx
    .selectFrom('self_evaluation_ratings as r')
    .leftJoin('school_actions as a', (j) =>
      j.onRef('a.trust_id', '=', 'r.trust_id').onRef('a.action_id', '=', 'r.action_id'),
    )
    .selectAll('r')
    .select('a.title as action_title')
    .where('r.self_evaluation_id', '=', selfEvaluationId)
    .execute();
}

export async function insertSelfEvaluation(tx: Tx, row: Insertable<SelfEvaluationsTable>) {
  const { self_evaluation_id } = await tx
    .insertInto('self_evaluations')
    .values(row)
    .returning('self_evaluation_id')
    .executeTakeFirstOrThrow();
  return self_evaluation_id;
}

export function saveRating(tx: Tx, row: Insertable<SelfEvaluationRatingsTable>) {
  return tx
    .insertInto('self_evaluation_ratings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['trust_id', 'self_evaluation_id', 'statement_id']).doUpdateSet({
        rating: row.rating,
        comment: row.comment ?? '',
        updated_by: row.updated_by ?? null,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export function linkAction(
  tx: Tx,
  selfEvaluationId: string,
  statementId: string,
  actionId: string,
) {
  return tx
    .updateTable('self_evaluation_ratings')
    .set({ action_id: actionId })
    .where('self_evaluation_id', '=', selfEvaluationId)
    .where('statement_id', '=', statementId as SelfEvaluationRatingsTable['statement_id'])
    .execute();
}

export function complete(
  tx: Tx,
  selfEvaluationId: string,
  set: { completed_at: Date; completed_by: string; evidence: string },
) {
  return tx
    .updateTable('self_evaluations')
    .set(set)
    .where('self_evaluation_id', '=', selfEvaluationId)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
}
