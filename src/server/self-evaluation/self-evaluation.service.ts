import type {
  RateStatementInput,
  SelfEvaluationDetail,
  SelfEvaluationList,
  StartSelfEvaluationInput,
  StatementActionInput,
} from '../../contracts/self-evaluation.ts';
import {
  disagreement,
  type SelfEvaluationFacts,
  type StatementId,
  signalLabels,
  statementEvidence,
  statements,
  unrated,
} from '../../domain/self-evaluation/self-evaluation.ts';
import { actionCounts } from '../actions/action-counts.ts';
import { addAction } from '../actions/actions.service.ts';
import { recordAudit } from '../audit/audit.ts';
import type { EvidenceSnapshot, School } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import { debriefCounts } from '../debriefs/debrief-counts.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { loadCalendar, loadSettingsRow, toDomainSettings } from '../kernel/school-rules.ts';
import { withTenantMail } from '../mail/after-commit.ts';
import { decide } from '../policy/policy.ts';
import { practiceCounts } from '../practice/practice-counts.ts';
import { protocolReportForPeriod } from '../protocol-report/report.service.ts';
import { trustPulse } from '../reviews/trust-pulse.ts';
import { invitationCounts } from '../walks/invitation-counts.ts';
import * as q from './self-evaluation.queries.ts';

/**
 * A school's self-evaluation of its walk practice (issue 16). The school's leaders start one for
 * a term or a school year, rate each statement of the domain's checklist with a comment, and
 * complete it; the app pre-fills each statement's evidence from its own data (the protocol
 * report, the pulse, notice timings, the spread of visits, open-door invitations, debriefs,
 * actions under priorities) and marks where rating and evidence disagree. A "not yet" can become
 * an action under a priority. Trust leaders read. Counts only: nothing here names a teacher.
 */

const iso = (d: Date | string) => new Date(d).toISOString();

const audit = (tx: Tx, auth: SignedIn, action: string, subjectId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'self_evaluation',
    subjectId,
  });

const mayManage = (auth: SignedIn, schoolId: string) =>
  decide(auth.actor, 'self_evaluation.manage', { trustId: auth.actor.trustId, schoolId }) ===
  'allow';

/** The periods a school can evaluate: each term, and each school year (September to August). */
function periodChoices(terms: readonly { name: string; startsOn: string; endsOn: string }[]) {
  const sorted = [...terms].sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  const years = new Map<number, { from: string; to: string }>();
  for (const t of sorted) {
    const [y, m] = t.startsOn.split('-').map(Number) as [number, number];
    const start = m >= 8 ? y : y - 1;
    const year = years.get(start);
    years.set(start, {
      from: year ? year.from : t.startsOn,
      to: year && year.to > t.endsOn ? year.to : t.endsOn,
    });
  }
  return [
    ...sorted.map((t) => ({ label: t.name, from: t.startsOn, to: t.endsOn })),
    ...[...years].map(([start, p]) => ({
      label: `School year ${start}–${String((start + 1) % 100).padStart(2, '0')}`,
      ...p,
    })),
  ];
}

export function listSelfEvaluations(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
): Promise<SelfEvaluationList> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'self_evaluation.view',
      'see this school’s self-evaluations',
    );
    const settings = await loadSettingsRow(tx, schoolId);
    const calendar = await loadCalendar(tx, school, settings.cycleAnchor);
    const rows = await q.listSelfEvaluations(tx, schoolId);
    return {
      schoolId,
      schoolName: school.name,
      canManage: mayManage(auth, schoolId),
      periods: periodChoices(calendar.terms),
      selfEvaluations: rows.map((r) => ({
        id: r.self_evaluation_id,
        label: r.period_label,
        from: r.period_from,
        to: r.period_to,
        startedAt: iso(r.started_at),
        completedAt: r.completed_at ? iso(r.completed_at) : null,
        inPlace: Number(r.in_place),
        partly: Number(r.partly),
        notYet: Number(r.not_yet),
      })),
    };
  });
}

export function startSelfEvaluation(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: StartSelfEvaluationInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'self_evaluation.manage',
      'start a self-evaluation for this school',
    );
    const open = (await q.listSelfEvaluations(tx, schoolId)).find((r) => !r.completed_at);
    if (open) {
      throw new AppError(
        'self_evaluation_open',
        `${school.name} already has a self-evaluation in progress (${open.period_label}). Finish it before starting another.`,
        [{ field: 'body', message: 'a self-evaluation is in progress' }],
      );
    }
    const id = await q.insertSelfEvaluation(tx, {
      trust_id: auth.actor.trustId,
      school_id: schoolId,
      period_label: input.label,
      period_from: input.from,
      period_to: input.to,
      started_by: auth.actor.personId,
      started_at: deps.now(),
    });
    await audit(tx, auth, 'self_evaluation.start', id);
    return detail(tx, deps, auth, school, (await q.findSelfEvaluation(tx, id))!);
  });
}

/** Loads a self-evaluation and its school, asking the policy; another trust's is not found. */
async function authorised(
  tx: Tx,
  auth: SignedIn,
  id: string,
  action: 'self_evaluation.view' | 'self_evaluation.manage',
) {
  const ev = await q.findSelfEvaluation(tx, id);
  if (!ev) throw notFound('The self-evaluation');
  const school = await authorisedSchool(
    tx,
    auth,
    ev.school_id,
    action,
    action === 'self_evaluation.manage'
      ? 'change this school’s self-evaluation'
      : 'see this school’s self-evaluation',
  );
  return { ev, school };
}

function notCompleted(ev: q.SelfEvaluationRow) {
  if (ev.completed_at) {
    throw new AppError(
      'self_evaluation_completed',
      `The self-evaluation for ${ev.period_label} was completed on ${iso(ev.completed_at).slice(0, 10)} and is kept as it was. Start a new one to rate the statements again.`,
    );
  }
}

/** What the app knows about the period, as counts. */
async function gatherFacts(
  tx: Tx,
  deps: AppDeps,
  school: School,
  ev: q.SelfEvaluationRow,
): Promise<SelfEvaluationFacts> {
  const period = { label: ev.period_label, from: ev.period_from, to: ev.period_to };
  const scope = { schoolId: school.school_id, from: period.from, to: period.to };
  const report = await protocolReportForPeriod(tx, deps, school, period);
  const settings = toDomainSettings(await loadSettingsRow(tx, school.school_id));
  const pulse = await trustPulse(tx, deps.now(), [school], period, settings.minGroupSize);
  const invitations = await invitationCounts(tx, scope);
  const debriefs = await debriefCounts(tx, scope);
  const actions = await actionCounts(tx, scope);
  const practice = await practiceCounts(tx, scope);
  const rule = (id: string) => {
    const r = report.rows.find((x) => x.rule === id);
    return r ? { status: r.status, evidence: r.evidence } : undefined;
  };
  const p = pulse.schools[0];
  return {
    walks: report.walks,
    visits: report.visits,
    rules: {
      programme: rule('programme'),
      focus: rule('focus'),
      notice: rule('notice'),
      observers: rule('observers'),
      student_voice: rule('student_voice'),
      teachers_see_records: rule('teachers_see_records'),
      reviews: rule('reviews'),
    },
    notice: {
      required: report.settings.noticeSchoolDays,
      bySchoolDays: report.distributions.noticeSchoolDays,
    },
    spread: {
      byPeriod: report.distributions.byPeriod,
      byWeekday: report.distributions.byWeekday,
    },
    pulse:
      p?.review != null
        ? {
            answered: p.answered,
            staff: p.staff,
            walks: p.walks
              ? { more: p.walks.more.share, same: p.walks.same.share, fewer: p.walks.fewer.share }
              : null,
          }
        : null,
    invitations,
    debriefs,
    actions,
    // The app records no observer training yet.
    training: null,
    feedback: report.feedback,
    practice,
  };
}

async function evidenceOf(
  tx: Tx,
  deps: AppDeps,
  school: School,
  ev: q.SelfEvaluationRow,
): Promise<EvidenceSnapshot[]> {
  if (ev.evidence) return ev.evidence;
  const facts = await gatherFacts(tx, deps, school, ev);
  return statements.map((s) => ({ id: s.id, ...statementEvidence(s.id, facts) }));
}

async function detail(
  tx: Tx,
  deps: AppDeps,
  auth: SignedIn,
  school: School,
  ev: q.SelfEvaluationRow,
): Promise<SelfEvaluationDetail> {
  const [evidence, ratings, previous] = await Promise.all([
    evidenceOf(tx, deps, school, ev),
    q.ratingsOf(tx, ev.self_evaluation_id),
    q.previousCompleted(tx, ev),
  ]);
  const previousRatings = previous ? await q.ratingsOf(tx, previous.self_evaluation_id) : [];
  return {
    id: ev.self_evaluation_id,
    schoolId: school.school_id,
    schoolName: school.name,
    label: ev.period_label,
    from: ev.period_from,
    to: ev.period_to,
    completedAt: ev.completed_at ? iso(ev.completed_at) : null,
    canManage: mayManage(auth, school.school_id),
    previous:
      previous?.completed_at != null
        ? {
            id: previous.self_evaluation_id,
            label: previous.period_label,
            completedAt: iso(previous.completed_at),
          }
        : null,
    statements: statements.map((s) => {
      const e = evidence.find((x) => x.id === s.id) ?? {
        signal: 'no_data' as const,
        lines: ['No data was kept for this statement.'],
      };
      const r = ratings.find((x) => x.statement_id === s.id);
      const before = previousRatings.find((x) => x.statement_id === s.id);
      return {
        id: s.id,
        text: s.text,
        basis: s.basis,
        signal: e.signal,
        signalLabel: signalLabels[e.signal],
        evidence: e.lines,
        rating: r?.rating ?? null,
        comment: r?.comment ?? '',
        disagreement: disagreement(r?.rating ?? null, e.signal),
        action: r?.action_id && r.action_title ? { id: r.action_id, title: r.action_title } : null,
        previous: before ? { rating: before.rating, comment: before.comment } : null,
      };
    }),
    unrated: unrated(ratings.map((r) => ({ id: r.statement_id, rating: r.rating }))).length,
  };
}

export function getSelfEvaluation(deps: AppDeps, auth: SignedIn, id: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { ev, school } = await authorised(tx, auth, id, 'self_evaluation.view');
    await audit(tx, auth, 'self_evaluation.read', id);
    return detail(tx, deps, auth, school, ev);
  });
}

export function rateStatement(
  deps: AppDeps,
  auth: SignedIn,
  id: string,
  statementId: StatementId,
  input: RateStatementInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { ev, school } = await authorised(tx, auth, id, 'self_evaluation.manage');
    notCompleted(ev);
    await q.saveRating(tx, {
      trust_id: auth.actor.trustId,
      school_id: school.school_id,
      self_evaluation_id: id,
      statement_id: statementId,
      rating: input.rating,
      comment: input.comment,
      updated_by: auth.actor.personId,
      updated_at: deps.now(),
    });
    await audit(tx, auth, 'self_evaluation.rate', id);
    return detail(tx, deps, auth, school, ev);
  });
}

export function completeSelfEvaluation(deps: AppDeps, auth: SignedIn, id: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { ev, school } = await authorised(tx, auth, id, 'self_evaluation.manage');
    notCompleted(ev);
    const ratings = await q.ratingsOf(tx, id);
    const missing = unrated(ratings.map((r) => ({ id: r.statement_id, rating: r.rating })));
    if (missing.length) {
      throw new AppError(
        'self_evaluation_unrated',
        `Rate every statement before completing the self-evaluation: ${missing.length} ${missing.length === 1 ? 'is' : 'are'} not rated yet.`,
        missing.map((s) => ({ field: `statements.${s}`, message: 'is not rated' })),
      );
    }
    const evidence = await evidenceOf(tx, deps, school, ev);
    await q.complete(tx, id, {
      completed_at: deps.now(),
      completed_by: auth.actor.personId,
      evidence: JSON.stringify(evidence),
    });
    await audit(tx, auth, 'self_evaluation.complete', id);
    return detail(tx, deps, auth, school, (await q.findSelfEvaluation(tx, id))!);
  });
}

export function statementToAction(
  deps: AppDeps,
  auth: SignedIn,
  id: string,
  statementId: StatementId,
  input: StatementActionInput,
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const { ev, school } = await authorised(tx, auth, id, 'self_evaluation.manage');
    const rating = (await q.ratingsOf(tx, id)).find((r) => r.statement_id === statementId);
    const statement = statements.find((s) => s.id === statementId)!;
    if (rating?.rating !== 'not_yet' || rating.action_id) {
      throw new AppError(
        'self_evaluation_not_yet_only',
        rating?.action_id
          ? `“${statement.text}” already became the action “${rating.action_title}”. Open it on the actions board.`
          : `Only a statement rated “not yet” becomes an action. Rate “${statement.text}” not yet first.`,
        [{ field: 'params.statementId', message: 'is not rated not yet, or has an action' }],
      );
    }
    const action = await addAction(tx, deps, mail, auth, school.school_id, {
      title: input.title,
      notes: `From the self-evaluation of walk practice (${ev.period_label}): ${statement.text}${rating.comment ? `\n${rating.comment}` : ''}`,
      ownerId: input.ownerId,
      dueOn: input.dueOn,
      priorityId: input.priorityId,
      debriefId: null,
      nextStepId: null,
      status: 'todo',
    });
    await q.linkAction(tx, id, statementId, action.id);
    await audit(tx, auth, 'self_evaluation.action', id);
    return detail(tx, deps, auth, school, ev);
  });
}
