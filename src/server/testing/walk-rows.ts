import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { withTenant } from '../db/with-tenant.ts';
import { instantOf } from '../kernel/school-time.ts';
import { createFocusRows, type TestTrust } from './factories.ts';

/**
 * Test fixtures for notices, feeds and the protocol report: a published programme and a walk
 * with visits, written straight to the database (the walks API has its own tests). Times are
 * school-local wall-clock times in the school's zone (Europe/London).
 */
export type VisitSpec = {
  teacherEmail: string;
  start: string;
  end: string;
  room?: string;
  classCode?: string;
  invited?: boolean;
  /** Date of the visit when it differs from the walk's (never, in practice). */
  date?: string;
  noticeSentAt?: Date | null;
  status?: 'planned' | 'cancelled';
};

export type WalkSpec = {
  school?: 'North' | 'South';
  programmeId?: string;
  date: string;
  windowStart?: string;
  windowEnd?: string;
  focusTitle?: string;
  purpose?: string;
  observerEmails?: string[];
  visits: VisitSpec[];
  /** Write the walk as already published (notices sent) at this instant. */
  publishedAt?: Date | null;
  status?: 'draft' | 'published' | 'cancelled';
};

export async function insertProgramme(
  db: Kysely<DB>,
  trust: TestTrust,
  options: {
    school?: 'North' | 'South';
    status?: 'draft' | 'published';
    agreedOn?: string;
    agreementHow?: string;
    publishedAt?: Date;
    startsOn?: string;
    endsOn?: string;
  } = {},
) {
  const status = options.status ?? 'published';
  return withTenant(db, trust.trustId, async (tx) => {
    const row = await tx
      .insertInto('programmes')
      .values({
        trust_id: trust.trustId,
        school_id: trust.school(options.school ?? 'North'),
        starts_on: options.startsOn ?? '2026-09-02',
        ends_on: options.endsOn ?? '2026-12-18',
        title: 'Autumn 2026 learning walks',
        status,
        agreed_on: status === 'published' ? (options.agreedOn ?? '2026-09-10') : null,
        agreement_how:
          status === 'published'
            ? (options.agreementHow ?? 'Staff meeting; union rep consulted')
            : null,
        published_at:
          status === 'published' ? (options.publishedAt ?? new Date('2026-09-14T08:00:00Z')) : null,
        updated_at: new Date('2026-09-14T08:00:00Z'),
      })
      .returning('programme_id')
      .executeTakeFirstOrThrow();
    return row.programme_id;
  });
}

export async function insertWalk(db: Kysely<DB>, trust: TestTrust, spec: WalkSpec) {
  const schoolId = trust.school(spec.school ?? 'North');
  const programmeId =
    spec.programmeId ?? (await insertProgramme(db, trust, { school: spec.school }));
  const leader = trust.person(trust.email('school_leader', spec.school ?? 'North'));
  const published = spec.publishedAt ?? null;
  return withTenant(db, trust.trustId, async (tx) => {
    // Every walk records against a published framework version, through a focus of its school.
    const existing = await tx
      .selectFrom('foci')
      .select('focus_id')
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    const focusId =
      existing?.focus_id ??
      (await createFocusRows(tx, { trustId: trust.trustId, schoolId })).focusId;
    const walk = await tx
      .insertInto('walks')
      .values({
        trust_id: trust.trustId,
        school_id: schoolId,
        programme_id: programmeId,
        kind: 'learning',
        walk_date: spec.date,
        window_start: spec.windowStart ?? spec.visits[0]?.start ?? '09:00',
        window_end: spec.windowEnd ?? spec.visits.at(-1)?.end ?? '10:00',
        focus_id: focusId,
        focus_title: spec.focusTitle ?? 'Reading aloud',
        purpose: spec.purpose ?? 'To see how pupils read aloud across subjects.',
        status: spec.status ?? (published ? 'published' : 'draft'),
        published_at: published,
        published_by: published ? leader : null,
        cancelled_at: spec.status === 'cancelled' ? (published ?? new Date()) : null,
        created_by: leader,
        updated_at: published ?? new Date('2026-11-01T00:00:00Z'),
      })
      .returning('walk_id')
      .executeTakeFirstOrThrow();
    for (const email of spec.observerEmails ?? []) {
      await tx
        .insertInto('walk_observers')
        .values({ trust_id: trust.trustId, walk_id: walk.walk_id, person_id: trust.person(email) })
        .execute();
    }
    const visitIds: string[] = [];
    let order = 1;
    for (const v of spec.visits) {
      const date = v.date ?? spec.date;
      const row = await tx
        .insertInto('visits')
        .values({
          trust_id: trust.trustId,
          school_id: schoolId,
          walk_id: walk.walk_id,
          teacher_id: trust.person(v.teacherEmail),
          room_name: v.room ?? 'S1',
          building: 'Main',
          floor: 0,
          class_code: v.classCode ?? `7A/${order}`,
          department: 'Science',
          year_group: 'Year 7',
          visit_date: date,
          planned_start: instantOf(date, v.start, 'Europe/London'),
          planned_end: instantOf(date, v.end, 'Europe/London'),
          route_order: order++,
          invited: v.invited ?? false,
          status: v.status ?? 'planned',
          cancelled_at: v.status === 'cancelled' ? new Date('2026-11-01T00:00:00Z') : null,
          reasons: JSON.stringify([]),
          notice_sent_at: v.noticeSentAt !== undefined ? v.noticeSentAt : published,
          needs_teacher_agreement: false,
        })
        .returning('visit_id')
        .executeTakeFirstOrThrow();
      visitIds.push(row.visit_id);
    }
    return { walkId: walk.walk_id, programmeId, visitIds, schoolId };
  });
}
