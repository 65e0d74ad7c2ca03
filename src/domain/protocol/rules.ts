/**
 * One function per protocol rule (DESIGN.md §3, rules 1–5 and 13). Each returns the violations it
 * finds — an empty list when the rule is kept — with a plain British English message naming the
 * rule, the limit and the case. `checkWalkPlan` runs them all. The server refuses any change that
 * leaves a violation; the web app may run the same checks early.
 */
import {
  addDays,
  dayNumber,
  formatDate,
  fromDayNumber,
  type IsoDate,
  latestNoticeDate,
  noticeCounts,
  type SchoolCalendar,
  schoolDaysBetween,
  schoolYearOf,
  teachingDay,
  termOf,
} from '../calendar/calendar.ts';
import { checkFocusText as focusFindings, staffNamesIn } from '../frameworks/individual.ts';
import { describeCap } from './settings.ts';
import { fromMinutes, toMinutes } from './time.ts';
import {
  DEFAULT_PROTOCOL_SETTINGS,
  type ProgrammeFacts,
  type ProtocolSettings,
  type StaffEntry,
  type Violation,
  type VisitFacts,
  type VisitHistoryEntry,
  type WalkFacts,
  type WalkPlanCheckInput,
} from './types.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The shortest off-programme reason accepted: a few words, not a placeholder. */
export const MIN_OFF_PROGRAMME_REASON_LENGTH = 15;

// ---------------------------------------------------------------------------------------------
// Rule 1: a published programme (or a recorded reason)
// ---------------------------------------------------------------------------------------------

/**
 * Rule 1: a walk belongs to a published programme, or records why not. A reason must be at least
 * MIN_OFF_PROGRAMME_REASON_LENGTH characters.
 */
export function checkProgrammeStatus(
  walk: Pick<WalkFacts, 'id' | 'offProgrammeReason' | 'inAgreedProgramme'>,
  programme: ProgrammeFacts | null | undefined,
): Violation[] {
  const reason = walk.offProgrammeReason?.trim() ?? '';
  const subjectIds = [walk.id, programme?.id].filter((x): x is string => !!x);
  if (programme?.status === 'published') {
    // Staff agreed the programme's planned walks, not any walk in its term.
    if (walk.inAgreedProgramme !== false || reason.length >= MIN_OFF_PROGRAMME_REASON_LENGTH) {
      return [];
    }
    return [
      {
        rule: 'programme',
        code: 'not_in_agreed_programme',
        message: `Published programme: this walk is not one of the walks staff agreed in the programme (none of its planned walks matches its date or week, time and kind). Open an amendment and consult staff on it, or record why it is outside the programme (at least ${MIN_OFF_PROGRAMME_REASON_LENGTH} characters).`,
        limit: MIN_OFF_PROGRAMME_REASON_LENGTH,
        subjectIds,
      },
    ];
  }
  if (reason.length >= MIN_OFF_PROGRAMME_REASON_LENGTH) return [];
  if (reason.length > 0) {
    return [
      {
        rule: 'programme',
        code: 'off_programme_reason_too_short',
        message: `Published programme: a walk outside a published programme needs a recorded reason of at least ${MIN_OFF_PROGRAMME_REASON_LENGTH} characters; “${reason}” is too short to tell staff why.`,
        limit: MIN_OFF_PROGRAMME_REASON_LENGTH,
        subjectIds,
      },
    ];
  }
  if (!programme) {
    return [
      {
        rule: 'programme',
        code: 'no_programme',
        message:
          'Published programme: this walk is not part of a programme. Add it to the published programme for the term, or record why it has to happen outside one.',
        subjectIds,
      },
    ];
  }
  return [
    {
      rule: 'programme',
      code: 'programme_not_published',
      message: `Published programme: the walk’s programme is still ${programme.status === 'agreed' ? 'agreed but not published' : `at the ${programme.status} stage`}. Publish the programme to staff first, or record why this walk cannot wait.`,
      subjectIds,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Rule 2: focus and purpose, never about an individual
// ---------------------------------------------------------------------------------------------

/**
 * Rule 2: a focus or purpose may not name a member of staff. Flags names from the staff list
 * (whole or in part: "Amir", "Patel"), any title with a name ("Mr Smith", "Dr. Jones", "Miss
 * H"), and staff codes from the staff list ("JSM", matched as a whole word, case as written).
 * `field` names the text in messages.
 */
export function checkFocusNamesNobody(
  text: string,
  staff: readonly StaffEntry[],
  field = 'focus',
): Violation[] {
  return staffNamesIn(text, staff).map((f) => ({
    rule: 'focus' as const,
    code: 'focus_names_person' as const,
    message: `Focus never about an individual: the ${field} names “${f.text}”. A focus is about learning across classes, never a member of staff; take the name out.`,
    subjectIds: f.ids,
    phrase: f.text,
  }));
}

/**
 * Rules 2 and 6 on a focus or purpose: the names it carries, and what the structural checks find
 * (a role one person holds, a room, appraisal, or a verdict on the teaching), each naming the
 * words, the reason and a rewrite.
 */
export function checkFocusText(
  text: string,
  staff: readonly StaffEntry[],
  field = 'focus',
  subjectIds: string[] = [],
): Violation[] {
  const { names, findings } = focusFindings(text, staff);
  return [
    ...names.map((f) => ({
      rule: 'focus' as const,
      code: 'focus_names_person' as const,
      message: `Focus never about an individual: the ${field} names “${f.text}”. A focus is about learning across classes, never a member of staff; take the name out.`,
      subjectIds: f.ids,
      phrase: f.text,
    })),
    ...findings.map((f) => ({
      rule: 'focus' as const,
      code:
        f.check === 'evaluation'
          ? ('focus_evaluates_teaching' as const)
          : ('focus_about_individual' as const),
      message: `Focus never about an individual: the ${field} “${text}” ${f.check === 'evaluation' ? 'passes a verdict on the teaching' : 'singles out a member of staff'} (“${f.phrase}”). ${f.reason} ${f.rewrite}`,
      subjectIds,
      phrase: f.phrase,
      suggestion: f.rewrite,
    })),
  ];
}

/**
 * Rule 2 (and 6): every walk records against a published framework version, through its focus (a
 * subset of one). `walk.framework` undefined means the caller does not know, and the rule is
 * not checked; null means the walk has none.
 */
export function checkWalkFramework(walk: Pick<WalkFacts, 'id' | 'framework'>): Violation[] {
  if (walk.framework === undefined) return [];
  const subjectIds = walk.id ? [walk.id] : [];
  if (walk.framework === null) {
    return [
      {
        rule: 'focus',
        code: 'no_framework',
        message:
          'Focus and purpose: the walk has no framework. Choose one of the school’s foci: each is a set of look-fors from a published version of the trust framework, so what observers record is evidence about pupils, never a judgement of a teacher.',
        subjectIds,
      },
    ];
  }
  if (walk.framework.status !== 'published') {
    return [
      {
        rule: 'focus',
        code: 'framework_not_published',
        message:
          'Focus and purpose: the walk’s framework version is still a draft. A walk records against a published version of the trust framework.',
        subjectIds,
      },
    ];
  }
  return [];
}

/**
 * Rule 2: the focus (what we look for) and purpose (why) are both stated, name and single out
 * nobody, serve no appraisal and pass no verdict on the teaching (rule 6).
 */
export function checkFocusAndPurpose(
  walk: Pick<WalkFacts, 'id' | 'focus' | 'purpose'>,
  staff: readonly StaffEntry[] = [],
): Violation[] {
  const out: Violation[] = [];
  const ids = walk.id ? [walk.id] : [];
  if (walk.focus.trim().length === 0) {
    out.push({
      rule: 'focus',
      code: 'focus_missing',
      message:
        'Focus and purpose: the walk has no focus. Say what the walk is looking for before it is published.',
      subjectIds: ids,
    });
  }
  if (walk.purpose.trim().length === 0) {
    out.push({
      rule: 'focus',
      code: 'purpose_missing',
      message:
        'Focus and purpose: the walk has no purpose. Say why the walk is looking at this before it is published.',
      subjectIds: ids,
    });
  }
  out.push(...checkFocusText(walk.focus, staff, 'focus', ids));
  out.push(...checkFocusText(walk.purpose, staff, 'purpose', ids));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rule 3: at most two observers, who are not observed
// ---------------------------------------------------------------------------------------------

/**
 * Rule 3: between one and `settings.maxObservers` observers (each counted once), and no observer
 * teaches a lesson visited on the same walk.
 */
export function checkObservers(
  walk: Pick<WalkFacts, 'id' | 'observerIds'>,
  visits: readonly Pick<VisitFacts, 'id' | 'teacherIds'>[] = [],
  settings: Pick<ProtocolSettings, 'maxObservers'> = DEFAULT_PROTOCOL_SETTINGS,
): Violation[] {
  const out: Violation[] = [];
  const observers = [...new Set(walk.observerIds)];
  if (observers.length === 0) {
    out.push({
      rule: 'observers',
      code: 'no_observers',
      message: 'Observers: the walk has no observer. Add one or two colleagues to carry it out.',
      limit: settings.maxObservers,
      subjectIds: walk.id ? [walk.id] : [],
    });
  }
  if (observers.length > settings.maxObservers) {
    out.push({
      rule: 'observers',
      code: 'too_many_observers',
      message: `At most ${plural(settings.maxObservers, 'observer')}: this walk has ${observers.length}. Take ${observers.length - settings.maxObservers} off the walk.`,
      limit: settings.maxObservers,
      subjectIds: observers,
    });
  }
  const set = new Set(observers);
  for (const v of visits) {
    const both = v.teacherIds.filter((t) => set.has(t));
    if (both.length > 0) {
      out.push({
        rule: 'observers',
        code: 'observer_observed',
        message: `Observers: an observer on this walk teaches a lesson it visits (visit ${v.id}). An observer cannot be observed on the same walk; choose another lesson or another observer.`,
        subjectIds: [v.id, ...both],
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rule 4: prior warning
// ---------------------------------------------------------------------------------------------

/**
 * Rule 4: the teachers of a visit were (or will be) told at least `noticeSchoolDays` whole school
 * days before it — see `noticeCounts` in calendar.ts for how days are counted. Invited visits
 * need no notice.
 */
export function checkNotice(
  visit: Pick<VisitFacts, 'id' | 'teacherIds' | 'date' | 'invited'>,
  noticeGivenOn: IsoDate | null | undefined,
  calendar: SchoolCalendar,
  settings: Pick<ProtocolSettings, 'noticeSchoolDays'> = DEFAULT_PROTOCOL_SETTINGS,
): Violation[] {
  if (visit.invited) return [];
  const n = settings.noticeSchoolDays;
  const limit = plural(n, 'school day');
  const subjectIds = [visit.id, ...visit.teacherIds];
  if (!noticeGivenOn) {
    return [
      {
        rule: 'notice',
        code: 'notice_missing',
        message: `Prior warning: no notice has been given for the visit on ${formatDate(visit.date)}. Teachers must be told the date, time, focus and observers at least ${limit} before.`,
        limit,
        subjectIds,
      },
    ];
  }
  if (noticeCounts(calendar, noticeGivenOn, visit.date, n)) return [];
  const had =
    noticeGivenOn < visit.date ? schoolDaysBetween(calendar, noticeGivenOn, visit.date) : 0;
  const latest = latestNoticeDate(calendar, visit.date, n);
  return [
    {
      rule: 'notice',
      code: 'notice_too_late',
      message:
        `Prior warning: notice given on ${formatDate(noticeGivenOn)} leaves ${plural(had, 'school day')} before the visit on ${formatDate(visit.date)}; the rule is at least ${limit}` +
        (latest ? `, so notice was due by ${formatDate(latest)}.` : '.') +
        ' Move the visit later, or ask whether the teacher would like to invite it.',
      limit,
      subjectIds,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// No visits on non-teaching days
// ---------------------------------------------------------------------------------------------

/** No walk or visit on a weekend, outside term, or in a closure (INSET, exams, holiday). */
export function checkTeachingDay(
  date: IsoDate,
  calendar: SchoolCalendar,
  subjectIds: readonly string[] = [],
): Violation[] {
  const status = teachingDay(calendar, date);
  if (status.teaching) return [];
  return [
    {
      rule: 'teaching_day',
      code: 'not_a_teaching_day',
      message: `Teaching days only: ${status.reason.message} Choose a teaching day in the school calendar.`,
      subjectIds: [...subjectIds],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Rule 5: no teacher over-watched
// ---------------------------------------------------------------------------------------------

/**
 * The cap period containing `date`, inclusive, for a fixed period ('school_year' or 'term'); for
 * a rolling `{ days }` period, the `days`-long window ending on `date`. For 'term', a date between
 * terms counts in a period of its own (from the day after the previous term to the end of the
 * next), so holiday visits are still capped.
 */
export function capPeriodOf(
  date: IsoDate,
  settings: Pick<ProtocolSettings, 'capPeriod'>,
  calendar: SchoolCalendar,
): { startsOn: IsoDate; endsOn: IsoDate } {
  const p = settings.capPeriod;
  if (p === 'school_year') return schoolYearOf(calendar, date);
  if (p === 'term') {
    const t = termOf(calendar, date);
    if (t) return { startsOn: t.startsOn, endsOn: t.endsOn };
    const before = calendar.terms
      .filter((x) => x.endsOn < date)
      .map((x) => x.endsOn)
      .sort();
    const after = calendar.terms
      .filter((x) => x.startsOn > date)
      .map((x) => x.startsOn)
      .sort();
    return {
      startsOn: before.length ? addDays(before[before.length - 1]!, 1) : date,
      endsOn: after.length ? addDays(after[0]!, -1) : date,
    };
  }
  return { startsOn: addDays(date, 1 - p.days), endsOn: date };
}

/** Counted (not invited) visits of one teacher, as day numbers, ascending. */
type Counted = { day: number; visitId: string | null }[];

/**
 * The most counted visits of one teacher in any cap period that contains `day` — with the visits
 * given as day numbers, ascending. For a rolling period, every window of `days` days containing
 * `day` is tried.
 */
export function worstPeriodCount(
  days: readonly number[],
  day: number,
  settings: Pick<ProtocolSettings, 'capPeriod'>,
  calendar: SchoolCalendar,
): number {
  const p = settings.capPeriod;
  if (typeof p === 'object') {
    let worst = 0;
    for (let start = day - p.days + 1; start <= day; start++) {
      const end = start + p.days - 1;
      let c = 0;
      for (const d of days) if (d >= start && d <= end) c++;
      if (c > worst) worst = c;
    }
    return worst;
  }
  const period = capPeriodOf(fromDayNumber(day), settings, calendar);
  const a = dayNumber(period.startsOn);
  const b = dayNumber(period.endsOn);
  let c = 0;
  for (const d of days) if (d >= a && d <= b) c++;
  return c;
}

/** Whether a visit counts towards a teacher's cap and one-a-day: not invited, not a site audit. */
export function countsAsObservation(v: { invited?: boolean; siteAudit?: boolean }): boolean {
  return !v.invited && !v.siteAudit;
}

/**
 * Rule 5: the proposed visits, together with the teachers' visits on other walks (`history`),
 * keep every teacher within `visitCap` visits in any cap period and `maxVisitsPerTeacherPerDay`
 * a day. Invited visits and health-and-safety visits (`siteAudit`: an audit of the room, not an
 * observation of the teacher) count for neither. Only periods and days that include a proposed visit
 * are reported (history alone is not this plan's fault).
 */
export function checkVisitCaps(
  visits: readonly Pick<VisitFacts, 'id' | 'teacherIds' | 'date' | 'invited' | 'siteAudit'>[],
  history: readonly VisitHistoryEntry[],
  settings: Pick<
    ProtocolSettings,
    'visitCap' | 'capPeriod' | 'maxVisitsPerTeacherPerDay'
  > = DEFAULT_PROTOCOL_SETTINGS,
  calendar: SchoolCalendar,
): Violation[] {
  const proposedBy = new Map<string, Counted>();
  for (const v of visits) {
    if (!countsAsObservation(v)) continue;
    for (const t of new Set(v.teacherIds)) {
      const list = proposedBy.get(t) ?? [];
      list.push({ day: dayNumber(v.date), visitId: v.id });
      proposedBy.set(t, list);
    }
  }
  if (proposedBy.size === 0) return [];
  const historyBy = new Map<string, number[]>();
  for (const h of history) {
    if (!countsAsObservation(h) || !proposedBy.has(h.teacherId)) continue;
    const list = historyBy.get(h.teacherId) ?? [];
    list.push(dayNumber(h.date));
    historyBy.set(h.teacherId, list);
  }
  const out: Violation[] = [];
  const capText = describeCap(settings);
  const perDay = settings.maxVisitsPerTeacherPerDay;
  for (const [teacher, proposed] of proposedBy) {
    const all = [...(historyBy.get(teacher) ?? []), ...proposed.map((p) => p.day)].sort(
      (a, b) => a - b,
    );
    // One a day.
    const reportedDays = new Set<number>();
    for (const p of proposed) {
      if (reportedDays.has(p.day)) continue;
      const sameDay = all.filter((d) => d === p.day).length;
      if (sameDay > perDay) {
        reportedDays.add(p.day);
        const ids = proposed.filter((q) => q.day === p.day).map((q) => q.visitId!);
        out.push({
          rule: 'visits_per_day',
          code: 'too_many_visits_in_a_day',
          message: `No teacher over-watched: at most ${plural(perDay, 'visit')} per teacher a day, and this plan gives a teacher ${sameDay} on ${formatDate(fromDayNumber(p.day))} (counting other walks). Choose a lesson of another teacher.`,
          limit: perDay,
          subjectIds: [...ids, teacher],
        });
      }
    }
    // The cap over the period.
    let reported = false;
    for (const p of proposed) {
      if (reported) break;
      const worst = worstPeriodCount(all, p.day, settings, calendar);
      if (worst > settings.visitCap) {
        reported = true;
        const period = capPeriodOf(fromDayNumber(p.day), settings, calendar);
        const where =
          typeof settings.capPeriod === 'object'
            ? `within ${settings.capPeriod.days} days of ${formatDate(fromDayNumber(p.day))}`
            : `between ${formatDate(period.startsOn)} and ${formatDate(period.endsOn)}`;
        out.push({
          rule: 'visit_cap',
          code: 'visit_cap_exceeded',
          message: `No teacher over-watched: the cap is ${capText}, counting every walk, and this plan would give a teacher ${worst} ${where}. Choose a lesson of a teacher with fewer visits.`,
          limit: settings.visitCap,
          subjectIds: [...proposed.map((q) => q.visitId!), teacher],
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rule 13: minimum disruption
// ---------------------------------------------------------------------------------------------

/**
 * Rule 13: on one walk (the observers go together), each visit lasts at most `visitMinutes`,
 * ends after it starts, no two visits overlap, and at most `maxRoomsPerHour` visits start in any
 * 60 minutes (a visit at 10:00 and one at 11:00 are in different hours).
 */
export function checkRoomsPerHour(
  visits: readonly Pick<VisitFacts, 'id' | 'startsAt' | 'endsAt'>[],
  settings: Pick<ProtocolSettings, 'visitMinutes' | 'maxRoomsPerHour'> = DEFAULT_PROTOCOL_SETTINGS,
): Violation[] {
  const out: Violation[] = [];
  const timed = visits
    .map((v) => ({ id: v.id, start: toMinutes(v.startsAt), end: toMinutes(v.endsAt) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (const v of timed) {
    if (v.end <= v.start) {
      out.push({
        rule: 'rooms_per_hour',
        code: 'visit_ends_before_it_starts',
        message: `Minimum disruption: visit ${v.id} ends at ${fromMinutes(v.end)}, not after it starts at ${fromMinutes(v.start)}.`,
        subjectIds: [v.id],
      });
    } else if (v.end - v.start > settings.visitMinutes) {
      out.push({
        rule: 'rooms_per_hour',
        code: 'visit_too_long',
        message: `Minimum disruption: at most ${settings.visitMinutes} minutes in a room, and visit ${v.id} lasts ${v.end - v.start} (${fromMinutes(v.start)}–${fromMinutes(v.end)}). Shorten it.`,
        limit: settings.visitMinutes,
        subjectIds: [v.id],
      });
    }
  }
  for (let i = 1; i < timed.length; i++) {
    const a = timed[i - 1]!;
    const b = timed[i]!;
    if (b.start < a.end) {
      out.push({
        rule: 'rooms_per_hour',
        code: 'visits_overlap',
        message: `Minimum disruption: visits ${a.id} (${fromMinutes(a.start)}–${fromMinutes(a.end)}) and ${b.id} (${fromMinutes(b.start)}–${fromMinutes(b.end)}) overlap, and the observers can only be in one room at a time. Move one of them.`,
        subjectIds: [a.id, b.id],
      });
    }
  }
  const n = settings.maxRoomsPerHour;
  for (let i = 0; i + n < timed.length; i++) {
    const first = timed[i]!;
    const last = timed[i + n]!;
    if (last.start - first.start < 60) {
      const inHour = timed.filter((v) => v.start >= first.start && v.start < first.start + 60);
      out.push({
        rule: 'rooms_per_hour',
        code: 'too_many_rooms_an_hour',
        message: `Minimum disruption: at most ${plural(n, 'room')} an hour, and ${inHour.length} visits start between ${fromMinutes(first.start)} and ${fromMinutes(first.start + 59)}. Space them out or take some off the route.`,
        limit: n,
        subjectIds: inHour.map((v) => v.id),
      });
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// All together
// ---------------------------------------------------------------------------------------------

/**
 * Every rule on a walk and its visits: programme, focus and purpose (naming nobody, when a staff
 * list is given), observers, teaching day (the walk's and each visit's date), notice (each
 * visit's `noticeGivenOn`, else `noticeDate`), caps (with `history`) and rooms an hour. Rules in
 * `skip` are left out. An empty list means the plan keeps the protocol.
 */
export function checkWalkPlan(input: WalkPlanCheckInput): Violation[] {
  const settings = input.settings ?? DEFAULT_PROTOCOL_SETTINGS;
  const skip = new Set(input.skip ?? []);
  const { walk, visits, calendar } = input;
  const out: Violation[] = [];
  if (!skip.has('programme')) out.push(...checkProgrammeStatus(walk, input.programme));
  if (!skip.has('focus')) {
    out.push(...checkWalkFramework(walk));
    out.push(...checkFocusAndPurpose(walk, input.staff ?? []));
  }
  if (!skip.has('observers')) out.push(...checkObservers(walk, visits, settings));
  if (!skip.has('teaching_day')) {
    out.push(...checkTeachingDay(walk.date, calendar, walk.id ? [walk.id] : []));
    for (const v of visits) {
      if (v.date !== walk.date) out.push(...checkTeachingDay(v.date, calendar, [v.id]));
    }
  }
  if (!skip.has('notice')) {
    for (const v of visits) {
      out.push(...checkNotice(v, v.noticeGivenOn ?? input.noticeDate, calendar, settings));
    }
  }
  if (!skip.has('visit_cap') || !skip.has('visits_per_day')) {
    out.push(
      ...checkVisitCaps(visits, input.history, settings, calendar).filter((v) => !skip.has(v.rule)),
    );
  }
  if (!skip.has('rooms_per_hour')) {
    // Visits on one walk share the observers, so they are one route (grouped by date in case a
    // caller passes visits on several dates).
    const byDate = new Map<string, VisitFacts[]>();
    for (const v of visits) byDate.set(v.date, [...(byDate.get(v.date) ?? []), v]);
    for (const group of byDate.values()) out.push(...checkRoomsPerHour(group, settings));
  }
  return out;
}
