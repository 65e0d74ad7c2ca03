/**
 * Concerns about how learning walks are run (DESIGN.md rule 12). A member of staff raises one,
 * alone or with their line manager's support; it goes to the headteacher, or to the trust's named
 * person (the chair of governors or a trust leader) when it is about the head. The handler
 * acknowledges it within a number of school days, answers it with an outcome; the raiser accepts
 * the answer or escalates it to the trust's named person. Pure: the server stores, this decides.
 */
import {
  addSchoolDays,
  isTeachingDay,
  type SchoolCalendar,
  schoolDaysBetween,
} from '../calendar/calendar.ts';

export const concernKinds = [
  'notice',
  'focus',
  'frequency',
  'conduct',
  'records',
  'other',
] as const;
export type ConcernKind = (typeof concernKinds)[number];

export const concernKindLabels: Record<ConcernKind, string> = {
  notice: 'Prior warning (date, time, focus or who was not told in time)',
  focus: 'The focus or purpose of walks',
  frequency: 'How often walks visit a class',
  conduct: 'How a walk was carried out (disruption, number of observers, pupils asked)',
  records: 'Written records and the chance to respond',
  other: 'Something else about how walks are run',
};

export const concernKindShortLabels: Record<ConcernKind, string> = {
  notice: 'Prior warning',
  focus: 'Focus',
  frequency: 'Frequency',
  conduct: 'Conduct of a walk',
  records: 'Records',
  other: 'Other',
};

export const concernOutcomes = [
  'practice_changed',
  'explained',
  'taken_to_review',
  'not_upheld',
  'other',
] as const;
export type ConcernOutcome = (typeof concernOutcomes)[number];

export const concernOutcomeLabels: Record<ConcernOutcome, string> = {
  practice_changed: 'Practice changed',
  explained: 'Explained; no change needed',
  taken_to_review: 'Taken to the next review with all staff',
  not_upheld: 'Looked into; not upheld',
  other: 'Other (see the answer)',
};

export const namedRoles = ['chair_of_governors', 'trust_leader'] as const;
export type NamedRole = (typeof namedRoles)[number];
export const namedRoleLabels: Record<NamedRole, string> = {
  chair_of_governors: 'Chair of governors',
  trust_leader: 'Trust leader',
};

export const DEFAULT_ACKNOWLEDGE_SCHOOL_DAYS = 5;

export type ConcernStage =
  | 'awaiting_acknowledgement'
  | 'acknowledged'
  | 'answered'
  | 'accepted'
  | 'escalated'
  | 'escalation_answered';

export type ConcernState = {
  acknowledgedAt: string | null;
  answeredAt: string | null;
  decision: 'accepted' | 'escalated' | null;
  escalationAnsweredAt: string | null;
};

export function concernStage(c: ConcernState): ConcernStage {
  if (c.decision === 'escalated')
    return c.escalationAnsweredAt ? 'escalation_answered' : 'escalated';
  if (c.decision === 'accepted') return 'accepted';
  if (c.answeredAt) return 'answered';
  if (c.acknowledgedAt) return 'acknowledged';
  return 'awaiting_acknowledgement';
}

export const concernStageLabels: Record<ConcernStage, string> = {
  awaiting_acknowledgement: 'Waiting to be acknowledged',
  acknowledged: 'Acknowledged; an answer is being prepared',
  answered: 'Answered; waiting for the person who raised it',
  accepted: 'Answer accepted',
  escalated: 'Escalated to the trust’s named person',
  escalation_answered: 'Escalation answered',
};

/**
 * The last school day on which a concern raised on `raisedOn` may be acknowledged: `days` school
 * days after the day it was raised (that day not counted). When the calendar holds no such day
 * (past the last term entered), `days` weekdays are counted instead, so a concern always has a date.
 */
export function acknowledgeBy(cal: SchoolCalendar, raisedOn: string, days: number): string {
  const byCalendar = addSchoolDays(cal, raisedOn, days);
  if (byCalendar) return byCalendar;
  let d = new Date(`${raisedOn}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d = new Date(d.getTime() + 86_400_000);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** An acknowledgement is overdue once the school day it was due by has passed. */
export function acknowledgementOverdue(
  c: { acknowledgedAt: string | null; acknowledgeBy: string },
  today: string,
): boolean {
  return c.acknowledgedAt === null && today > c.acknowledgeBy;
}

/**
 * School days taken to acknowledge: the teaching days after the day it was raised up to and
 * including the day it was acknowledged (0 when acknowledged the same day).
 */
export function schoolDaysToAcknowledge(
  cal: SchoolCalendar,
  raisedOn: string,
  acknowledgedOn: string,
): number {
  if (acknowledgedOn <= raisedOn) return 0;
  return (
    schoolDaysBetween(cal, raisedOn, acknowledgedOn) + (isTeachingDay(cal, acknowledgedOn) ? 1 : 0)
  );
}

/** What may the person do next with a concern, by their part in it? */
export type ConcernPart = 'raiser' | 'supporter' | 'handler' | 'escalation';

export function nextSteps(
  c: ConcernState & { supporterStatus: 'asked' | 'confirmed' | 'declined' | null },
  parts: readonly ConcernPart[],
): {
  support: boolean;
  acknowledge: boolean;
  answer: boolean;
  decide: boolean;
  answerEscalation: boolean;
} {
  const stage = concernStage(c);
  return {
    support: parts.includes('supporter') && c.supporterStatus === 'asked',
    acknowledge: parts.includes('handler') && stage === 'awaiting_acknowledgement',
    answer: parts.includes('handler') && stage === 'acknowledged',
    decide: parts.includes('raiser') && stage === 'answered',
    answerEscalation: parts.includes('escalation') && stage === 'escalated',
  };
}

/** One concern as the protocol report and the review count it: never its contents. */
export type ConcernFact = {
  kind: ConcernKind;
  acknowledgeBy: string;
  /** School days taken to acknowledge; null while unacknowledged. */
  ackSchoolDays: number | null;
  /** Acknowledged after the date it was due by. */
  acknowledgedLate: boolean;
  outcome: ConcernOutcome | null;
  decision: 'accepted' | 'escalated' | null;
};

export type ConcernSummary = {
  raised: number;
  byKind: {
    kind: ConcernKind;
    raised: number;
    outcomes: { outcome: ConcernOutcome; count: number }[];
  }[];
  acknowledged: number;
  acknowledgedInTime: number;
  /** Unacknowledged and past the date due. */
  overdue: number;
  medianSchoolDaysToAcknowledge: number | null;
  answered: number;
  accepted: number;
  escalated: number;
};

export function summariseConcerns(facts: readonly ConcernFact[], today: string): ConcernSummary {
  const byKind = concernKinds
    .map((kind) => {
      const of = facts.filter((f) => f.kind === kind);
      return {
        kind,
        raised: of.length,
        outcomes: concernOutcomes
          .map((outcome) => ({ outcome, count: of.filter((f) => f.outcome === outcome).length }))
          .filter((o) => o.count > 0),
      };
    })
    .filter((k) => k.raised > 0);
  const days = facts
    .map((f) => f.ackSchoolDays)
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median =
    days.length === 0 ? null : days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  return {
    raised: facts.length,
    byKind,
    acknowledged: days.length,
    acknowledgedInTime: facts.filter((f) => f.ackSchoolDays !== null && !f.acknowledgedLate).length,
    overdue: facts.filter((f) => f.ackSchoolDays === null && today > f.acknowledgeBy).length,
    medianSchoolDaysToAcknowledge: median,
    answered: facts.filter((f) => f.outcome !== null).length,
    accepted: facts.filter((f) => f.decision === 'accepted').length,
    escalated: facts.filter((f) => f.decision === 'escalated').length,
  };
}
