import type { Kysely } from 'kysely';
import { PULSE_ROLES, type PulseAnswer, shuffled } from '../../domain/reviews/pulse.ts';
import type { DB } from '../db/schema.ts';
import { withTenant } from '../db/with-tenant.ts';
import { schoolPeople } from '../kernel/school-people.ts';

/**
 * The demo trust's secondary school held a review after the first half of the autumn term: its
 * pulse closed on 6 November 2026 and the review on 12 November, so the trust dashboard has a
 * pulse to show. Deterministic: the same staff answer the same way on every seed. Written as the
 * service writes answers (no person, no time; respondents apart, by person id).
 */

const COMMENTS = [
  'Knowing the focus beforehand made the visits feel like part of our own planning.',
  'More notice before exam weeks, please.',
  'The debrief was about the whole school, which helped.',
  'Ten minutes felt about right for a room.',
];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoReview(db: Kysely<DB>, trustId: string): Promise<string | null> {
  return withTenant(db, trustId, async (tx) => {
    const school = await tx
      .selectFrom('schools')
      .select(['school_id'])
      .where('phase', '=', 'secondary')
      .orderBy('name')
      .executeTakeFirst();
    if (!school) return null;
    const staff = await schoolPeople(tx, school.school_id, PULSE_ROLES);
    const leader = await tx
      .selectFrom('memberships')
      .select('person_id')
      .where('school_id', '=', school.school_id)
      .where('role', '=', 'school_leader')
      .executeTakeFirst();
    const review = await tx
      .insertInto('reviews')
      .values({
        trust_id: trustId,
        school_id: school.school_id,
        title: 'Autumn half-term review',
        term_id: null,
        period_label: 'Wed 2 Sep 2026 to Fri 23 Oct 2026',
        period_from: '2026-09-02',
        period_to: '2026-10-23',
        pulse_closes_on: '2026-11-06',
        staff_count: staff.length,
        notes:
          'Staff discussed the first half-term of walks. Most want them to carry on as they are; some asked for more notice around mock exams. Agreed: no walks in exam weeks, and the focus shared a week ahead.',
        opened_by: leader?.person_id ?? null,
        opened_at: new Date('2026-10-19T08:00:00Z'),
        closed_by: leader?.person_id ?? null,
        closed_at: new Date('2026-11-12T16:00:00Z'),
      })
      .returning('review_id')
      .executeTakeFirstOrThrow();
    const random = mulberry32(2026);
    const respondents = staff.filter(() => random() < 0.7);
    const answers: PulseAnswer[] = respondents.map((_, i) => {
      const r = random();
      return {
        walks: r < 0.45 ? 'more' : r < 0.85 ? 'same' : 'fewer',
        supportive: random() < 0.6 ? 'yes' : random() < 0.7 ? 'mostly' : 'not_really',
        comment: i < COMMENTS.length ? COMMENTS[i]! : null,
      };
    });
    if (answers.length > 0) {
      await tx
        .insertInto('review_pulse_answers')
        .values(
          shuffled(answers, random).map((a) => ({
            trust_id: trustId,
            review_id: review.review_id,
            answer_id: crypto.randomUUID(),
            ...a,
          })),
        )
        .execute();
      await tx
        .insertInto('review_pulse_respondents')
        .values(
          respondents
            .map((p) => p.person_id)
            .sort()
            .map((person_id) => ({ trust_id: trustId, review_id: review.review_id, person_id })),
        )
        .execute();
    }
    return review.review_id;
  });
}
