/**
 * A school's self-evaluation of its walk practice (issue 16): twelve statements in our own words,
 * covering the model protocol's clauses and the business manager's guide (seed 001's five tips),
 * each rated by the school (in place / partly / not yet) with a comment. Beside each rating the
 * app puts the evidence it has from its own data, as counts and dates — never a teacher — and
 * marks where the rating and the evidence disagree. Pure: plain facts in, plain rows out.
 */

export const selfEvaluationRatings = ['in_place', 'partly', 'not_yet'] as const;
export type SelfEvaluationRating = (typeof selfEvaluationRatings)[number];
export const ratingLabels: Record<SelfEvaluationRating, string> = {
  in_place: 'In place',
  partly: 'Partly',
  not_yet: 'Not yet',
};

/** What the evidence says on its own: it supports the statement, partly, not, or there is none. */
export const evidenceSignals = ['supports', 'partly', 'against', 'no_data'] as const;
export type EvidenceSignal = (typeof evidenceSignals)[number];
export const signalLabels: Record<EvidenceSignal, string> = {
  supports: 'The app’s data supports this',
  partly: 'The app’s data partly supports this',
  against: 'The app’s data does not support this',
  no_data: 'No data in the app',
};

export const statementIds = [
  'programme_agreed',
  'focus_explained',
  'two_observers',
  'pupils_not_asked',
  'records_shared',
  'feedback_given',
  'best_practice',
  'improvement_plan',
  'different_times',
  'open_door',
  'observers_trained',
  'regular_reviews',
] as const;
export type StatementId = (typeof statementIds)[number];

export type Statement = { id: StatementId; text: string; basis: string };

/** The checklist, in the order a school works through it. Our wording, not the seeds'. */
export const statements: readonly Statement[] = [
  {
    id: 'programme_agreed',
    text: 'Staff help shape each term’s programme of walks, and agree it before it is published.',
    basis: 'Protocol: a programme agreed with staff',
  },
  {
    id: 'focus_explained',
    text: 'Teachers hear what a walk will look for, and why, in good time before it happens.',
    basis: 'Protocol: focus and purpose, prior warning',
  },
  {
    id: 'two_observers',
    text: 'No more than two colleagues come into a room on a walk.',
    basis: 'Protocol: at most two observers',
  },
  {
    id: 'pupils_not_asked',
    text: 'When we talk with pupils we ask about their learning, never about their teacher.',
    basis: 'Protocol: pupils never asked about a teacher',
  },
  {
    id: 'records_shared',
    text: 'Teachers read what was written about their lessons and can reply or put it right.',
    basis: 'Protocol: teachers see the written records',
  },
  {
    id: 'feedback_given',
    text: 'Every walk leads to feedback for the teachers visited, in person where that was agreed.',
    basis: 'Guide: feedback always',
  },
  {
    id: 'best_practice',
    text: 'What works well in a room is passed on to colleagues and celebrated.',
    basis: 'Guide: share and celebrate best practice',
  },
  {
    id: 'improvement_plan',
    text: 'What walks find becomes actions under our improvement plan’s priorities.',
    basis: 'Guide: findings feed the improvement plan',
  },
  {
    id: 'different_times',
    text: 'Walks happen across the whole day and the whole week, not always in the same slot.',
    basis: 'Guide: walks often and at different times',
  },
  {
    id: 'open_door',
    text: 'Teachers invite colleagues in to see their lessons without waiting to be asked.',
    basis: 'Guide: an open-door culture',
  },
  {
    id: 'observers_trained',
    text: 'Everyone who walks has practised recording evidence fairly and consistently.',
    basis: 'Guide and protocol: trained observers',
  },
  {
    id: 'regular_reviews',
    text: 'We look back at how walks are going with all staff, and act on what they tell us.',
    basis: 'Protocol: regular reviews with all staff',
  },
];

export type RuleStatus = 'kept' | 'broken' | 'not_applicable' | 'not_measured';
export type RuleCheck = { status: RuleStatus; evidence: readonly string[] };
type ReportRuleId =
  | 'programme'
  | 'focus'
  | 'notice'
  | 'observers'
  | 'student_voice'
  | 'teachers_see_records'
  | 'reviews';

/** What the app knows about the period, gathered by the server. Counts only, never a person. */
export type SelfEvaluationFacts = {
  /** Published walks and their visits in the period (from the protocol report). */
  walks: number;
  visits: number;
  /** The protocol report's rows for the rules a statement rests on. */
  rules: Partial<Record<ReportRuleId, RuleCheck>>;
  /** Notice timings: visits by school days of notice, and the school's minimum. */
  notice: { required: number; bySchoolDays: readonly { schoolDays: number; visits: number }[] };
  /** Visits by period of the day and by weekday (the protocol report's spread). */
  spread: {
    byPeriod: readonly { period: string; visits: number }[];
    byWeekday: readonly { weekday: string; visits: number }[];
  };
  /** The latest closed pulse overlapping the period; null when there is none. */
  pulse: {
    answered: number;
    staff: number;
    /** Null when fewer answered than the school's minimum group size. */
    walks: { more: number; same: number; fewer: number } | null;
  } | null;
  invitations: { made: number; accepted: number };
  debriefs: { held: number; summariesPublished: number };
  actions: { linkedToPriority: number; fromDebriefs: number; followUpWalks: number };
  /** Observer training: null while the app records none. */
  training: { observers: number; trained: number } | null;
  /** Feedback conversations offered and held; null while the app records none. */
  feedback: { offered: number; given: number; writtenPreferred: number } | null;
  /** Examples published to the practice library; null while the app records none. */
  practice: { published: number } | null;
};

export type StatementEvidence = { signal: EvidenceSignal; lines: string[] };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function fromRule(check: RuleCheck | undefined, what: string): StatementEvidence {
  if (!check) return { signal: 'no_data', lines: [`No data: ${what}.`] };
  const signal: EvidenceSignal =
    check.status === 'kept' ? 'supports' : check.status === 'broken' ? 'against' : 'no_data';
  return { signal, lines: [...check.evidence] };
}

/** The weaker of two signals, ignoring a missing one. */
function weaker(a: EvidenceSignal, b: EvidenceSignal): EvidenceSignal {
  if (a === 'no_data') return b;
  if (b === 'no_data') return a;
  const order: EvidenceSignal[] = ['against', 'partly', 'supports'];
  return order[Math.min(order.indexOf(a), order.indexOf(b))]!;
}

function noticeEvidence(f: SelfEvaluationFacts): StatementEvidence {
  const total = f.notice.bySchoolDays.reduce((n, d) => n + d.visits, 0);
  if (total === 0) return { signal: 'no_data', lines: [] };
  const onTime = f.notice.bySchoolDays
    .filter((d) => d.schoolDays >= f.notice.required)
    .reduce((n, d) => n + d.visits, 0);
  const fewest = Math.min(...f.notice.bySchoolDays.map((d) => d.schoolDays));
  return {
    signal: onTime === total ? 'supports' : onTime === 0 ? 'against' : 'partly',
    lines: [
      `${onTime} of ${plural(total, 'notified visit')} had at least ${plural(f.notice.required, 'school day')} of notice (the shortest: ${plural(fewest, 'school day')}).`,
    ],
  };
}

function spreadEvidence(f: SelfEvaluationFacts): StatementEvidence {
  const counted = f.spread.byWeekday.reduce((n, d) => n + d.visits, 0);
  if (counted === 0) {
    return { signal: 'no_data', lines: ['No data: no visits were made in this period.'] };
  }
  const timetabled = f.spread.byPeriod.filter((p) => p.period !== 'Outside the timetabled periods');
  const periodsUsed = timetabled.filter((p) => p.visits > 0).length;
  const weekdaysUsed = f.spread.byWeekday.filter((d) => d.visits > 0).length;
  const lines = [
    `${plural(counted, 'visit')} fell on ${weekdaysUsed} of the 5 weekdays${timetabled.length ? ` and in ${periodsUsed} of the ${plural(timetabled.length, 'period')} of the day` : ''}.`,
  ];
  const busiestDay = [...f.spread.byWeekday].sort((a, b) => b.visits - a.visits)[0]!;
  lines.push(
    `The busiest weekday was ${busiestDay.weekday} (${plural(busiestDay.visits, 'visit')}).`,
  );
  const oneSlot =
    counted > 1 && (weekdaysUsed === 1 || (timetabled.length > 1 && periodsUsed === 1));
  const wide =
    weekdaysUsed >= 3 && (timetabled.length === 0 || periodsUsed * 2 >= timetabled.length);
  return { signal: oneSlot ? 'against' : wide ? 'supports' : 'partly', lines };
}

/** Each statement's evidence from the app's own data. */
export function statementEvidence(id: StatementId, f: SelfEvaluationFacts): StatementEvidence {
  switch (id) {
    case 'programme_agreed':
      return fromRule(f.rules.programme, 'the protocol report gave no programme evidence');
    case 'focus_explained': {
      const focus = fromRule(f.rules.focus, 'the protocol report gave no focus evidence');
      const notice = fromRule(f.rules.notice, 'the protocol report gave no notice evidence');
      const timing = noticeEvidence(f);
      return {
        signal: weaker(weaker(focus.signal, notice.signal), timing.signal),
        lines: [...focus.lines, ...notice.lines, ...timing.lines],
      };
    }
    case 'two_observers':
      return fromRule(f.rules.observers, 'the protocol report gave no observer evidence');
    case 'pupils_not_asked':
      return fromRule(f.rules.student_voice, 'the protocol report gave no student-voice evidence');
    case 'records_shared':
      return fromRule(f.rules.teachers_see_records, 'the protocol report gave no record evidence');
    case 'feedback_given': {
      if (!f.feedback) {
        return {
          signal: 'no_data',
          lines: ['No data: the app does not record feedback conversations for this period.'],
        };
      }
      const { offered, given, writtenPreferred } = f.feedback;
      if (offered === 0) {
        return {
          signal: 'no_data',
          lines: ['No data: no feedback conversation was offered in this period.'],
        };
      }
      const settled = given + writtenPreferred;
      return {
        signal: settled === offered ? 'supports' : settled === 0 ? 'against' : 'partly',
        lines: [
          `${plural(offered, 'feedback conversation')} offered: ${given} held, ${writtenPreferred} where the teacher preferred written feedback.`,
        ],
      };
    }
    case 'best_practice': {
      const { held, summariesPublished } = f.debriefs;
      const lines = [
        `${plural(held, 'debrief')} held; ${plural(summariesPublished, 'staff summary', 'staff summaries')} published to staff.`,
      ];
      if (f.practice) {
        lines.push(`${plural(f.practice.published, 'example')} published to the practice library.`);
      }
      const shared = summariesPublished + (f.practice?.published ?? 0);
      if (held === 0 && shared === 0) return { signal: 'no_data', lines };
      return {
        signal: shared === 0 ? 'against' : summariesPublished >= held ? 'supports' : 'partly',
        lines,
      };
    }
    case 'improvement_plan': {
      const { linkedToPriority, fromDebriefs, followUpWalks } = f.actions;
      const lines = [
        `${plural(linkedToPriority, 'action')} under the improvement plan’s priorities, ${fromDebriefs} of them carrying forward a debrief; ${plural(followUpWalks, 'follow-up walk')} planned.`,
      ];
      if (f.debriefs.held === 0 && linkedToPriority === 0) return { signal: 'no_data', lines };
      return {
        signal: fromDebriefs > 0 ? 'supports' : linkedToPriority > 0 ? 'partly' : 'against',
        lines,
      };
    }
    case 'different_times':
      return spreadEvidence(f);
    case 'open_door': {
      const { made, accepted } = f.invitations;
      return {
        signal: made > 0 ? 'supports' : f.walks > 0 ? 'against' : 'no_data',
        lines: [
          made > 0
            ? `${plural(made, 'open-door invitation')} from teachers; ${accepted} taken up.`
            : 'No teacher sent an open-door invitation in this period.',
        ],
      };
    }
    case 'observers_trained': {
      if (!f.training) {
        return {
          signal: 'no_data',
          lines: ['No data: the app does not record observer training yet.'],
        };
      }
      const { observers, trained } = f.training;
      return {
        signal:
          observers === 0
            ? 'no_data'
            : trained === observers
              ? 'supports'
              : trained === 0
                ? 'against'
                : 'partly',
        lines: [`${trained} of ${plural(observers, 'observer')} completed the training.`],
      };
    }
    case 'regular_reviews': {
      const rule = fromRule(f.rules.reviews, 'the protocol report gave no review evidence');
      const lines = [...rule.lines];
      if (!f.pulse) {
        lines.push('No staff pulse closed in this period.');
      } else {
        lines.push(
          `${f.pulse.answered} of ${plural(f.pulse.staff, 'member')} of staff answered the latest pulse.`,
        );
        const w = f.pulse.walks;
        lines.push(
          w
            ? `Staff wanting more walks: ${pct(w.more)}; about the same: ${pct(w.same)}; fewer: ${pct(w.fewer)}.`
            : 'Too few answered for the pulse’s shares to be shown.',
        );
      }
      return { signal: rule.signal, lines };
    }
  }
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

export type Disagreement = { direction: 'rated_higher' | 'rated_lower'; message: string } | null;

/**
 * Where the school's rating and the app's evidence disagree: "in place" while the evidence does
 * not (or only partly) support it, or "not yet" while it fully does. "Partly" is never marked,
 * and nothing is marked where the app has no data.
 */
export function disagreement(
  rating: SelfEvaluationRating | null,
  signal: EvidenceSignal,
): Disagreement {
  if (!rating || signal === 'no_data') return null;
  if (rating === 'in_place' && signal !== 'supports') {
    return {
      direction: 'rated_higher',
      message:
        signal === 'against'
          ? 'Rated in place, but the app’s data does not support it. Look at the evidence before confirming.'
          : 'Rated in place, but the app’s data only partly supports it. Look at the evidence before confirming.',
    };
  }
  if (rating === 'not_yet' && signal === 'supports') {
    return {
      direction: 'rated_lower',
      message:
        'Rated not yet, but the app’s data supports it. Say in the comment what is still missing.',
    };
  }
  return null;
}

export type RatedStatement = {
  id: StatementId;
  rating: SelfEvaluationRating | null;
};

export type SelfEvaluationRow = Statement &
  StatementEvidence & { rating: SelfEvaluationRating | null; disagreement: Disagreement };

/** Every statement with its evidence, the school's rating and the disagreement marker. */
export function selfEvaluationRows(
  facts: SelfEvaluationFacts,
  ratings: readonly RatedStatement[],
): SelfEvaluationRow[] {
  return statements.map((s) => {
    const evidence = statementEvidence(s.id, facts);
    const rating = ratings.find((r) => r.id === s.id)?.rating ?? null;
    return { ...s, ...evidence, rating, disagreement: disagreement(rating, evidence.signal) };
  });
}

/** Statements not yet rated: a self-evaluation is completed only when every one is. */
export function unrated(ratings: readonly RatedStatement[]): StatementId[] {
  return statementIds.filter((id) => !ratings.some((r) => r.id === id && r.rating));
}
