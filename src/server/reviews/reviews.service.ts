import { randomInt } from 'node:crypto';
import type {
  OpenReviewInput,
  PulseAnswerInput,
  ReviewDetail,
  ReviewList,
  ReviewSummary,
} from '../../contracts/reviews.ts';
import { formatDate } from '../../domain/calendar/calendar.ts';
import { DEFAULT_K } from '../../domain/insights/evidence.ts';
import { concernsRow } from '../../domain/protocol/report-rules.ts';
import {
  checkReviewDates,
  closedMessage,
  nameInComment,
  PULSE_QUESTIONS,
  PULSE_ROLES,
  pulseState,
  shuffled,
  summarisePulse,
} from '../../domain/reviews/pulse.ts';
import { reviewSchedule } from '../../domain/reviews/schedule.ts';
import { recordAudit } from '../audit/audit.ts';
import { concernCounts } from '../concerns/concern-counts.ts';
import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { schoolPeople } from '../kernel/school-people.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { todayIn } from '../kernel/school-time.ts';
import { type MailInTransaction, withTenantMail } from '../mail/after-commit.ts';
import { type Action, decide } from '../policy/policy.ts';
import * as q from './reviews.queries.ts';

/**
 * Reviews with all staff (DESIGN.md rule 11). A leader opens a review for a period with a
 * closing date for its pulse; every member of staff is told in the app and by mail and answers
 * once, anonymously; the leader reads the results once the pulse has closed (suppressed below
 * the school's k), records the notes and closes the review.
 *
 * Anonymity: an answer is written with no person and no time, and the fact that someone
 * answered is written apart, with no link to it. Both happen in one transaction that also
 * rewrites the review's other rows in both tables (answers shuffled, respondents by person id),
 * so every row of the review carries the same row version and no order on disk pairs them.
 * Answering is never audited: an audit event would put the person and the time side by side.
 */

const iso = (d: Date | string) => new Date(d).toISOString();

const may = (auth: SignedIn, action: Action, schoolId: string) =>
  decide(auth.actor, action, { trustId: auth.actor.trustId, schoolId }) === 'allow';

const audit = (tx: Tx, auth: SignedIn, action: string, reviewId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'review',
    subjectId: reviewId,
  });

/** Loads a review and asks the policy; another trust's review is not found. */
async function authorisedReview(
  tx: Tx,
  auth: SignedIn,
  reviewId: string,
  action: Action,
  doing: string,
  lock = false,
) {
  const review = await (lock ? q.lockReview(tx, reviewId) : q.findReview(tx, reviewId));
  if (!review) throw notFound('The review');
  const decision = decide(auth.actor, action, {
    trustId: review.trust_id,
    schoolId: review.school_id,
  });
  if (decision === 'not_found') throw notFound('The review');
  if (decision === 'deny') throw forbidden(doing);
  return review;
}

function stateOf(r: q.ReviewRow, now: Date) {
  return pulseState(
    {
      closesOn: r.pulse_closes_on,
      closedEarly: r.pulse_closed_early_at !== null,
      reviewClosed: r.closed_at !== null,
    },
    todayIn(r.time_zone, now),
  );
}

function summary(r: q.ReviewRow, now: Date, answered: number, youAnswered: boolean): ReviewSummary {
  return {
    id: r.review_id,
    schoolId: r.school_id,
    title: r.title,
    period: { label: r.period_label, from: r.period_from, to: r.period_to },
    pulseClosesOn: r.pulse_closes_on,
    pulseOpen: stateOf(r, now).open,
    status: r.closed_at ? 'closed' : 'open',
    answered,
    staff: Math.max(r.staff_count, answered),
    youAnswered,
    closedAt: r.closed_at ? iso(r.closed_at) : null,
  };
}

async function kOf(tx: Tx, schoolId: string) {
  return (await q.schoolK(tx, schoolId))?.min_group_size ?? DEFAULT_K;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export function listReviews(deps: AppDeps, auth: SignedIn, schoolId: string): Promise<ReviewList> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'review.view',
      'see this school’s reviews',
    );
    const now = deps.now();
    const rows = await q.listReviews(tx, schoolId);
    const ids = rows.map((r) => r.review_id);
    const [counts, mine, terms, settings] = await Promise.all([
      q.answerCounts(tx, ids),
      q.answeredBy(tx, auth.actor.personId, ids),
      q.schoolTerms(tx, schoolId),
      loadSettingsRow(tx, schoolId),
    ]);
    const calendar = await loadCalendar(tx, school, settings.cycleAnchor);
    const today = todayIn(school.time_zone, now);
    return {
      schedule: {
        frequency: settings.reviewFrequency,
        periods: reviewSchedule(
          calendar,
          settings.reviewFrequency,
          rows.map((r) => ({ from: r.period_from, to: r.period_to })),
          today,
        ),
      },
      schoolName: school.name,
      today: todayIn(school.time_zone, now),
      canManage: may(auth, 'review.manage', schoolId),
      canAnswer: may(auth, 'review.answer', schoolId),
      terms: terms.map((t) => ({
        id: t.term_id,
        name: t.name,
        startsOn: t.starts_on,
        endsOn: t.ends_on,
      })),
      reviews: rows.map((r) =>
        summary(r, now, counts.get(r.review_id) ?? 0, mine.has(r.review_id)),
      ),
    };
  });
}

export function getReview(deps: AppDeps, auth: SignedIn, reviewId: string): Promise<ReviewDetail> {
  return withTenant(deps.db, auth.actor.trustId, (tx) => reviewDetail(tx, deps, auth, reviewId));
}

async function reviewDetail(
  tx: Tx,
  deps: Pick<AppDeps, 'now'>,
  auth: SignedIn,
  reviewId: string,
): Promise<ReviewDetail> {
  const r = await authorisedReview(tx, auth, reviewId, 'review.view', 'see this review');
  const now = deps.now();
  const state = stateOf(r, now);
  const [counts, mine] = await Promise.all([
    q.answerCounts(tx, [r.review_id]),
    q.answeredBy(tx, auth.actor.personId, [r.review_id]),
  ]);
  const answered = counts.get(r.review_id) ?? 0;
  const leader = may(auth, 'review.view_results', r.school_id);
  // Leaders read the results once the pulse has closed; all staff once the review is closed
  // (its notes are then what the leader shares with them).
  const seesResults = leader || r.closed_at !== null;
  const results = seesResults
    ? summarisePulse(await q.loadAnswers(tx, r.review_id), {
        k: await kOf(tx, r.school_id),
        staff: r.staff_count,
        closed: !state.open,
      })
    : null;
  return {
    ...summary(r, now, answered, mine.has(r.review_id)),
    schoolName: r.school_name,
    canManage: may(auth, 'review.manage', r.school_id),
    canAnswer: may(auth, 'review.answer', r.school_id),
    pulseClosedReason: closedMessage(state, formatDate(r.pulse_closes_on)),
    questions: PULSE_QUESTIONS,
    results,
    notes: seesResults ? r.notes : null,
    concerns: await concernsInPeriod(tx, r, now),
  };
}

/**
 * The concerns raised in the review's period, counted as the protocol report counts them (rule
 * 12): by kind, time to acknowledge, outcomes — never who raised one or what it said.
 */
async function concernsInPeriod(tx: Tx, r: q.ReviewRow, now: Date) {
  const settings = await loadSettingsRow(tx, r.school_id);
  // Counting school days needs the terms and closures only, not the timetable's cycle.
  const calendar = await loadCalendar(
    tx,
    { school_id: r.school_id, timetable_cycle_weeks: 1 },
    settings.cycleAnchor,
  );
  const facts = await concernCounts(tx, calendar, {
    schoolId: r.school_id,
    from: r.period_from,
    to: r.period_to,
    today: todayIn(r.time_zone, now),
  });
  const { status, evidence } = concernsRow(facts);
  return { status, evidence };
}

type ReviewPeriod = { from: string; to: string; label: string; termId: string | null };

/** The period a review covers: one of the school's terms, or the dates given. */
async function reviewPeriod(tx: Tx, schoolId: string, input: OpenReviewInput) {
  let period: ReviewPeriod;
  if (input.termId) {
    const term = (await q.schoolTerms(tx, schoolId)).find((t) => t.term_id === input.termId);
    if (!term) {
      throw new AppError(
        'unknown_term',
        'That term is not one of this school’s terms. Choose one from the list, or give dates.',
        [{ field: 'body.termId', message: 'is not a term of this school' }],
      );
    }
    period = { from: term.starts_on, to: term.ends_on, label: term.name, termId: term.term_id };
  } else {
    const from = input.from!;
    const to = input.to!;
    period = { from, to, label: `${formatDate(from)} to ${formatDate(to)}`, termId: null };
  }
  return period;
}

/** Every member of staff the pulse asks is told in the app and by mail, with the link. */
async function tellStaff(
  deps: AppDeps,
  mail: MailInTransaction,
  to: {
    trustId: string;
    school: { school_id: string; name: string };
    staff: Awaited<ReturnType<typeof schoolPeople>>;
  },
  review: { reviewId: string; title: string; closesOn: string; period: ReviewPeriod; now: Date },
) {
  const link = `/reviews/${review.reviewId}`;
  const title = `Staff pulse: ${review.title}`;
  const closes = formatDate(review.closesOn);
  const body = `${to.school.name} is reviewing how learning walks went (${review.period.label}). Tell us, anonymously, whether you want more walks, about the same or fewer, by ${closes}. Nobody can see what you answered.`;
  for (const s of to.staff) {
    // The notice and the mail together (mail/tell.ts).
    await mail({
      kind: 'review_opened',
      personId: s.person_id,
      email: s.email,
      schoolId: to.school.school_id,
      subject: `${title} (${to.school.name})`,
      noticeTitle: title,
      noticeBody: body,
      link,
      lines: [
        `Hello ${s.full_name},`,
        '',
        `${to.school.name} is holding a review of its learning walks, “${review.title}”, covering ${review.period.label}.`,
        'Before it, every member of staff is asked two short questions: do you want more learning walks, about the same, or fewer; and did walks this period feel supportive? You can add a comment too.',
        '',
        `Your answer is anonymous: it is stored apart from the fact that you answered, and results are shown only when at least a few colleagues have answered. The pulse closes at the end of ${closes}.`,
        '',
        `Answer in Learning Walks: ${deps.config.publicUrl}${link}`,
      ],
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Opening
// ---------------------------------------------------------------------------------------------

export function openReview(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: OpenReviewInput,
): Promise<ReviewDetail> {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'review.manage',
      'open a review of learning walks',
    );
    const now = deps.now();
    const today = todayIn(school.time_zone, now);
    const period = await reviewPeriod(tx, schoolId, input);
    const problems = checkReviewDates({
      from: period.from,
      to: period.to,
      closesOn: input.pulseClosesOn,
      today,
    });
    if (problems.length > 0) {
      throw new AppError('review_rejected', problems[0]!.message, problems);
    }
    const open = await q.findOpenReview(tx, schoolId);
    if (open) throw reviewAlreadyOpen(open.title);
    const staff = await schoolPeople(tx, schoolId, PULSE_ROLES);
    let reviewId: string;
    try {
      reviewId = await q.insertReview(tx, {
        trust_id: auth.actor.trustId,
        school_id: schoolId,
        title: input.title,
        term_id: period.termId,
        period_label: period.label,
        period_from: period.from,
        period_to: period.to,
        pulse_closes_on: input.pulseClosesOn,
        staff_count: staff.length,
        opened_by: auth.actor.personId,
        opened_at: now,
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw reviewAlreadyOpen(null);
      throw e;
    }
    await tellStaff(
      deps,
      mail,
      { trustId: auth.actor.trustId, school, staff },
      {
        reviewId,
        title: input.title,
        closesOn: input.pulseClosesOn,
        period,
        now,
      },
    );
    await audit(tx, auth, 'review.open', reviewId);
    return reviewDetail(tx, deps, auth, reviewId);
  });
}

function reviewAlreadyOpen(title: string | null) {
  return new AppError(
    'review_open',
    `${title ? `“${title}”` : 'Another review'} is still open for this school. Close it before opening another, so staff are asked one pulse at a time.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Answering, anonymously
// ---------------------------------------------------------------------------------------------

const cryptoRandom = () => randomInt(0, 2 ** 47) / 2 ** 47;

export function answerPulse(
  deps: AppDeps,
  auth: SignedIn,
  reviewId: string,
  input: PulseAnswerInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const r = await authorisedReview(
      tx,
      auth,
      reviewId,
      'review.answer',
      'answer this pulse: it asks the school’s own leaders, observers and teachers',
      true,
    );
    const state = stateOf(r, deps.now());
    if (!state.open) {
      throw new AppError(
        'pulse_closed',
        closedMessage(state, formatDate(r.pulse_closes_on)) ?? 'The pulse is closed.',
      );
    }
    if (input.comment) {
      const names = await q.namesToRefuse(tx, r.school_id);
      const named = nameInComment(input.comment, namesFor(names));
      if (named) {
        throw new AppError(
          'comment_names_someone',
          `Your comment names someone (“${named}”). Remove the name and send it again: the pulse is anonymous, and about how walks are run, never about a person.`,
          [{ field: 'body.comment', message: `names “${named}”` }],
        );
      }
    }
    const trustId = auth.actor.trustId;
    const inserted = await q.claimRespondent(tx, trustId, reviewId, auth.actor.personId);
    if (!inserted) {
      throw new AppError(
        'already_answered',
        'You have already answered this pulse. Each member of staff answers once, and answers cannot be changed because nobody, you included, can find yours again.',
      );
    }
    // Rewrite the review's rows in both tables in this transaction: answers in a random order,
    // respondents by person id, so neither row versions nor their order pair a person with an answer.
    const answers = await q.answerRows(tx, reviewId);
    answers.push({
      answer_id: crypto.randomUUID(),
      walks: input.walks,
      supportive: input.supportive,
      comment: input.comment ?? null,
    });
    await q.replaceAnswerRows(tx, trustId, reviewId, shuffled(answers, cryptoRandom));
    const respondents = await q.respondentIds(tx, reviewId);
    await q.replaceRespondents(tx, trustId, reviewId, respondents.sort());
    return {
      answered: true as const,
      message: 'Thank you. Your answer is recorded anonymously.',
    };
  });
}

function namesFor(people: readonly { full_name: string; title: string | null }[]) {
  const names = new Set<string>();
  for (const p of people) {
    names.add(p.full_name);
    const surname = p.full_name.trim().split(/\s+/).at(-1);
    if (p.title && surname) names.add(`${p.title} ${surname}`);
  }
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// Leading the review: close the pulse, notes, close the review
// ---------------------------------------------------------------------------------------------

function alreadyClosed() {
  return new AppError(
    'review_closed',
    'This review is closed: its pulse and notes are final. Open a new review for another period.',
  );
}

export function closePulse(deps: AppDeps, auth: SignedIn, reviewId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const r = await authorisedReview(
      tx,
      auth,
      reviewId,
      'review.manage',
      'close this review’s pulse',
      true,
    );
    if (r.closed_at) throw alreadyClosed();
    if (!stateOf(r, deps.now()).open) {
      throw new AppError('pulse_already_closed', 'The pulse of this review is already closed.');
    }
    await q.updateReview(tx, reviewId, { pulse_closed_early_at: deps.now() });
    await audit(tx, auth, 'review.close_pulse', reviewId);
    return reviewDetail(tx, deps, auth, reviewId);
  });
}

export function saveNotes(deps: AppDeps, auth: SignedIn, reviewId: string, notes: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const r = await authorisedReview(
      tx,
      auth,
      reviewId,
      'review.manage',
      'record this review’s notes',
      true,
    );
    if (r.closed_at) throw alreadyClosed();
    await q.updateReview(tx, reviewId, { notes });
    await audit(tx, auth, 'review.notes', reviewId);
    return reviewDetail(tx, deps, auth, reviewId);
  });
}

export function closeReview(deps: AppDeps, auth: SignedIn, reviewId: string, notes: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const r = await authorisedReview(
      tx,
      auth,
      reviewId,
      'review.manage',
      'close this review',
      true,
    );
    if (r.closed_at) throw alreadyClosed();
    await q.updateReview(tx, reviewId, {
      notes,
      closed_at: deps.now(),
      closed_by: auth.actor.personId,
    });
    await audit(tx, auth, 'review.close', reviewId);
    return reviewDetail(tx, deps, auth, reviewId);
  });
}
