import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Tx } from '../db/with-tenant.ts';

/**
 * Everything the trust holds about one person (issue 17), read inside the tenant's transaction.
 * Secrets are never read (password hashes, token hashes, sealed MFA seeds). Records other
 * people's lessons hold are not: a person who observed gets their walks and a count of what
 * they wrote, because the content is about another teacher (see docs/data-protection.md).
 */

export const findPerson = (tx: Tx, personId: string) =>
  tx
    .selectFrom('people')
    .select(['person_id', 'full_name', 'title', 'email', 'created_at', 'disabled_at'])
    .where('person_id', '=', personId)
    .executeTakeFirst();

export async function profileExtras(tx: Tx, personId: string) {
  const password = await tx
    .selectFrom('credentials')
    .select('updated_at')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  const mfa = await tx
    .selectFrom('mfa_enrolments')
    .select(['confirmed_at', 'created_at'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
  const codes = await tx
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return {
    passwordSetAt: password?.updated_at ?? null,
    twoStepSignIn: mfa
      ? {
          startedAt: mfa.created_at,
          confirmedAt: mfa.confirmed_at,
          recoveryCodesLeft: Number(codes?.n ?? 0),
        }
      : null,
  };
}

export async function roles(tx: Tx, personId: string) {
  const memberships = await tx
    .selectFrom('memberships as m')
    .leftJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'm.trust_id').onRef('s.school_id', '=', 'm.school_id'),
    )
    .select(['m.role', 'm.school_id', 's.name as school'])
    .where('m.person_id', '=', personId)
    .orderBy('s.name')
    .execute();
  const profiles = await tx
    .selectFrom('staff_profiles as p')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'p.trust_id').onRef('s.school_id', '=', 'p.school_id'),
    )
    .leftJoin('people as c', (j) =>
      j.onRef('c.trust_id', '=', 'p.trust_id').onRef('c.person_id', '=', 'p.coach_id'),
    )
    .select(['s.name as school', 'p.staff_code', 'c.full_name as coach'])
    .where('p.person_id', '=', personId)
    .execute();
  const departments = await tx
    .selectFrom('staff_departments as d')
    .innerJoin('departments as x', (j) =>
      j.onRef('x.trust_id', '=', 'd.trust_id').onRef('x.department_id', '=', 'd.department_id'),
    )
    .select(['x.name as department', 'd.school_id'])
    .where('d.person_id', '=', personId)
    .execute();
  const concernHead = await tx
    .selectFrom('school_concern_settings')
    .select('school_id')
    .where('head_person_id', '=', personId)
    .execute();
  const namedPerson = await tx
    .selectFrom('trust_concern_settings')
    .select('named_role')
    .where('named_person_id', '=', personId)
    .execute();
  return {
    memberships,
    profiles,
    departments,
    concernHeadOf: concernHead,
    namedPersonFor: namedPerson,
  };
}

export async function timetable(tx: Tx, personId: string) {
  const coTaught = tx
    .selectFrom('lesson_co_teachers')
    .select('lesson_id')
    .where('person_id', '=', personId);
  return tx
    .selectFrom('lessons as l')
    .innerJoin('periods as p', (j) =>
      j.onRef('p.trust_id', '=', 'l.trust_id').onRef('p.period_id', '=', 'l.period_id'),
    )
    .innerJoin('rooms as r', (j) =>
      j.onRef('r.trust_id', '=', 'l.trust_id').onRef('r.room_id', '=', 'l.room_id'),
    )
    .select([
      'l.lesson_id',
      'l.school_id',
      'l.class_code',
      'l.cycle_week',
      'l.weekday',
      'p.name as period',
      'r.name as room',
    ])
    .where((eb) => eb.or([eb('l.teacher_id', '=', personId), eb('l.lesson_id', 'in', coTaught)]))
    .orderBy(['l.cycle_week', 'l.weekday', 'p.ordinal'])
    .execute();
}

/** Visits to the person's lessons: they taught it, or co-taught it when it was planned. */
export function visitsTo(tx: Tx, personId: string) {
  const coTaught = tx
    .selectFrom('visit_co_teachers')
    .select('visit_id')
    .where('person_id', '=', personId);
  return tx
    .selectFrom('visits as v')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'v.trust_id').onRef('s.school_id', '=', 'v.school_id'),
    )
    .select([
      'v.visit_id',
      's.name as school',
      'v.visit_date',
      'v.planned_start',
      'v.planned_end',
      'v.room_name',
      'v.class_code',
      'v.department',
      'v.year_group',
      'v.status',
      'v.invited',
      'v.notice_sent_at',
      'v.teacher_agreed_at',
      'v.cancelled_at',
      'w.walk_id',
      'w.kind as walk_kind',
      'w.focus_title',
      'w.purpose',
      'w.status as walk_status',
      (eb) =>
        eb
          .selectFrom('walk_observers as o')
          .innerJoin('people as p', (j) =>
            j.onRef('p.trust_id', '=', 'o.trust_id').onRef('p.person_id', '=', 'o.person_id'),
          )
          .select(sql<string>`string_agg(p.full_name, ', ' ORDER BY p.full_name)`.as('names'))
          .whereRef('o.walk_id', '=', 'v.walk_id')
          .as('observers'),
    ])
    .where((eb) => eb.or([eb('v.teacher_id', '=', personId), eb('v.visit_id', 'in', coTaught)]))
    .orderBy('v.planned_start')
    .execute();
}

export const recordsOf = (tx: Tx, visitIds: string[]) =>
  visitIds.length === 0
    ? Promise.resolve([])
    : tx
        .selectFrom('records as r')
        .innerJoin('people as p', (j) =>
          j.onRef('p.trust_id', '=', 'r.trust_id').onRef('p.person_id', '=', 'r.observer_id'),
        )
        .select([
          'r.record_id',
          'r.visit_id',
          'p.full_name as observer',
          'r.version_no',
          'r.body',
          'r.captured_at',
          'r.handed_in_at',
          'r.erased_at',
        ])
        .where('r.visit_id', 'in', visitIds)
        .orderBy(['r.visit_id', 'r.record_id'])
        .execute();

export const versionsOf = (tx: Tx, recordIds: string[]) =>
  recordIds.length === 0
    ? Promise.resolve([])
    : tx
        .selectFrom('record_versions')
        .select(['record_id', 'version_no', 'body', 'created_at'])
        .where('record_id', 'in', recordIds)
        .orderBy(['record_id', 'version_no'])
        .execute();

export const photosOf = (tx: Tx, recordIds: string[]) =>
  recordIds.length === 0
    ? Promise.resolve([])
    : tx
        .selectFrom('record_photos')
        .select(['photo_id', 'record_id', 'bytes', 'width', 'height', 'created_at'])
        .where('record_id', 'in', recordIds)
        .execute();

const onVisitsOr =
  <T extends string>(visitIds: string[], column: T, personId: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: a column of several tables, checked by each caller's table.
  (eb: any) =>
    visitIds.length
      ? eb.or([eb(column, '=', personId), eb('visit_id', 'in', visitIds)])
      : eb(column, '=', personId);

export async function afterTheWalk(tx: Tx, personId: string, visitIds: string[]) {
  return {
    responses: await tx
      .selectFrom('visit_responses')
      .select(['response_id', 'visit_id', 'body', 'created_at'])
      .where(onVisitsOr(visitIds, 'author_id', personId))
      .orderBy('created_at')
      .execute(),
    flags: await tx
      .selectFrom('record_flags')
      .select([
        'flag_id',
        'visit_id',
        'record_id',
        'item',
        'explanation',
        'raised_at',
        'status',
        'resolved_at',
        'resolution_note',
      ])
      .where(onVisitsOr(visitIds, 'raised_by', personId))
      .orderBy('raised_at')
      .execute(),
    reflections: await tx
      .selectFrom('visit_reflections')
      .select(['visit_id', 'body', 'updated_at'])
      .where('teacher_id', '=', personId)
      .execute(),
    // Peer walks (issue 15): their own reflections on walks they observed, with ideas to try.
    walkReflections: await tx
      .selectFrom('walk_reflections as r')
      .select((eb) => [
        'r.walk_id',
        'r.body',
        'r.coach_id',
        'r.shared_at',
        'r.updated_at',
        jsonArrayFrom(
          eb
            .selectFrom('reflection_ideas as i')
            .select(['i.text', 'i.look_for_id', 'i.share_in_summary'])
            .whereRef('i.trust_id', '=', 'r.trust_id')
            .whereRef('i.reflection_id', '=', 'r.reflection_id')
            .orderBy('i.position'),
        ).as('ideas'),
      ])
      .where('r.author_id', '=', personId)
      .execute(),
    coachShares: await tx
      .selectFrom('visit_coach_shares')
      .select(['visit_id', 'include_reflection', 'shared_at', 'revoked_at'])
      .where(onVisitsOr(visitIds, 'coach_id', personId))
      .execute(),
    feedbackConversations: await tx
      .selectFrom('feedback_conversations')
      .select([
        'visit_id',
        'offered_times',
        'minutes',
        'offered_at',
        'choice',
        'chosen_time',
        'answered_at',
        'held_at',
      ])
      .where('teacher_id', '=', personId)
      .execute(),
    practiceExamples: await tx
      .selectFrom('practice_examples')
      .select([
        'example_id',
        'visit_id',
        'look_for',
        'title',
        'body',
        'scope',
        'status',
        'named',
        'proposed_at',
        'answered_at',
      ])
      .where('teacher_id', '=', personId)
      .execute(),
    invitations: await tx
      .selectFrom('walk_invitations')
      .select([
        'invitation_id',
        'invite_date',
        'class_code',
        'note',
        'status',
        'answered_at',
        'answer_note',
        'created_at',
      ])
      .where('teacher_id', '=', personId)
      .execute(),
  };
}

/** Walks the person observed, with how many records they wrote: never another teacher's record. */
export function walksObserved(tx: Tx, personId: string) {
  return tx
    .selectFrom('walk_observers as o')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'o.trust_id').onRef('w.walk_id', '=', 'o.walk_id'),
    )
    .select([
      'w.walk_id',
      'w.walk_date',
      'w.focus_title',
      'w.status',
      (eb) =>
        eb
          .selectFrom('records as r')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .whereRef('r.walk_id', '=', 'o.walk_id')
          .where('r.observer_id', '=', personId)
          .as('records_written'),
    ])
    .where('o.person_id', '=', personId)
    .orderBy('w.walk_date')
    .execute();
}

export async function participation(tx: Tx, personId: string) {
  return {
    programmeComments: await tx
      .selectFrom('programme_comments')
      .select(['comment_id', 'programme_id', 'body', 'created_at', 'answer', 'answered_at'])
      .where('author_id', '=', personId)
      .execute(),
    anonymousCommentsOn: await tx
      .selectFrom('programme_anonymous_commenters')
      .select('programme_id')
      .where('person_id', '=', personId)
      .execute(),
    pulsesAnswered: await tx
      .selectFrom('review_pulse_respondents')
      .select('review_id')
      .where('person_id', '=', personId)
      .execute(),
    debriefs: await tx
      .selectFrom('debrief_participants')
      .select(['debrief_id', 'part', 'invited_at', 'took_part'])
      .where('person_id', '=', personId)
      .execute(),
    actionsOwned: await tx
      .selectFrom('school_actions')
      .select(['action_id', 'title', 'due_on', 'status', 'completed_at'])
      .where('owner_id', '=', personId)
      .execute(),
    concernsRaised: await tx
      .selectFrom('concerns')
      .select([
        'concern_id',
        'kind',
        'summary',
        'details',
        'raised_at',
        'acknowledged_at',
        'response',
        'outcome',
        'answered_at',
        'decision',
        'escalation_reason',
        'escalation_response',
        'escalation_outcome',
      ])
      .where('raised_by', '=', personId)
      .execute(),
  };
}

export async function communications(tx: Tx, personId: string, email: string) {
  return {
    notices: await tx
      .selectFrom('notices')
      .select(['notice_id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute(),
    mail: await tx
      .selectFrom('mail_outbox')
      .select(['mail_id', 'subject', 'text_body', 'created_at', 'sent_at', 'kind'])
      .where('to_address', '=', email)
      .orderBy('created_at')
      .execute(),
  };
}

export async function signInTraces(tx: Tx, personId: string) {
  return {
    sessions: await tx
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'ended_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute(),
    signInLinks: await tx
      .selectFrom('sign_in_links')
      .select(['purpose', 'created_at', 'expires_at', 'used_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute(),
    calendarFeeds: await tx
      .selectFrom('calendar_feeds')
      .select(['created_at', 'revoked_at', 'last_read_at'])
      .where('person_id', '=', personId)
      .execute(),
  };
}

/** Audit events by the person, about them, or about their visits and those visits' records. */
export function auditAbout(tx: Tx, personId: string, subjectIds: string[]) {
  return tx
    .selectFrom('audit_events as a')
    .leftJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'a.trust_id').onRef('p.person_id', '=', 'a.actor_person_id'),
    )
    .select(['a.at', 'p.full_name as actor', 'a.action', 'a.subject_type', 'a.subject_id'])
    .where((eb) =>
      eb.or([
        eb('a.actor_person_id', '=', personId),
        eb('a.subject_id', 'in', [personId, ...subjectIds]),
      ]),
    )
    .orderBy('a.at')
    .execute();
}

/** How many dashboard cells count the person among their teachers (for suppression only). */
export async function figuresCountedIn(tx: Tx, personId: string) {
  const row = await tx
    .selectFrom('insights_cell_teachers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('teacher_id', '=', personId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The prompts of look-fors (the trust's or a school's own), so a record reads as it was asked. */
export async function lookForPrompts(tx: Tx, ids: string[]) {
  const map = new Map<string, string>();
  if (ids.length === 0) return map;
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return map;
  for (const r of await tx
    .selectFrom('framework_look_fors')
    .select(['look_for_id as id', 'prompt'])
    .where('look_for_id', 'in', uuids)
    .execute())
    map.set(r.id, r.prompt);
  for (const r of await tx
    .selectFrom('school_look_fors')
    .select(['school_look_for_id as id', 'prompt'])
    .where('school_look_for_id', 'in', uuids)
    .execute())
    map.set(r.id, r.prompt);
  return map;
}

export const trustNameOf = (tx: Tx) =>
  tx
    .selectFrom('trusts')
    .select('name')
    .executeTakeFirst()
    .then((r) => r?.name ?? 'The trust');
