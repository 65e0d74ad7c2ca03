/**
 * The protocol report (DESIGN.md §3): for a programme or a term, each rule with whether it was
 * kept and the evidence — what a head shows staff and union representatives at a review. The
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
import {
  capPeriodOf,
  checkFocusAndPurpose,
  checkNotice,
  checkObservers,
  checkProgrammeStatus,
  checkRoomsPerHour,
  checkTeachingDay,
  checkVisitCaps,
} from './rules.ts';
import { describeCap } from './settings.ts';
import { toMinutes } from './time.ts';
import {
  DEFAULT_PROTOCOL_SETTINGS,
  type ProgrammeFacts,
  type ProtocolRule,
  type ProtocolSettings,
  protocolRuleLabels,
  type StaffEntry,
  type Violation,
  type VisitFacts,
  type VisitHistoryEntry,
  type WalkFacts,
} from './types.ts';

export type ReportRule = ProtocolRule | 'spread';
export type RuleStatus = 'kept' | 'broken' | 'not_applicable';

export type ProtocolReportRow = {
  rule: ReportRule;
  label: string;
  status: RuleStatus;
  evidence: string[];
  /** How many violations were found (0 when kept). */
  violations: number;
};

export type ProtocolReportInput = {
  /** "Autumn term 2026", "Programme: Oracy across the school". */
  title: string;
  /** The walks in scope (cancelled walks left out), each with its visits and its programme. */
  walks: readonly {
    walk: WalkFacts;
    visits: readonly VisitFacts[];
    programme?: ProgrammeFacts | null;
  }[];
  /** Visits on walks outside the scope (earlier terms of the school year…), for the caps. */
  history?: readonly VisitHistoryEntry[];
  calendar: SchoolCalendar;
  settings?: ProtocolSettings;
  staff?: readonly StaffEntry[];
};

export type ProtocolReport = {
  title: string;
  walks: number;
  visits: number;
  rows: ProtocolReportRow[];
  /** True when no row is broken. */
  allKept: boolean;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function row(
  rule: ReportRule,
  found: readonly Violation[] | number,
  evidence: string[],
  applicable = true,
): ProtocolReportRow {
  const count = typeof found === 'number' ? found : found.length;
  return {
    rule,
    label: rule === 'spread' ? 'Spread over the week and the day' : protocolRuleLabels[rule],
    status: !applicable ? 'not_applicable' : count ? 'broken' : 'kept',
    evidence,
    violations: count,
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
    rows.push(row('programme', found, evidence, !none));
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
        ? `No focus or purpose names a member of staff${input.staff?.length ? ` (checked against ${plural(input.staff.length, 'name')} on the staff list and titles such as “Mr” or “Dr”)` : ' (checked for titles such as “Mr” or “Dr” with a name)'}: the focus was never about an individual.`
        : `${plural(named, 'focus or purpose', 'foci or purposes')} named a member of staff.`,
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
    rows.push(row('teaching_day', found, evidence, !none));
  }

  // 5. Caps.
  {
    const capFound = checkVisitCaps(allVisits, input.history ?? [], settings, calendar);
    const cap = capFound.filter((v) => v.rule === 'visit_cap');
    const perDay = capFound.filter((v) => v.rule === 'visits_per_day');
    // The most counted visits any one teacher had in one cap period, over these walks and history.
    const byTeacher = new Map<string, IsoDate[]>();
    for (const v of allVisits) {
      if (v.invited) continue;
      for (const t of new Set(v.teacherIds))
        byTeacher.set(t, [...(byTeacher.get(t) ?? []), v.date]);
    }
    for (const h of input.history ?? []) {
      if (!h.invited && byTeacher.has(h.teacherId)) byTeacher.get(h.teacherId)!.push(h.date);
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
      `${plural(byTeacher.size, 'teacher')} visited; invited visits are not counted.`,
    ];
    if (cap.length) evidence.push(`${plural(cap.length, 'teacher')} went over the cap.`);
    rows.push(row('visit_cap', cap, evidence, allVisits.length > 0));
    rows.push(
      row(
        'visits_per_day',
        perDay,
        [
          perDay.length
            ? `${plural(perDay.length, 'time')} a teacher had more than ${plural(settings.maxVisitsPerTeacherPerDay, 'visit')} in a day.`
            : `No teacher had more than ${plural(settings.maxVisitsPerTeacherPerDay, 'visit')} in a day.`,
        ],
        allVisits.length > 0,
      ),
    );
  }

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
    rows.push(row('spread', tooNarrow, evidence, allVisits.length > 0));
  }

  return {
    title: input.title,
    walks: walks.length,
    visits: allVisits.length,
    rows,
    allKept: rows.every((r) => r.status !== 'broken'),
  };
}
