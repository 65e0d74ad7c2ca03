import type {
  AnswerConcernInput,
  ConcernDetail,
  ConcernList,
  DecideConcernInput,
  RaiseConcernInput,
  SchoolConcernSettingsInput,
  TrustConcernSettingsDto,
  TrustConcernSettingsInput,
} from '../../contracts/concerns.ts';
import {
  acknowledgeBy,
  acknowledgementOverdue,
  type ConcernPart,
  concernStage,
  concernStageLabels,
  DEFAULT_ACKNOWLEDGE_SCHOOL_DAYS,
  namedRoleLabels,
  nextSteps,
} from '../../domain/concerns/concerns.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { isMember, schoolPeople } from '../kernel/school-people.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { todayIn } from '../kernel/school-time.ts';
import { withTenantMail } from '../mail/after-commit.ts';
import { decide } from '../policy/policy.ts';
import { type ConcernEvent, tell } from './concern-notices.ts';
import * as q from './concerns.queries.ts';

/**
 * Concerns about how walks are run (DESIGN.md rule 12). Raised by any member of staff, alone or
 * with a supporting colleague (asked to confirm); handled by the head, or by the trust's named
 * person when the concern is about the head; acknowledged within the school's number of school
 * days, answered with an outcome, then accepted or escalated to the trust's named person.
 *
 * Only the people with a part in a concern read it; to everyone else it does not exist (404).
 * Every read and step is audited (who, what, when — never the text). Mails and notices carry no
 * content: they say a concern needs the reader, with the link.
 */

const iso = (d: Date | string) => new Date(d).toISOString();

const audit = (tx: Tx, auth: SignedIn, action: string, concernId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'concern',
    subjectId: concernId,
  });

/** The parts this person holds in the concern. A supporter who declined holds none. */
export function partsOf(c: q.ConcernRow, personId: string): ConcernPart[] {
  const parts: ConcernPart[] = [];
  if (c.raised_by === personId) parts.push('raiser');
  if (c.supporter_id === personId && c.supporter_status !== 'declined') parts.push('supporter');
  if (c.handler_id === personId) parts.push('handler');
  if (c.escalated_to === personId) parts.push('escalation');
  return parts;
}

/** Loads a concern the actor has a part in; for anyone else (and another trust) it is not found. */
async function authorisedConcern(tx: Tx, auth: SignedIn, concernId: string, lock = false) {
  const c = await q.findConcern(tx, concernId, lock);
  if (!c) throw notFound('The concern');
  const parts = partsOf(c, auth.actor.personId);
  const decision = decide(auth.actor, 'concern.read', {
    trustId: c.trust_id,
    schoolId: c.school_id,
    personId: parts.length ? auth.actor.personId : c.raised_by,
  });
  if (decision !== 'allow') throw notFound('The concern');
  return { c, parts };
}

function stateOf(c: q.ConcernRow) {
  return {
    acknowledgedAt: c.acknowledged_at ? iso(c.acknowledged_at) : null,
    answeredAt: c.answered_at ? iso(c.answered_at) : null,
    decision: c.decision,
    escalationAnsweredAt: c.escalation_answered_at ? iso(c.escalation_answered_at) : null,
  };
}

function summaryOf(c: q.ConcernRow, parts: ConcernPart[], today: string) {
  const state = stateOf(c);
  const stage = concernStage(state);
  return {
    id: c.concern_id,
    schoolId: c.school_id,
    kind: c.kind,
    summary: c.summary,
    stage,
    stageLabel: concernStageLabels[stage],
    raisedOn: c.raised_on,
    acknowledgeBy: c.acknowledge_by,
    overdue: acknowledgementOverdue(
      { acknowledgedAt: state.acknowledgedAt, acknowledgeBy: c.acknowledge_by },
      today,
    ),
    yourParts: parts,
  };
}

async function namedPersonRole(tx: Tx) {
  return (await q.trustSettings(tx))?.named_role ?? 'trust_leader';
}

async function detail(
  tx: Tx,
  c: q.ConcernRow,
  parts: ConcernPart[],
  now: Date,
): Promise<ConcernDetail> {
  const names = await q.people(tx, [c.raised_by, c.handler_id, c.supporter_id, c.escalated_to]);
  const person = (id: string | null) =>
    id && names.has(id) ? { id, name: names.get(id)!.name } : null;
  const link = c.programme_id
    ? { kind: 'programme' as const, id: c.programme_id }
    : c.walk_id
      ? { kind: 'walk' as const, id: c.walk_id }
      : c.visit_id
        ? { kind: 'visit' as const, id: c.visit_id }
        : c.record_id
          ? { kind: 'record' as const, id: c.record_id }
          : null;
  const role = await namedPersonRole(tx);
  return {
    ...summaryOf(c, parts, todayIn(c.time_zone, now)),
    details: c.details,
    aboutHead: c.about_head,
    raisedBy: person(c.raised_by)!,
    handler: person(c.handler_id),
    handlerRole: c.about_head ? namedRoleLabels[role] : 'Headteacher',
    supporter:
      c.supporter_id && c.supporter_status && names.has(c.supporter_id)
        ? { ...person(c.supporter_id)!, status: c.supporter_status }
        : null,
    link: link ? { ...link, label: (await q.linkLabel(tx, c.school_id, link)) ?? 'Removed' } : null,
    acknowledgedOn: c.acknowledged_on,
    answer:
      c.response && c.outcome && c.answered_at
        ? { response: c.response, outcome: c.outcome, answeredAt: iso(c.answered_at) }
        : null,
    decision:
      c.decision && c.decided_at
        ? { decision: c.decision, reason: c.escalation_reason, decidedAt: iso(c.decided_at) }
        : null,
    escalatedTo: person(c.escalated_to),
    escalationAnswer:
      c.escalation_response && c.escalation_outcome && c.escalation_answered_at
        ? {
            response: c.escalation_response,
            outcome: c.escalation_outcome,
            answeredAt: iso(c.escalation_answered_at),
          }
        : null,
    can: nextSteps({ ...stateOf(c), supporterStatus: c.supporter_status }, parts),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export function listConcerns(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
): Promise<ConcernList> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'concern.list',
      'see concerns in this school',
    );
    const [settings, trust, rows, staff] = await Promise.all([
      q.schoolSettings(tx, schoolId),
      q.trustSettings(tx),
      q.concernsOf(tx, schoolId, auth.actor.personId),
      schoolPeople(tx, schoolId),
    ]);
    const names = await q.people(tx, [
      settings?.head_person_id ?? null,
      trust?.named_person_id ?? null,
    ]);
    const today = todayIn(school.time_zone, deps.now());
    const headId = settings?.head_person_id ?? null;
    const namedId = trust?.named_person_id ?? null;
    const scope = { trustId: auth.actor.trustId, schoolId };
    return {
      schoolName: school.name,
      head: headId && names.has(headId) ? { id: headId, name: names.get(headId)!.name } : null,
      namedPerson:
        namedId && names.has(namedId)
          ? {
              id: namedId,
              name: names.get(namedId)!.name,
              role: trust!.named_role,
              roleLabel: namedRoleLabels[trust!.named_role],
            }
          : null,
      acknowledgeSchoolDays: settings?.acknowledge_school_days ?? DEFAULT_ACKNOWLEDGE_SCHOOL_DAYS,
      colleagues: staff
        .filter((p) => p.person_id !== auth.actor.personId)
        .map((p) => ({ id: p.person_id, name: p.full_name })),
      canRaise: decide(auth.actor, 'concern.raise', scope) === 'allow',
      canConfigure: decide(auth.actor, 'concern.configure', scope) === 'allow',
      concerns: rows.map((c) => summaryOf(c, partsOf(c, auth.actor.personId), today)),
    };
  });
}

export function getConcern(deps: AppDeps, auth: SignedIn, concernId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { c, parts } = await authorisedConcern(tx, auth, concernId);
    await audit(tx, auth, 'concern.read', concernId);
    return detail(tx, c, parts, deps.now());
  });
}

// ---------------------------------------------------------------------------------------------
// Raising
// ---------------------------------------------------------------------------------------------

export function raiseConcern(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: RaiseConcernInput,
) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'concern.raise',
      'raise a concern in this school',
    );
    const me = auth.actor.personId;
    const [settings, trust] = await Promise.all([
      q.schoolSettings(tx, schoolId),
      q.trustSettings(tx),
    ]);
    const handlerId = input.aboutHead
      ? (trust?.named_person_id ?? null)
      : (settings?.head_person_id ?? null);
    if (!handlerId) {
      throw new AppError(
        'concern_no_handler',
        input.aboutHead
          ? 'The trust has not named who receives concerns about a headteacher. Ask a trust administrator to name the chair of governors or a trust leader on the concerns page.'
          : `${school.name} has no headteacher named for concerns. Ask a trust administrator to name the head on the concerns page.`,
      );
    }
    if (handlerId === me && !input.aboutHead) {
      throw new AppError(
        'concern_no_handler',
        'You are the head named for concerns, so a concern of yours would come back to you. Tick “This concern is about the headteacher” to send it to the trust’s named person.',
        [{ field: 'body.aboutHead', message: 'tick it to send the concern to the trust' }],
      );
    }
    const supporterId = input.supporterId ?? null;
    if (supporterId) {
      const staff = await isMember(tx, schoolId, [supporterId]);
      if (supporterId === me || supporterId === handlerId || !staff.has(supporterId)) {
        throw new AppError(
          'concern_supporter_invalid',
          supporterId === me
            ? 'You cannot name yourself as supporting your own concern. Choose your line manager, or nobody.'
            : supporterId === handlerId
              ? 'That colleague is the person the concern goes to, so they cannot also support it. Choose another colleague, or nobody.'
              : 'The supporting colleague must be on this school’s staff. Choose them from the list.',
          [
            {
              field: 'body.supporterId',
              message: 'is not a colleague who can support this concern',
            },
          ],
        );
      }
    }
    const link = input.programmeId
      ? { kind: 'programme' as const, id: input.programmeId }
      : input.walkId
        ? { kind: 'walk' as const, id: input.walkId }
        : input.visitId
          ? { kind: 'visit' as const, id: input.visitId }
          : input.recordId
            ? { kind: 'record' as const, id: input.recordId }
            : null;
    if (link && !(await q.linkLabel(tx, schoolId, link))) {
      throw new AppError(
        'concern_link_invalid',
        `That ${link.kind} is not one of ${school.name}’s. Raise the concern from the ${link.kind}’s own page, or without a link.`,
        [{ field: `body.${link.kind}Id`, message: `is not a ${link.kind} of this school` }],
      );
    }
    const now = deps.now();
    const raisedOn = todayIn(school.time_zone, now);
    const protocol = await loadSettingsRow(tx, schoolId);
    const calendar = await loadCalendar(tx, school, protocol.cycleAnchor);
    const days = settings?.acknowledge_school_days ?? DEFAULT_ACKNOWLEDGE_SCHOOL_DAYS;
    const concernId = await q.insertConcern(tx, {
      trust_id: auth.actor.trustId,
      school_id: schoolId,
      raised_by: me,
      kind: input.kind,
      summary: input.summary,
      details: input.details,
      about_head: input.aboutHead,
      handler_id: handlerId,
      supporter_id: supporterId,
      supporter_status: supporterId ? 'asked' : null,
      programme_id: input.programmeId ?? null,
      walk_id: input.walkId ?? null,
      visit_id: input.visitId ?? null,
      record_id: input.recordId ?? null,
      raised_at: now,
      raised_on: raisedOn,
      acknowledge_by: acknowledgeBy(calendar, raisedOn, days),
    });
    await audit(tx, auth, 'concern.raise', concernId);
    const c = (await q.findConcern(tx, concernId))!;
    await tell(tx, deps, mail, c, now, 'raised');
    if (supporterId) await tell(tx, deps, mail, c, now, 'support_asked');
    return detail(tx, c, partsOf(c, me), now);
  });
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

const wrongStage = (what: string) =>
  new AppError('concern_wrong_stage', `${what} Reload the concern to see where it has got to.`);

/**
 * One step on a concern, the shape every step shares: the concern is loaded (and locked) for a
 * person with a part in it; the step is theirs (`part`, else 403 saying what they tried); the
 * concern is at the stage for it (`notNow` names why not, else 409); then the change is written,
 * audited and told to the people it concerns, and the concern is answered as it now stands.
 */
type Step = {
  part: ConcernPart;
  /** What the person tried, for the 403: "acknowledge a concern that is not sent to you". */
  notYours: string;
  /** Why the concern is not at the stage for this step, or null when it is. */
  notNow: (c: q.ConcernRow) => string | null;
  /** The change, the audit action and the event told; may refuse with its own error. */
  change: (
    tx: Tx,
    c: q.ConcernRow,
    now: Date,
  ) => Promise<{ set: Parameters<typeof q.updateConcern>[2]; audit: string; event: ConcernEvent }>;
};

function step(deps: AppDeps, auth: SignedIn, concernId: string, s: Step) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const { c, parts } = await authorisedConcern(tx, auth, concernId, true);
    if (!parts.includes(s.part)) throw forbidden(s.notYours);
    const stale = s.notNow(c);
    if (stale) throw wrongStage(stale);
    const now = deps.now();
    const { set, audit: action, event } = await s.change(tx, c, now);
    await q.updateConcern(tx, c.concern_id, set);
    await audit(tx, auth, action, c.concern_id);
    const after = (await q.findConcern(tx, concernId))!;
    await tell(tx, deps, mail, after, now, event);
    return detail(tx, after, partsOf(after, auth.actor.personId), now);
  });
}

export function supportConcern(deps: AppDeps, auth: SignedIn, concernId: string, confirm: boolean) {
  return step(deps, auth, concernId, {
    part: 'supporter',
    notYours: 'answer for the supporting colleague',
    notNow: (c) =>
      c.supporter_status !== 'asked'
        ? 'You have already answered whether you support this concern.'
        : null,
    change: async () => ({
      set: { supporter_status: confirm ? 'confirmed' : 'declined' },
      audit: confirm ? 'concern.support_confirm' : 'concern.support_decline',
      event: confirm ? 'support_confirmed' : 'support_declined',
    }),
  });
}

export function acknowledgeConcern(deps: AppDeps, auth: SignedIn, concernId: string) {
  return step(deps, auth, concernId, {
    part: 'handler',
    notYours: 'acknowledge a concern that is not sent to you',
    notNow: (c) => (c.acknowledged_at ? 'The concern has already been acknowledged.' : null),
    change: async (_tx, c, now) => ({
      set: { acknowledged_at: now, acknowledged_on: todayIn(c.time_zone, now) },
      audit: 'concern.acknowledge',
      event: 'acknowledged',
    }),
  });
}

export function answerConcern(
  deps: AppDeps,
  auth: SignedIn,
  concernId: string,
  input: AnswerConcernInput,
) {
  return step(deps, auth, concernId, {
    part: 'handler',
    notYours: 'answer a concern that is not sent to you',
    notNow: (c) =>
      !c.acknowledged_at
        ? 'Acknowledge the concern before answering it.'
        : c.answered_at
          ? 'The concern has already been answered.'
          : null,
    change: async (_tx, _c, now) => ({
      set: { response: input.response, outcome: input.outcome, answered_at: now },
      audit: 'concern.answer',
      event: 'answered',
    }),
  });
}

export function decideConcern(
  deps: AppDeps,
  auth: SignedIn,
  concernId: string,
  input: DecideConcernInput,
) {
  return step(deps, auth, concernId, {
    part: 'raiser',
    notYours: 'accept or escalate a concern you did not raise',
    notNow: (c) =>
      c.decision
        ? 'You have already decided.'
        : !c.answered_at
          ? 'The concern has not been answered yet.'
          : null,
    change: async (tx, c, now) => {
      if (input.decision === 'accept') {
        return {
          set: { decision: 'accepted', decided_at: now, escalation_reason: input.reason },
          audit: 'concern.accept',
          event: 'accepted',
        };
      }
      const named = (await q.trustSettings(tx))?.named_person_id ?? null;
      if (!named) {
        throw new AppError(
          'concern_no_handler',
          'The trust has not named anyone to take escalated concerns. Ask a trust administrator to name the chair of governors or a trust leader.',
        );
      }
      if (named === c.handler_id) {
        throw new AppError(
          'concern_no_handler',
          'This concern is already with the trust’s named person, who answered it; there is nobody further in the app to escalate it to. Your union representative can advise on the next step.',
        );
      }
      return {
        set: {
          decision: 'escalated',
          decided_at: now,
          escalation_reason: input.reason,
          escalated_to: named,
        },
        audit: 'concern.escalate',
        event: 'escalated',
      };
    },
  });
}

export function answerEscalation(
  deps: AppDeps,
  auth: SignedIn,
  concernId: string,
  input: AnswerConcernInput,
) {
  return step(deps, auth, concernId, {
    part: 'escalation',
    notYours: 'answer an escalation that is not sent to you',
    notNow: (c) =>
      c.decision !== 'escalated' || c.escalation_answered_at
        ? 'The escalation has already been answered.'
        : null,
    change: async (_tx, _c, now) => ({
      set: {
        escalation_response: input.response,
        escalation_outcome: input.outcome,
        escalation_answered_at: now,
      },
      audit: 'concern.answer_escalation',
      event: 'escalation_answered',
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Settings (trust administrators)
// ---------------------------------------------------------------------------------------------

export function saveSchoolConcernSettings(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: SchoolConcernSettingsInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'concern.configure', 'name who receives concerns');
    if (input.headPersonId) {
      const staff = await isMember(tx, schoolId, [input.headPersonId]);
      const who = await q.people(tx, [input.headPersonId]);
      if (!staff.has(input.headPersonId) || who.get(input.headPersonId)?.disabled) {
        throw new AppError(
          'concern_person_invalid',
          'The head named for concerns must be on this school’s staff with an account in use. Choose them from the school’s staff.',
          [{ field: 'body.headPersonId', message: 'is not on the school’s staff' }],
        );
      }
    }
    await q.saveSchoolSettings(tx, {
      trust_id: auth.actor.trustId,
      school_id: schoolId,
      head_person_id: input.headPersonId,
      acknowledge_school_days: input.acknowledgeSchoolDays,
    });
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'concern.configure_school',
      subjectType: 'school',
      subjectId: schoolId,
    });
    return { headPersonId: input.headPersonId, acknowledgeSchoolDays: input.acknowledgeSchoolDays };
  });
}

async function trustSettingsDto(tx: Tx): Promise<TrustConcernSettingsDto> {
  const [row, candidates] = await Promise.all([q.trustSettings(tx), q.trustWidePeople(tx)]);
  const names = await q.people(tx, [row?.named_person_id ?? null]);
  const id = row?.named_person_id ?? null;
  return {
    namedPerson: id && names.has(id) ? { id, name: names.get(id)!.name } : null,
    namedRole: row?.named_role ?? 'trust_leader',
    candidates: candidates.map((p) => ({ id: p.person_id, name: p.full_name })),
  };
}

function mayConfigureTrust(auth: SignedIn) {
  if (
    decide(auth.actor, 'concern.configure', { trustId: auth.actor.trustId, schoolId: null }) !==
    'allow'
  ) {
    throw forbidden('name who receives concerns for the trust');
  }
}

export function getTrustConcernSettings(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    mayConfigureTrust(auth);
    return trustSettingsDto(tx);
  });
}

export function saveTrustConcernSettings(
  deps: AppDeps,
  auth: SignedIn,
  input: TrustConcernSettingsInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    mayConfigureTrust(auth);
    if (input.namedPersonId) {
      const who = await q.people(tx, [input.namedPersonId]);
      if (
        !who.has(input.namedPersonId) ||
        who.get(input.namedPersonId)!.disabled ||
        !(await q.hasAnyRole(tx, input.namedPersonId))
      ) {
        throw new AppError(
          'concern_person_invalid',
          'The person named for concerns about a head must have an account in this trust that is in use. Invite them first if they have none.',
          [{ field: 'body.namedPersonId', message: 'is not a person of this trust' }],
        );
      }
    }
    await q.saveTrustSettings(tx, {
      trust_id: auth.actor.trustId,
      named_person_id: input.namedPersonId,
      named_role: input.namedRole,
    });
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'concern.configure_trust',
      subjectType: 'trust',
      subjectId: auth.actor.trustId,
    });
    return trustSettingsDto(tx);
  });
}
