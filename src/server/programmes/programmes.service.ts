import type {
  ProgrammeDetail,
  ProgrammeInput,
  ProgrammeSummary,
  Transition,
} from '../../contracts/programmes.ts';
import { formatDate } from '../../domain/calendar/calendar.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { schoolPeople } from '../kernel/school-people.ts';
import { personContact } from '../kernel/visits.ts';
import { type MailInTransaction, withTenantMail } from '../mail/after-commit.ts';
import { deliver, type Queued } from '../mail/mailer.ts';
import { tell } from '../mail/tell.ts';
import { type Action, decide } from '../policy/policy.ts';
import * as cq from './consultation.queries.ts';
import {
  consultationContext,
  earliestFor,
  requireAgreementAllowed,
  tellStaffConsultation,
} from './consultation.ts';
import * as q from './programmes.queries.ts';

type Log = { error(obj: unknown, msg: string): void };

const statusLabels = {
  draft: 'a draft',
  consultation: 'in consultation',
  agreed: 'agreed',
  published: 'published',
} as const;

function may(auth: SignedIn, action: Action, trustId: string, schoolId: string) {
  return decide(auth.actor, action, { trustId, schoolId }) === 'allow';
}

/**
 * Loads a programme inside the tenant and asks the policy. Another trust's programme is not
 * found; a draft is seen only by those who may run the school's programmes.
 */
export async function authorisedProgramme(
  tx: Tx,
  auth: SignedIn,
  programmeId: string,
  action: Action,
  doing: string,
) {
  const programme = await q.findProgramme(tx, programmeId);
  if (!programme) throw notFound('The programme');
  const where = { trustId: programme.trust_id, schoolId: programme.school_id };
  const decision = decide(auth.actor, action, where);
  if (decision === 'not_found') throw notFound('The programme');
  if (decision === 'deny') throw forbidden(doing);
  if (programme.status === 'draft' && decide(auth.actor, 'programme.manage', where) !== 'allow') {
    throw new AppError(
      'programme_not_shared',
      'This programme is still a draft: staff can read it once the school leaders open it for consultation.',
    );
  }
  return programme;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(p: q.ProgrammeRow | Awaited<ReturnType<typeof q.listProgrammes>>[number]) {
  return {
    id: p.programme_id,
    schoolId: p.school_id,
    title: p.title,
    status: p.status,
    termId: p.term_id,
    termName: p.term_name ?? null,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    walkCount: p.walk_count ?? 0,
    publishedAt: iso(p.published_at),
  } satisfies ProgrammeSummary;
}

export function listProgrammes(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'programme.view',
      "see this school's programmes",
    );
    const canEdit = may(auth, 'programme.manage', school.trust_id, schoolId);
    const [rows, terms] = await Promise.all([
      q.listProgrammes(tx, schoolId),
      q.listTerms(tx, schoolId),
    ]);
    return {
      programmes: rows.filter((p) => canEdit || p.status !== 'draft').map(summary),
      terms: terms.map((t) => ({
        id: t.term_id,
        name: t.name,
        startsOn: t.starts_on,
        endsOn: t.ends_on,
      })),
      canEdit,
    };
  });
}

export async function detail(
  tx: Tx,
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
): Promise<ProgrammeDetail> {
  const p = (await q.findProgramme(tx, programmeId))!;
  const [walks, comments, planned, amendments, unanswered, ctx] = await Promise.all([
    q.listProgrammeWalks(tx, programmeId),
    q.listComments(tx, programmeId),
    cq.listPlannedWalks(tx, programmeId),
    cq.listAmendments(tx, programmeId),
    cq.unansweredCounts(tx, programmeId),
    consultationContext(tx, deps, p.school_id),
  ]);
  const canEdit = may(auth, 'programme.manage', p.trust_id, p.school_id);
  const agreedAmendments = new Set(
    amendments.filter((a) => a.status === 'agreed').map((a) => a.amendment_id),
  );
  const programmeAgreed = p.status === 'agreed' || p.status === 'published';
  return {
    programme: {
      ...summary(p),
      schoolName: p.school_name,
      description: p.description,
      consultationOpenedAt: iso(p.consultation_opened_at),
      agreedOn: p.agreed_on,
      agreementHow: p.agreement_how,
      createdByName: p.created_by_name ?? null,
    },
    // Staff see the walks that are published; leaders see the drafts they are planning too.
    walks: walks
      .filter((w) => canEdit || w.status !== 'draft')
      .map((w) => ({
        id: w.walk_id,
        date: w.walk_date,
        windowStart: w.window_start,
        windowEnd: w.window_end,
        kind: w.kind,
        focusTitle: w.focus_title,
        purpose: w.purpose,
        status: w.status,
        observerNames: w.observer_names ?? [],
        visitCount: w.visit_count ?? 0,
      })),
    plannedWalks: planned.map((w) => ({
      id: w.planned_walk_id,
      weekOf: w.week_of,
      date: w.walk_date,
      windowStart: w.window_start,
      windowEnd: w.window_end,
      kind: w.kind,
      focusTitle: w.focus_title,
      observerIds: w.observer_ids,
      observerNames: w.observer_names ?? [],
      amendmentId: w.amendment_id,
      agreed: w.amendment_id ? agreedAmendments.has(w.amendment_id) : programmeAgreed,
      walkId: w.walk_id ?? null,
    })),
    amendments: amendments.map((a) => ({
      id: a.amendment_id,
      summary: a.summary,
      status: a.status,
      openedAt: a.opened_at.toISOString(),
      agreedOn: a.agreed_on,
      agreementHow: a.agreement_how,
      earliestAgreement: earliestFor(ctx, a.opened_at, ctx.settings.amendmentSchoolDays),
      unanswered: unanswered.get(a.amendment_id) ?? 0,
    })),
    consultation: {
      minSchoolDays: ctx.settings.consultationSchoolDays,
      amendmentSchoolDays: ctx.settings.amendmentSchoolDays,
      earliestAgreement:
        p.status === 'consultation'
          ? earliestFor(ctx, p.consultation_opened_at, ctx.settings.consultationSchoolDays)
          : null,
      unanswered: unanswered.get(null) ?? 0,
    },
    // An anonymous comment carries no author: no name, no id, and never "mine".
    comments: comments.map((c) => ({
      id: c.comment_id,
      authorName: c.anonymous ? null : (c.author_name ?? null),
      anonymous: c.anonymous,
      amendmentId: c.amendment_id,
      mine: !c.anonymous && c.author_id === auth.actor.personId,
      body: c.body,
      createdAt: c.created_at.toISOString(),
      answer: c.answer,
      answeredByName: c.answered_by_name ?? null,
      answeredAt: iso(c.answered_at),
    })),
    canEdit,
    canComment:
      p.status === 'consultation' && may(auth, 'programme.comment', p.trust_id, p.school_id),
  };
}

export function programmeDetail(deps: AppDeps, auth: SignedIn, programmeId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedProgramme(tx, auth, programmeId, 'programme.view', 'read this programme');
    return detail(tx, deps, auth, programmeId);
  });
}

async function datesOf(tx: Tx, schoolId: string, input: ProgrammeInput) {
  if (input.termId) {
    const term = await q.findTerm(tx, schoolId, input.termId);
    if (!term) {
      throw new AppError(
        'unknown_term',
        'That term is not in this school’s calendar. Choose one of the school’s terms, or give start and end dates instead.',
        [{ field: 'body.termId', message: 'is not a term of this school' }],
      );
    }
    return { termId: term.term_id, startsOn: term.starts_on, endsOn: term.ends_on };
  }
  if (!input.startsOn || !input.endsOn) {
    throw new AppError(
      'dates_missing',
      'Choose a term for the programme, or give both a start date (startsOn) and an end date (endsOn).',
      [{ field: 'body.termId', message: 'choose a term or give startsOn and endsOn' }],
    );
  }
  if (input.endsOn < input.startsOn) {
    throw new AppError(
      'dates_reversed',
      `The programme ends (${input.endsOn}) before it starts (${input.startsOn}). Swap the dates.`,
      [{ field: 'body.endsOn', message: 'is before startsOn' }],
    );
  }
  return { termId: null, startsOn: input.startsOn, endsOn: input.endsOn };
}

async function audit(tx: Tx, auth: SignedIn, action: string, subjectId: string) {
  await recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'programme',
    subjectId,
  });
}

export function createProgramme(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: ProgrammeInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'programme.manage', 'draft programmes of walks');
    const dates = await datesOf(tx, schoolId, input);
    const programmeId = await q.insertProgramme(tx, {
      trustId: auth.actor.trustId,
      schoolId,
      ...dates,
      title: input.title,
      description: input.description,
      createdBy: auth.actor.personId,
      now: deps.now(),
    });
    await audit(tx, auth, 'programme.create', programmeId);
    return detail(tx, deps, auth, programmeId);
  });
}

export function updateProgramme(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  input: ProgrammeInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const p = await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.manage',
      'edit this programme',
    );
    if (p.status !== 'draft' && p.status !== 'consultation') {
      throw new AppError(
        'programme_settled',
        `This programme is ${statusLabels[p.status]}, so its text is settled: staff agreed to it as it stands. Start a new programme to change it.`,
      );
    }
    const dates = await datesOf(tx, p.school_id, input);
    await q.updateProgramme(tx, programmeId, {
      title: input.title,
      description: input.description,
      term_id: dates.termId,
      starts_on: dates.startsOn,
      ends_on: dates.endsOn,
      updated_at: deps.now(),
    });
    await audit(tx, auth, 'programme.update', programmeId);
    return detail(tx, deps, auth, programmeId);
  });
}

/** The workflow: draft → consultation (→ back to draft) → agreed → published. */
const allowed: Record<string, readonly string[]> = {
  draft: ['consultation'],
  consultation: ['agreed', 'draft'],
  agreed: ['published'],
  published: [],
};

const nextStep: Record<string, string> = {
  draft: 'Open it for consultation first, so staff can read it and comment.',
  consultation: 'Record how staff agreed it (when and how) before publishing.',
  agreed: 'Publish it: staff are told.',
  published: 'It is published: nothing follows. Start a new programme for another term.',
};

export async function transitionProgramme(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  transition: Transition,
  log?: Log,
) {
  const queued: Queued[] = [];
  const result = await withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const p = await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.manage',
      'move this programme through consultation, agreement and publication',
    );
    if (!allowed[p.status]?.includes(transition.to)) {
      throw new AppError(
        'invalid_transition',
        `This programme is ${statusLabels[p.status]}; it cannot go to “${transition.to}” from there. ${nextStep[p.status]}`,
        { from: p.status, to: transition.to, allowed: allowed[p.status] },
      );
    }
    const now = deps.now();
    if (transition.to === 'consultation') {
      await q.updateProgramme(tx, programmeId, {
        status: 'consultation',
        consultation_opened_at: now,
        updated_at: now,
      });
      const ctx = await consultationContext(tx, deps, p.school_id);
      queued.push(
        ...(await tellStaffConsultation(
          tx,
          deps,
          ctx,
          {
            trustId: p.trust_id,
            programmeId,
            title: p.title,
            startsOn: p.starts_on,
            endsOn: p.ends_on,
          },
          {
            kind: 'programme',
            earliest: earliestFor(ctx, now, ctx.settings.consultationSchoolDays),
          },
          now,
        )),
      );
    } else if (transition.to === 'draft') {
      await q.updateProgramme(tx, programmeId, { status: 'draft', updated_at: now });
    } else if (transition.to === 'agreed') {
      const today = now.toISOString().slice(0, 10);
      if (transition.agreedOn > today) {
        throw new AppError(
          'agreed_in_future',
          `The agreement date ${transition.agreedOn} is in the future. Record the agreement on or after the day staff agreed the programme.`,
          [{ field: 'body.agreedOn', message: 'is after today' }],
        );
      }
      const ctx = await consultationContext(tx, deps, p.school_id);
      requireAgreementAllowed(ctx, {
        kind: 'programme',
        openedAt: p.consultation_opened_at,
        agreedOn: transition.agreedOn,
        unanswered: (await cq.unansweredCounts(tx, programmeId)).get(null) ?? 0,
      });
      await q.updateProgramme(tx, programmeId, {
        status: 'agreed',
        agreed_on: transition.agreedOn,
        agreement_how: transition.agreementHow,
        agreed_recorded_by: auth.actor.personId,
        updated_at: now,
      });
    } else {
      await q.updateProgramme(tx, programmeId, {
        status: 'published',
        published_at: now,
        published_by: auth.actor.personId,
        updated_at: now,
      });
      queued.push(...(await tellStaff(tx, deps, p, now)));
    }
    await audit(tx, auth, `programme.${transition.to}`, programmeId);
    return detail(tx, deps, auth, programmeId);
  });
  void deliver({ ...deps, log }, queued);
  return result;
}

/** Publishing tells every member of staff: one plain mail each, through the trust's outbox. */
async function tellStaff(tx: Tx, deps: AppDeps, p: q.ProgrammeRow, now: Date) {
  const [staff, walks] = await Promise.all([
    schoolPeople(tx, p.school_id),
    q.listProgrammeWalks(tx, p.programme_id),
  ]);
  const link = `${deps.config.publicUrl}/programmes/${p.programme_id}`;
  const planned = walks.filter((w) => w.status !== 'cancelled');
  const walkLines = planned.length
    ? planned.map(
        (w) =>
          `- ${formatDate(w.walk_date)}, ${w.window_start}–${w.window_end}: ${w.focus_title || 'focus to be set'}`,
      )
    : ['- The walks themselves are announced as they are planned.'];
  const queued: Queued[] = [];
  const intro = `${p.school_name} has published its programme of learning walks, “${p.title}”, for ${formatDate(p.starts_on)} to ${formatDate(p.ends_on)}.`;
  for (const person of staff) {
    // The notice and the mail together (mail/tell.ts).
    const q = await tell(
      tx,
      deps.config,
      p.trust_id,
      {
        kind: 'programme_published',
        personId: person.person_id,
        email: person.email,
        schoolId: p.school_id,
        subject: `Learning walks programme published: ${p.title}`,
        link: `/programmes/${p.programme_id}`,
        noticeBody: `${intro} Every teacher whose lesson is visited is told the date, time, focus and observers beforehand.`,
        lines: [
          `Hello ${person.full_name},`,
          '',
          intro,
          p.agreed_on ? `Staff agreed it on ${formatDate(p.agreed_on)} (${p.agreement_how}).` : '',
          '',
          'Walks:',
          ...walkLines,
          '',
          'Every teacher whose lesson is visited is told the date, time, focus and observers beforehand. Walks look at learning, never at an individual teacher.',
          '',
          `Read the programme: ${link}`,
        ].filter((line, i, all) => line !== '' || all[i - 1] !== ''),
      },
      now,
    );
    if (q) queued.push(q);
  }
  return queued;
}

export function addComment(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  input: { body: string; anonymous: boolean; amendmentId: string | null },
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const p = await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.comment',
      'comment on this programme (comments come from the school’s own staff)',
    );
    if (input.amendmentId) {
      const amendment = await cq.findAmendment(tx, programmeId, input.amendmentId);
      if (!amendment) throw notFound('The amendment');
      if (amendment.status !== 'consultation') {
        throw new AppError(
          'not_in_consultation',
          `Comments on this amendment closed when it was ${amendment.status}. Raise anything further with the headteacher.`,
        );
      }
    } else if (p.status !== 'consultation') {
      throw new AppError(
        'not_in_consultation',
        `Comments are taken while a programme is in consultation; this one is ${statusLabels[p.status]}.${p.status === 'draft' ? '' : ' Raise anything further with the headteacher.'}`,
      );
    }
    const commentId = await q.insertComment(tx, {
      trustId: auth.actor.trustId,
      programmeId,
      authorId: input.anonymous ? null : auth.actor.personId,
      amendmentId: input.amendmentId,
      body: input.body,
      now: deps.now(),
    });
    await tellLeadersOfComment(tx, deps, mail, auth, p, input.anonymous);
    if (input.anonymous) {
      // Only that this person commented anonymously here, never which comment; and no audit
      // event, which would pair the person with the comment's time.
      await cq.noteAnonymousCommenter(tx, {
        trustId: auth.actor.trustId,
        programmeId,
        personId: auth.actor.personId,
      });
      return detail(tx, deps, auth, programmeId);
    }
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'programme.comment',
      subjectType: 'programme_comment',
      subjectId: commentId,
    });
    return detail(tx, deps, auth, programmeId);
  });
}

/** The school's leaders are told a comment is waiting for an answer; never who wrote an anonymous one. */
async function tellLeadersOfComment(
  tx: Tx,
  deps: AppDeps,
  mail: MailInTransaction,
  auth: SignedIn,
  p: q.ProgrammeRow,
  anonymous: boolean,
) {
  const leaders = await schoolPeople(tx, p.school_id, ['school_leader']);
  const [author] = anonymous ? [] : await personContact(tx, [auth.actor.personId]);
  const who = anonymous ? 'A member of staff (anonymously)' : (author?.full_name ?? 'A colleague');
  const link = `/programmes/${p.programme_id}`;
  for (const l of leaders) {
    if (l.person_id === auth.actor.personId) continue;
    await mail({
      kind: 'programme_comment',
      personId: l.person_id,
      email: l.email,
      schoolId: p.school_id,
      subject: `A comment to answer: ${p.title}`,
      link,
      lines: [
        `${who} has commented on the learning walks programme “${p.title}”. Every comment is answered before staff agree it.`,
        '',
        `Read and answer it: ${deps.config.publicUrl}${link}`,
      ],
    });
  }
}

export function answerComment(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  commentId: string,
  answer: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.manage',
      'answer comments on this programme',
    );
    const comment = await q.findComment(tx, programmeId, commentId);
    if (!comment) throw notFound('The comment');
    await q.answerComment(tx, commentId, {
      text: answer,
      by: auth.actor.personId,
      now: deps.now(),
    });
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'programme.comment_answered',
      subjectType: 'programme_comment',
      subjectId: commentId,
    });
    return detail(tx, deps, auth, programmeId);
  });
}
