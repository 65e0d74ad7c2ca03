/**
 * The protocol report (DESIGN.md §3): for a programme or a term, each of the thirteen rules with
 * whether it was kept, broken, not applicable or not measured, and the evidence — what a head shows staff and union representatives at a review. The
 * evidence is counts, dates and limits only: it never names, ranks or counts an individual
 * teacher's visits by name.
 */

import {
  formatDate,
  type IsoDate,
  type SchoolCalendar,
  schoolDaysBetween,
  weekdayNames,
  weekdayOf,
} from '../calendar/calendar.ts';
import type { RecordBody } from '../records/body.ts';
import {
  aggregatesRow,
  type ConcernsFacts,
  concernsRow,
  neutralLanguageRow,
  noEvaluationRow,
  type PromptFact,
  type RecordFacts,
  type ReviewFacts,
  type RowOut,
  type RuleStatus,
  recordsRow,
  reviewsRow,
  studentVoiceRow,
} from './report-rules.ts';
import {
  capPeriodOf,
  checkFocusAndPurpose,
  checkNotice,
  checkObservers,
  checkProgrammeStatus,
  checkRoomsPerHour,
  checkTeachingDay,
  checkVisitCaps,
  countsAsObservation,
} from './rules.ts';
import { describeCap } from './settings.ts';
import { toMinutes } from './time.ts';
import {
  DEFAULT_PROTOCOL_SETTINGS,
  type ProgrammeFacts,
  type ProtocolSettings,
  type StaffEntry,
  type Violation,
  type VisitFacts,
  type VisitHistoryEntry,
  type WalkFacts,
} from './types.ts';

/** The thirteen rules of DESIGN.md §3, in order, as the report names them. */
export const reportRules = [
  'programme',
  'focus',
  'observers',
  'notice',
  'visit_cap',
  'no_evaluation',
  'student_voice',
  'teachers_see_records',
  'neutral_language',
  'aggregates_only',
  'reviews',
  'concerns',
  'rooms_per_hour',
] as const;
export type ReportRule = (typeof reportRules)[number];
/** Checks that are not one of the thirteen rules but are shown beside them. */
export type OtherCheck = 'teaching_day' | 'spread';

export const reportRuleLabels: Record<ReportRule | OtherCheck, string> = {
  programme: 'A published programme staff were consulted on',
  focus: 'Focus and purpose, never about an individual',
  observers: 'At most two observers',
  notice: 'Prior warning',
  visit_cap: 'No teacher over-watched: the cap and one visit a day',
  no_evaluation: 'No evaluation of an individual',
  student_voice: 'Pupils never asked about a teacher',
  teachers_see_records: 'Teachers see the written records',
  neutral_language: 'Neutral language',
  aggregates_only: 'Aggregates only, above a minimum group size',
  reviews: 'Regular reviews with all staff',
  concerns: 'Concerns tracked to an answer',
  rooms_per_hour: 'Minimum disruption: time in a room and rooms an hour',
  teaching_day: 'Teaching days only',
  spread: 'Spread over the week and the day',
};

export type { RuleStatus };

export type ProtocolReportRow = {
  /** The rule's number in DESIGN.md §3 (1–13); null for the other checks. */
  number: number | null;
  rule: ReportRule | OtherCheck;
  label: string;
  status: RuleStatus;
  evidence: string[];
  /** How many violations were found (0 when kept). */
  violations: number;
};

/** A consultation in scope: on a programme, or on an amendment to one. */
export type ConsultationFacts = {
  kind: 'programme' | 'amendment';
  /** School days from opening to agreement (null: not agreed yet). */
  schoolDays: number | null;
  minSchoolDays: number;
  comments: number;
  anonymous: number;
  unanswered: number;
};

export type ProtocolReportInput = {
  /** "Autumn term 2026", "Programme: Oracy across the school". */
  title: string;
  /** The published walks in scope (drafts and cancelled walks left out), with visits and programme. */
  walks: readonly {
    walk: WalkFacts;
    visits: readonly VisitFacts[];
    programme?: ProgrammeFacts | null;
    /** Which agreed planned walk it carries out: the programme's, an amendment's, or none. */
    planned?: 'programme' | 'amendment' | null;
  }[];
  /** Visits on walks outside the scope (earlier terms of the school year…), for the caps. */
  history?: readonly VisitHistoryEntry[];
  calendar: SchoolCalendar;
  settings?: ProtocolSettings;
  staff?: readonly StaffEntry[];
  /** Consultations on the programme(s) in scope and their amendments (rule 1). */
  consultations?: readonly ConsultationFacts[];
  /** Look-fors and student-voice prompts of the walks' foci (rules 6 and 7). */
  prompts?: readonly PromptFact[];
  /** Handed-in records of the walks (rule 8). */
  records?: RecordFacts;
  /** The bodies of the handed-in records, kept phrases included (rule 9). */
  handedIn?: readonly RecordBody[];
  /** Reviews held against the school's frequency (rule 11). */
  reviews?: ReviewFacts;
  /** Concerns raised in scope, as counts (rule 12). */
  concerns?: ConcernsFacts;
};

export type ProtocolReport = {
  title: string;
  walks: number;
  visits: number;
  /** The thirteen rules, in order. */
  rows: ProtocolReportRow[];
  /** Checks beside the rules: teaching days, spread over the week. */
  otherChecks: ProtocolReportRow[];
  /** True when no row is broken. */
  allKept: boolean;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function row(
  rule: ReportRule | OtherCheck,
  found: readonly Violation[] | number,
  evidence: string[],
  applicable = true,
): ProtocolReportRow {
  const count = typeof found === 'number' ? found : found.length;
  const n = reportRules.indexOf(rule as ReportRule);
  return {
    number: n >= 0 ? n + 1 : null,
    rule,
    label: reportRuleLabels[rule],
    status: !applicable ? 'not_applicable' : count ? 'broken' : 'kept',
    evidence,
    violations: count,
  };
}

function fromOut(rule: ReportRule, out: RowOut): ProtocolReportRow {
  return {
    number: reportRules.indexOf(rule) + 1,
    rule,
    label: reportRuleLabels[rule],
    ...out,
  };
}

/** Dates with how many there were: "Thursday 5 November 2026 (8 visits)". */
function datesWithCounts(dates: readonly IsoDate[], noun: string): string {
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([d, n]) => `${formatDate(d)} (${plural(n, noun)})`)
    .join('; ');
}

/** Build the protocol report. Pure: the same input always gives the same report. */
export function protocolReport(input: ProtocolReportInput): ProtocolReport {
  const settings = input.settings ?? DEFAULT_PROTOCOL_SETTINGS;
  const { calendar } = input;
  const walks = input.walks;
  const allVisits = walks.flatMap((w) => w.visits);
  const rows: ProtocolReportRow[] = [];
  const otherChecks: ProtocolReportRow[] = [];
  const none = walks.length === 0;

  // 1. Programme.
  {
    const found = walks.flatMap((w) => checkProgrammeStatus(w.walk, w.programme));
    const programmes = new Map<string, ProgrammeFacts>();
    for (const w of walks) if (w.programme) programmes.set(w.programme.id, w.programme);
    const evidence: string[] = [];
    for (const p of programmes.values()) {
      const parts = [
        p.agreedOn ? `agreed with staff on ${formatDate(p.agreedOn)}` : null,
        p.publishedOn ? `published on ${formatDate(p.publishedOn)}` : null,
      ].filter(Boolean);
      evidence.push(`Programme ${parts.length ? parts.join(', ') : `is ${p.status}`}.`);
    }
    const inProgramme = walks.filter((w) => w.programme?.status === 'published').length;
    evidence.push(`${plural(inProgramme, 'walk')} of ${walks.length} in a published programme.`);
    const byPlan = (p: 'programme' | 'amendment') => walks.filter((w) => w.planned === p).length;
    if (walks.some((w) => w.planned !== undefined)) {
      evidence.push(
        `${plural(byPlan('programme'), 'walk')} carried out a planned walk of the agreed programme; ${plural(byPlan('amendment'), 'walk')} one added by an agreed amendment.`,
      );
    }
    const outsidePlan = walks.filter(
      (w) =>
        w.programme?.status === 'published' &&
        w.walk.inAgreedProgramme === false &&
        checkProgrammeStatus(w.walk, w.programme).length === 0,
    ).length;
    if (outsidePlan > 0) {
      evidence.push(
        `${plural(outsidePlan, 'walk')} outside the agreed plan, each with a recorded reason.`,
      );
    }
    let consultationShort = 0;
    for (const c of input.consultations ?? []) {
      const what =
        c.kind === 'programme' ? 'Consultation on the programme' : 'Consultation on an amendment';
      const lasted =
        c.schoolDays === null
          ? 'is still open'
          : `lasted ${plural(c.schoolDays, 'school day')} (at least ${c.minSchoolDays})`;
      evidence.push(
        `${what} ${lasted}: ${plural(c.comments, 'comment')} (${c.anonymous} anonymous), ${c.unanswered} unanswered.`,
      );
      if (c.schoolDays !== null && (c.schoolDays < c.minSchoolDays || c.unanswered > 0)) {
        consultationShort++;
      }
    }
    if (consultationShort > 0) {
      evidence.push(
        `${plural(consultationShort, 'agreement')} recorded before the minimum period or with comments unanswered.`,
      );
    }
    const offWithReason = walks.filter(
      (w) =>
        w.programme?.status !== 'published' &&
        checkProgrammeStatus(w.walk, w.programme).length === 0,
    ).length;
    if (offWithReason > 0) {
      evidence.push(
        `${plural(offWithReason, 'walk')} outside a published programme, each with a recorded reason.`,
      );
    }
    if (found.length)
      evidence.push(
        `${plural(found.length, 'walk')} with neither a published programme nor a recorded reason.`,
      );
    rows.push(row('programme', found.length + consultationShort, evidence, !none));
  }

  // 2. Focus and purpose.
  {
    const found = walks.flatMap((w) => checkFocusAndPurpose(w.walk, input.staff ?? []));
    const missing = found.filter((v) => v.code !== 'focus_names_person').length;
    const named = found.filter((v) => v.code === 'focus_names_person').length;
    const evidence = [
      missing === 0
        ? `Every walk stated its focus and purpose (${plural(walks.length, 'walk')}).`
        : `${plural(missing, 'focus or purpose', 'foci or purposes')} missing.`,
      named === 0
        ? `The focus check, run again over the ${plural(walks.length, 'published walk')}’ stored focus and purpose${input.staff?.length ? ` (with ${plural(input.staff.length, 'name')} on the staff list)` : ''}, found none about an individual.`
        : `The focus check, run again over the published walks’ stored focus and purpose, found ${plural(named, 'focus or purpose', 'foci or purposes')} about an individual.`,
    ];
    rows.push(row('focus', found, evidence, !none));
  }

  // 3. Observers.
  {
    const found = walks.flatMap((w) => checkObservers(w.walk, w.visits, settings));
    const most = walks.reduce((m, w) => Math.max(m, new Set(w.walk.observerIds).size), 0);
    const evidence = [
      `Most observers on any walk: ${most} (limit ${settings.maxObservers}).`,
      found.some((v) => v.code === 'observer_observed')
        ? 'An observer was visited on their own walk.'
        : 'No observer was visited on a walk they were observing.',
    ];
    rows.push(row('observers', found, evidence, !none));
  }

  // 4. Notice.
  {
    const found = allVisits.flatMap((v) => checkNotice(v, v.noticeGivenOn, calendar, settings));
    const noticed = allVisits.filter((v) => !v.invited && v.noticeGivenOn);
    const invited = allVisits.filter((v) => v.invited).length;
    const shortest = noticed.reduce(
      (m, v) => Math.min(m, schoolDaysBetween(calendar, v.noticeGivenOn!, v.date)),
      Number.POSITIVE_INFINITY,
    );
    const evidence: string[] = [];
    if (noticed.length) {
      evidence.push(
        `Notices sent on ${datesWithCounts(
          noticed.map((v) => v.noticeGivenOn!),
          'visit',
        )}.`,
      );
      evidence.push(
        `Shortest notice: ${plural(shortest, 'school day')} (the rule is at least ${plural(settings.noticeSchoolDays, 'school day')}).`,
      );
    }
    if (invited) evidence.push(`${plural(invited, 'invited visit')} needed no notice.`);
    if (found.length) evidence.push(`${plural(found.length, 'visit')} without enough notice.`);
    rows.push(row('notice', found, evidence, allVisits.length > invited));
  }

  // Teaching days.
  {
    const found = [
      ...walks.flatMap((w) =>
        checkTeachingDay(w.walk.date, calendar, w.walk.id ? [w.walk.id] : []),
      ),
      ...allVisits.flatMap((v) => {
        const w = walks.find((x) => x.visits.includes(v));
        return w && w.walk.date === v.date ? [] : checkTeachingDay(v.date, calendar, [v.id]);
      }),
    ];
    const evidence = [
      found.length
        ? `${plural(found.length, 'walk or visit', 'walks or visits')} on a day that is not a teaching day.`
        : `All ${plural(walks.length, 'walk')} on teaching days in the school calendar.`,
    ];
    otherChecks.push(row('teaching_day', found, evidence, !none));
  }

  // 5. Caps.
  {
    const capFound = checkVisitCaps(allVisits, input.history ?? [], settings, calendar);
    const cap = capFound.filter((v) => v.rule === 'visit_cap');
    const perDay = capFound.filter((v) => v.rule === 'visits_per_day');
    // The most counted visits any one teacher had in one cap period, over these walks and history.
    const byTeacher = new Map<string, IsoDate[]>();
    for (const v of allVisits) {
      if (!countsAsObservation(v)) continue;
      for (const t of new Set(v.teacherIds))
        byTeacher.set(t, [...(byTeacher.get(t) ?? []), v.date]);
    }
    for (const h of input.history ?? []) {
      if (countsAsObservation(h) && byTeacher.has(h.teacherId)) {
        byTeacher.get(h.teacherId)!.push(h.date);
      }
    }
    let most = 0;
    for (const dates of byTeacher.values()) {
      for (const d of dates) {
        const p = capPeriodOf(d, settings, calendar);
        const n = dates.filter((x) => x >= p.startsOn && x <= p.endsOn).length;
        if (n > most) most = n;
      }
    }
    const evidence = [
      `Visits per teacher within the cap of ${describeCap(settings)}, counting every walk: the most any teacher had was ${most}.`,
      `${plural(byTeacher.size, 'teacher')} visited; invited visits and health-and-safety visits (an audit of the room, not an observation) are not counted.`,
      perDay.length
        ? `${plural(perDay.length, 'time')} a teacher had more than ${plural(settings.maxVisitsPerTeacherPerDay, 'visit')} in a day.`
        : `No teacher had more than ${plural(settings.maxVisitsPerTeacherPerDay, 'visit')} in a day.`,
    ];
    if (cap.length) evidence.push(`${plural(cap.length, 'teacher')} went over the cap.`);
    rows.push(row('visit_cap', [...cap, ...perDay], evidence, allVisits.length > 0));
  }

  // 6–12.
  rows.push(fromOut('no_evaluation', noEvaluationRow(input.prompts)));
  rows.push(fromOut('student_voice', studentVoiceRow(input.prompts)));
  rows.push(fromOut('teachers_see_records', recordsRow(input.records)));
  rows.push(
    fromOut(
      'neutral_language',
      neutralLanguageRow(
        input.handedIn,
        (input.staff ?? []).map((s) => (typeof s === 'string' ? s : s.name)),
      ),
    ),
  );
  rows.push(fromOut('aggregates_only', aggregatesRow(settings.minGroupSize)));
  rows.push(fromOut('reviews', reviewsRow(input.reviews)));
  rows.push(fromOut('concerns', concernsRow(input.concerns)));

  // 13. Minimum disruption.
  {
    const found = walks.flatMap((w) => checkRoomsPerHour(w.visits, settings));
    let longest = 0;
    let busiest = 0;
    for (const w of walks) {
      const starts = w.visits.map((v) => toMinutes(v.startsAt)).sort((a, b) => a - b);
      for (const v of w.visits)
        longest = Math.max(longest, toMinutes(v.endsAt) - toMinutes(v.startsAt));
      for (const s of starts)
        busiest = Math.max(busiest, starts.filter((x) => x >= s && x < s + 60).length);
    }
    const evidence = [
      `Longest time in a room: ${longest} minutes (limit ${settings.visitMinutes}).`,
      `Most rooms in any hour: ${busiest} (limit ${settings.maxRoomsPerHour}).`,
    ];
    rows.push(row('rooms_per_hour', found, evidence, allVisits.length > 0));
  }

  // Spread over the week and the day (guidance, not a hard rule).
  {
    const byWeekday = [0, 0, 0, 0, 0];
    const byHour = new Map<string, number>();
    for (const v of allVisits) {
      const wd = weekdayOf(v.date);
      if (wd <= 5) byWeekday[wd - 1]!++;
      const h = v.startsAt.slice(0, 2);
      byHour.set(h, (byHour.get(h) ?? 0) + 1);
    }
    const walkDays = new Set(walks.map((w) => weekdayOf(w.walk.date)));
    const wanted = Math.min(3, walks.length);
    // Guidance rather than a hard rule: walks on at least three different weekdays (or on as many
    // weekdays as there are walks, when fewer), so the same lessons are not always the ones seen.
    const tooNarrow = walkDays.size < wanted ? 1 : 0;
    const evidence = [
      `Visits by weekday: ${byWeekday.map((n, i) => `${weekdayNames[i]} ${n}`).join(', ')}.`,
      `Visits by hour started: ${[...byHour.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([h, n]) => `${h}:00 ${n}`)
        .join(', ')}.`,
      `Walks on ${plural(walkDays.size, 'different weekday')} (at least ${wanted} expected).`,
      ...(tooNarrow ? [`Spread the walks over at least ${wanted} weekdays.`] : []),
    ];
    otherChecks.push(row('spread', tooNarrow, evidence, allVisits.length > 0));
  }

  return {
    title: input.title,
    walks: walks.length,
    visits: allVisits.length,
    rows,
    otherChecks,
    allKept: [...rows, ...otherChecks].every((r) => r.status !== 'broken'),
  };
}
