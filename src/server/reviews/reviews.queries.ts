import type { Insertable, Selectable, Updateable } from 'kysely';
import type { PulseAnswer } from '../../domain/reviews/pulse.ts';
import type { ReviewDueRemindersTable, ReviewsTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

export type ReviewRow = Selectable<ReviewsTable> & { school_name: string; time_zone: string };

function reviewQuery(tx: Tx) {
  return tx
    .selectFrom('reviews as r')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'r.trust_id').onRef('s.school_id', '=', 'r.school_id'),
    )
    .selectAll('r')
    .select(['s.name as school_name', 's.time_zone']);
}

export function findReview(tx: Tx, reviewId: string): Promise<ReviewRow | undefined> {
  return reviewQuery(tx).where('r.review_id', '=', reviewId).executeTakeFirst();
}

/** The review, locked: answers, closing and notes on one review take turns. */
export function lockReview(tx: Tx, reviewId: string): Promise<ReviewRow | undefined> {
  return reviewQuery(tx).where('r.review_id', '=', reviewId).forUpdate('r').executeTakeFirst();
}

export function listReviews(tx: Tx, schoolId: string): Promise<ReviewRow[]> {
  return reviewQuery(tx)
    .where('r.school_id', '=', schoolId)
    .orderBy('r.opened_at', 'desc')
    .execute();
}

export function findOpenReview(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('reviews')
    .select(['review_id', 'title'])
    .where('school_id', '=', schoolId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
}

/** Answer counts per review (the number of answer rows, which hold no person). */
export async function answerCounts(tx: Tx, reviewIds: readonly string[]) {
  if (reviewIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .selectFrom('review_pulse_answers')
    .select(['review_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('review_id', 'in', reviewIds)
    .groupBy('review_id')
    .execute();
  return new Map(rows.map((r) => [r.review_id, Number(r.n)]));
}

/** Which of these reviews this person has answered (their own, never anyone else's). */
export async function answeredBy(tx: Tx, personId: string, reviewIds: readonly string[]) {
  if (reviewIds.length === 0) return new Set<string>();
  const rows = await tx
    .selectFrom('review_pulse_respondents')
    .select('review_id')
    .where('person_id', '=', personId)
    .where('review_id', 'in', reviewIds)
    .execute();
  return new Set(rows.map((r) => r.review_id));
}

/** A review's answers, sorted by their content (never by when they came in). */
export async function loadAnswers(tx: Tx, reviewId: string): Promise<PulseAnswer[]> {
  return tx
    .selectFrom('review_pulse_answers')
    .select(['walks', 'supportive', 'comment'])
    .where('review_id', '=', reviewId)
    .orderBy('walks')
    .orderBy('supportive')
    .orderBy('comment')
    .execute();
}

/** Names a comment must not carry: the school's people and the trust's leaders and admins. */
export function namesToRefuse(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('people as p')
    .select(['p.full_name', 'p.title'])
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
    .execute();
}

export function schoolK(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_protocol_settings')
    .select('min_group_size')
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export function schoolTerms(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_terms')
    .select(['term_id', 'name', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .execute();
}

// Writes.

export async function insertReview(tx: Tx, row: Insertable<ReviewsTable>) {
  const inserted = await tx
    .insertInto('reviews')
    .values(row)
    .returning('review_id')
    .executeTakeFirstOrThrow();
  return inserted.review_id;
}

export async function updateReview(tx: Tx, reviewId: string, set: Updateable<ReviewsTable>) {
  await tx.updateTable('reviews').set(set).where('review_id', '=', reviewId).execute();
}

/** Marks this person as having answered; undefined if they already had. */
export function claimRespondent(tx: Tx, trustId: string, reviewId: string, personId: string) {
  return tx
    .insertInto('review_pulse_respondents')
    .values({ trust_id: trustId, review_id: reviewId, person_id: personId })
    .onConflict((oc) => oc.doNothing())
    .returning('person_id')
    .executeTakeFirst();
}

/** A review's answer rows, as stored (for rewriting them). */
export function answerRows(tx: Tx, reviewId: string) {
  return tx
    .selectFrom('review_pulse_answers')
    .select(['answer_id', 'walks', 'supportive', 'comment'])
    .where('review_id', '=', reviewId)
    .execute();
}

/** Rewrites a review's answer rows, in the order given. */
export async function replaceAnswerRows(
  tx: Tx,
  trustId: string,
  reviewId: string,
  answers: readonly Awaited<ReturnType<typeof answerRows>>[number][],
) {
  await tx.deleteFrom('review_pulse_answers').where('review_id', '=', reviewId).execute();
  await tx
    .insertInto('review_pulse_answers')
    .values(answers.map((a) => ({ trust_id: trustId, review_id: reviewId, ...a })))
    .execute();
}

export async function respondentIds(tx: Tx, reviewId: string) {
  const rows = await tx
    .selectFrom('review_pulse_respondents')
    .select('person_id')
    .where('review_id', '=', reviewId)
    .execute();
  return rows.map((p) => p.person_id);
}

/** Rewrites a review's respondent rows, in the order given. */
export async function replaceRespondents(
  tx: Tx,
  trustId: string,
  reviewId: string,
  personIds: readonly string[],
) {
  await tx.deleteFrom('review_pulse_respondents').where('review_id', '=', reviewId).execute();
  await tx
    .insertInto('review_pulse_respondents')
    .values(personIds.map((person_id) => ({ trust_id: trustId, review_id: reviewId, person_id })))
    .execute();
}

/** The schools' reviews, newest first (overlapping the term, when one is given), for the trust pulse. */
export function reviewsForPulse(
  tx: Tx,
  schoolIds: readonly string[],
  termRange: { from: string; to: string } | null,
) {
  let query = tx
    .selectFrom('reviews as r')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'r.trust_id').onRef('s.school_id', '=', 'r.school_id'),
    )
    .select([
      'r.review_id',
      'r.school_id',
      'r.title',
      'r.period_label',
      'r.period_to',
      'r.pulse_closes_on',
      'r.pulse_closed_early_at',
      'r.closed_at',
      'r.staff_count',
      's.time_zone',
    ])
    .where('r.school_id', 'in', schoolIds)
    .orderBy('r.opened_at', 'desc')
    .orderBy('r.period_to', 'desc');
  if (termRange) {
    query = query
      .where('r.period_from', '<=', termRange.to)
      .where('r.period_to', '>=', termRange.from);
  }
  return query.execute();
}

/** The answers of these reviews, without their comments. */
export function pulseAnswersOf(tx: Tx, reviewIds: readonly string[]) {
  if (reviewIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('review_pulse_answers')
    .select(['review_id', 'walks', 'supportive'])
    .where('review_id', 'in', reviewIds)
    .execute();
}

/** Every school of the tenant, for the scheduled reminders. */
export function allSchools(tx: Tx) {
  return tx.selectFrom('schools').selectAll().execute();
}

/** The periods the school's reviews cover. */
export function reviewPeriods(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('reviews')
    .select(['period_from', 'period_to'])
    .where('school_id', '=', schoolId)
    .execute();
}

/** Records that a review is due for this period; undefined if the school was already reminded. */
export function claimDueReminder(tx: Tx, row: Insertable<ReviewDueRemindersTable>) {
  return tx
    .insertInto('review_due_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['trust_id', 'school_id', 'period_from']).doNothing())
    .returning('period_from')
    .executeTakeFirst();
}
