/**
 * The protocol report's rows for rules 6 to 12 (DESIGN.md §3), each from counts the server
 * gathers: the look-fors the live walks used, re-checked by the frameworks' own prompt check;
 * handed-in records, their versions, flags and responses; the notes re-read by the neutral-
 * language checker; the reviews held against the school's frequency. What cannot be computed
 * says so ("not measured", and why), never "kept". Pure.
 */

import {
  type ConcernSummary,
  concernKindShortLabels,
  concernOutcomeLabels,
} from '../concerns/concerns.ts';
import { checkPrompt } from '../frameworks/check.ts';
import { createChecker } from '../neutral-language/checker.ts';
import { checkRecordForHandIn } from '../neutral-language/hand-in.ts';
import type { RecordBody } from '../records/body.ts';
import {
  describePeriod,
  reviewFrequencyLabels,
  type ScheduledPeriod,
} from '../reviews/schedule.ts';
import type { ReviewFrequency } from './types.ts';

export type RuleStatus = 'kept' | 'broken' | 'not_applicable' | 'not_measured';

export type RowOut = { status: RuleStatus; evidence: string[]; violations: number };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A look-for a live walk recorded against, for rules 6 and 7. */
export type PromptFact = { text: string; audience: 'observer' | 'pupils' };

/** Rule 6: no look-for of a live walk grades the teacher or the lesson. */
export function noEvaluationRow(prompts: readonly PromptFact[] | undefined): RowOut {
  if (!prompts) return notMeasured('The look-fors of the walks were not given to the report.');
  const observer = prompts.filter((p) => p.audience === 'observer');
  if (observer.length === 0) {
    return { status: 'not_applicable', evidence: ['No look-fors were used.'], violations: 0 };
  }
  const flagged = observer.filter((p) => checkPrompt(p.text, 'observer').length > 0);
  return {
    status: flagged.length ? 'broken' : 'kept',
    evidence: [
      `${plural(observer.length, 'look-for')} used by the walks, checked again with the framework check (evidence about pupils, never a verdict on a teacher or a lesson): ${flagged.length} flagged.`,
      'Evidence is recorded as prevalence across pupils; the app has no per-teacher report, export or ranking.',
    ],
    violations: flagged.length,
  };
}

/** Rule 7: no student-voice prompt of a live walk asks pupils about a teacher. */
export function studentVoiceRow(prompts: readonly PromptFact[] | undefined): RowOut {
  if (!prompts) return notMeasured('The student-voice prompts were not given to the report.');
  const pupils = prompts.filter((p) => p.audience === 'pupils');
  if (pupils.length === 0) {
    return {
      status: 'not_applicable',
      evidence: ['No student-voice prompts were used.'],
      violations: 0,
    };
  }
  const flagged = pupils.filter((p) => checkPrompt(p.text, 'pupils').length > 0);
  return {
    status: flagged.length ? 'broken' : 'kept',
    evidence: [
      `${plural(pupils.length, 'student-voice prompt')} used, checked again: ${flagged.length} asked pupils about a teacher or for a rating of the lesson.`,
    ],
    violations: flagged.length,
  };
}

export type RecordFacts = {
  handedIn: number;
  /** Handed-in records with their hand-in version kept in the history. */
  versioned: number;
  flags: number;
  flagsAnswered: number;
  responses: number;
};

/** Rule 8: teachers see the written records; every edit after hand-in is versioned. */
export function recordsRow(r: RecordFacts | undefined): RowOut {
  if (!r) return notMeasured('The records of the walks were not given to the report.');
  if (r.handedIn === 0) {
    return { status: 'not_applicable', evidence: ['No records handed in yet.'], violations: 0 };
  }
  const missing = r.handedIn - r.versioned;
  return {
    status: missing > 0 ? 'broken' : 'kept',
    evidence: [
      `${plural(r.handedIn, 'record')} handed in, each readable by the visited teacher; ${plural(r.versioned, 'record')} with every version kept.`,
      `Teachers responded ${plural(r.responses, 'time')} and flagged ${plural(r.flags, 'factual error')} (${r.flagsAnswered} settled).`,
    ],
    violations: Math.max(0, missing),
  };
}

/**
 * Rule 9: the handed-in records, read again by the same check as hand-in. A phrase the observer
 * kept with a stated reason (shown to the teacher marked) is allowed, as at hand-in; anything
 * else flagged breaks the rule (records handed in before the check existed, say).
 */
export function neutralLanguageRow(
  bodies: readonly RecordBody[] | undefined,
  staffNames: readonly string[],
): RowOut {
  if (!bodies) return notMeasured('The records were not given to the report.');
  if (bodies.length === 0) {
    return { status: 'not_applicable', evidence: ['No records handed in yet.'], violations: 0 };
  }
  const checker = createChecker({ staffNames: [...staffNames] });
  const checked = bodies.map((b) => checkRecordForHandIn(checker, b));
  const flagged = checked.filter((c) => c.refused.length > 0).length;
  const kept = checked.reduce((n, c) => n + c.kept.length, 0);
  return {
    status: flagged ? 'broken' : 'kept',
    evidence: [
      `${plural(bodies.length, 'handed-in record')} read again by the hand-in check: ${flagged} with judgemental wording or a name.`,
      `${plural(kept, 'flagged phrase')} kept by the observer with a stated reason, shown to the teacher marked.`,
    ],
    violations: flagged,
  };
}

/** Rule 10: no view can single out a teacher. The report cannot see what was viewed. */
export function aggregatesRow(minGroupSize: number): RowOut {
  return notMeasured(
    `Every breakdown in the app is suppressed below ${minGroupSize} visited teachers, but the report cannot observe what people viewed or exported, so it does not claim the rule was kept.`,
  );
}

export type ReviewFacts = {
  frequency: ReviewFrequency;
  /** The review periods that overlap the report's dates and have begun. */
  periods: readonly (ScheduledPeriod & { ended: boolean })[];
  /** Staff who answered the pulses of those reviews, and staff asked. */
  answered: number;
  asked: number;
};

/** Rule 11: reviews with all staff, held against the school's frequency. */
export function reviewsRow(r: ReviewFacts | undefined): RowOut {
  if (!r) return notMeasured('The school’s reviews were not given to the report.');
  const held = r.periods.filter((p) => p.held > 0);
  const missed = r.periods.filter((p) => p.held === 0 && p.ended);
  const evidence = [
    `The school reviews its walks with all staff ${reviewFrequencyLabels[r.frequency]}; ${plural(held.length, 'period')} of ${r.periods.length} had a review.`,
  ];
  for (const p of held) evidence.push(`Held: ${describePeriod(p)}.`);
  for (const p of missed) evidence.push(`No review: ${describePeriod(p)}.`);
  if (r.asked > 0) {
    evidence.push(`${r.answered} of ${r.asked} staff asked answered the pulse.`);
  }
  if (r.periods.length === 0) return { status: 'not_applicable', evidence, violations: 0 };
  const open = r.periods.filter((p) => p.held === 0 && !p.ended);
  if (missed.length === 0 && open.length > 0 && held.length === 0) {
    evidence.push('The period has not ended: a review is still to come.');
    return { status: 'not_applicable', evidence, violations: 0 };
  }
  return { status: missed.length ? 'broken' : 'kept', evidence, violations: missed.length };
}

/** Rule 12's facts: counts of the concerns raised in scope, never their contents. */
export type ConcernsFacts = { summary: ConcernSummary; acknowledgeSchoolDays: number };

/**
 * Rule 12: concerns go to the head and are tracked to an answer. Kept when every concern was
 * acknowledged within the school's number of school days and none is overdue; counts by kind,
 * time to acknowledge and outcomes by kind, never what a concern said or who raised it.
 */
export function concernsRow(facts?: ConcernsFacts): RowOut {
  if (!facts) return notMeasured('Concerns were not given to the report.');
  const s = facts.summary;
  if (s.raised === 0) {
    return {
      status: 'not_applicable',
      evidence: ['No concerns about how walks are run were raised.'],
      violations: 0,
    };
  }
  const late = s.acknowledged - s.acknowledgedInTime;
  const evidence = [
    `${plural(s.raised, 'concern')} raised; ${s.acknowledged} acknowledged, ${s.acknowledgedInTime} of them within ${plural(facts.acknowledgeSchoolDays, 'school day')}.`,
  ];
  if (s.medianSchoolDaysToAcknowledge !== null) {
    evidence.push(
      `Median time to acknowledge: ${plural(s.medianSchoolDaysToAcknowledge, 'school day')}.`,
    );
  }
  if (s.overdue) evidence.push(`${plural(s.overdue, 'concern')} not acknowledged and overdue.`);
  for (const k of s.byKind) {
    const outcomes = k.outcomes.map(
      (o) => `${concernOutcomeLabels[o.outcome].toLowerCase()} ${o.count}`,
    );
    evidence.push(
      `${concernKindShortLabels[k.kind]}: ${k.raised} raised${outcomes.length ? `; outcomes: ${outcomes.join(', ')}` : '; none answered yet'}.`,
    );
  }
  evidence.push(
    `${s.answered} answered; ${s.accepted} answer${s.accepted === 1 ? '' : 's'} accepted, ${s.escalated} escalated to the trust’s named person.`,
  );
  const violations = late + s.overdue;
  return { status: violations ? 'broken' : 'kept', evidence, violations };
}

function notMeasured(why: string): RowOut {
  const text = why.charAt(0).toLowerCase() + why.slice(1);
  return { status: 'not_measured', evidence: [`Not measured: ${text}`], violations: 0 };
}
