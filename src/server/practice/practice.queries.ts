import { type Insertable, sql } from 'kysely';
import type { PracticeExamplesTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

export function debriefOf(tx: Tx, debriefId: string) {
  return tx
    .selectFrom('debriefs')
    .select(['trust_id', 'school_id', 'debrief_id'])
    .where('debrief_id', '=', debriefId)
    .executeTakeFirst();
}

/** The visit, if it is on one of the debrief's walks. */
export function visitOfDebrief(tx: Tx, debriefId: string, visitId: string) {
  return tx
    .selectFrom('visits as v')
    .innerJoin('debrief_walks as dw', (j) =>
      j.onRef('dw.trust_id', '=', 'v.trust_id').onRef('dw.walk_id', '=', 'v.walk_id'),
    )
    .select(['v.visit_id', 'v.teacher_id'])
    .where('dw.debrief_id', '=', debriefId)
    .where('v.visit_id', '=', visitId)
    .executeTakeFirst();
}

export async function insertExample(tx: Tx, row: Insertable<PracticeExamplesTable>) {
  const { example_id } = await tx
    .insertInto('practice_examples')
    .values(row)
    .returning('example_id')
    .executeTakeFirstOrThrow();
  return example_id;
}

function examples(tx: Tx) {
  return tx
    .selectFrom('practice_examples as e')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'e.trust_id').onRef('s.school_id', '=', 'e.school_id'),
    )
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'e.trust_id').onRef('p.person_id', '=', 'e.teacher_id'),
    )
    .select([
      'e.example_id',
      'e.school_id',
      'e.teacher_id',
      'e.look_for',
      'e.title',
      'e.body',
      'e.scope',
      'e.status',
      'e.named',
      's.name as school_name',
      'p.full_name as teacher_name',
    ]);
}
export type ExampleRow = Awaited<ReturnType<ReturnType<typeof examples>['execute']>>[number];

export function findExample(tx: Tx, exampleId: string) {
  return examples(tx).where('e.example_id', '=', exampleId).executeTakeFirst();
}

export function requestsOf(tx: Tx, teacherId: string) {
  return examples(tx)
    .where('e.teacher_id', '=', teacherId)
    .where('e.status', '=', 'asked')
    .orderBy('e.proposed_at', 'desc')
    .execute();
}

/** Published examples: the school's own, and every school's shared with the trust. */
export function library(tx: Tx, schoolId: string, lookFor: string | undefined) {
  let query = examples(tx)
    .where('e.status', '=', 'published')
    .where((eb) => eb.or([eb('e.school_id', '=', schoolId), eb('e.scope', '=', 'trust')]));
  if (lookFor) {
    query = query.where(
      sql<boolean>`e.look_for ILIKE ${`%${lookFor.replace(/[%_\\]/g, '\\$&')}%`}`,
    );
  }
  return query.orderBy('e.answered_at', 'desc').limit(200).execute();
}

export function answer(
  tx: Tx,
  exampleId: string,
  set: { status: 'published' | 'declined'; named: boolean; answered_at: Date },
) {
  return tx
    .updateTable('practice_examples')
    .set(set)
    .where('example_id', '=', exampleId)
    .where('status', '=', 'asked')
    .executeTakeFirst();
}
