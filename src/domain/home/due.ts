/**
 * What needs this person now (issue 21): the rules of the home page's "what's due", one pure
 * function per part a person can play. Each takes plain facts the server loaded and gives items,
 * each with the in-app address where it is done. Teachers are told of a visit only once its
 * notice has been given (or they invited it); trust leaders get aggregates per school, never a
 * teacher's name or a ranking of teachers.
 */
import {
  addDays,
  addSchoolDays,
  formatDate,
  type IsoDate,
  latestNoticeDate,
  type SchoolCalendar,
} from '../calendar/calendar.ts';
import { reviewDue } from '../reviews/schedule.ts';

export const dueKinds = [
  'consultation_open',
  'comments_to_answer',
  'walk_to_publish',
  'notice_due',
  'flag_to_settle',
  'action_overdue',
  'review_due',
  'review_to_close',
  'visit_coming',
  'visit_needs_agreement',
  'records_to_read',
  'response_window_closing',
  'pulse_to_answer',
  'my_action_due',
  'walk_today',
  'walk_coming',
  'school_needs_attention',
] as const;
export type DueKind = (typeof dueKinds)[number];

export type DueItem = {
  kind: DueKind;
  title: string;
  detail: string;
  /** The in-app path where it is done. */
  link: string;
  /** The date it is about (a visit's, a deadline), when there is one. */
  date: IsoDate | null;
  /** Needs doing today or is already late. */
  urgent: boolean;
};

/** How far ahead (in school days) a deadline counts as close. */
export const SOON_SCHOOL_DAYS = 2;

const soon = (calendar: SchoolCalendar, today: IsoDate) =>
  addSchoolDays(calendar, today, SOON_SCHOOL_DAYS) ?? today;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Urgent first, then by date (undated last), keeping the given order otherwise. */
export function byUrgency(items: readonly DueItem[]): DueItem[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        Number(b.item.urgent) - Number(a.item.urgent) ||
        (a.item.date ?? '9999').localeCompare(b.item.date ?? '9999') ||
        a.i - b.i,
    )
    .map(({ item }) => item);
}

// ---------------------------------------------------------------------------------------------
// A school's leaders (the head)
// ---------------------------------------------------------------------------------------------

export type ActionFact = { id: string; title: string; dueOn: IsoDate; done: boolean };

export type LeaderFacts = {
  schoolId: string;
  calendar: SchoolCalendar;
  noticeSchoolDays: number;
  reviewFrequency: 'term' | 'school_year';
  programmes: {
    id: string;
    title: string;
    inConsultation: boolean;
    unansweredComments: number;
  }[];
  /** Walks not yet published (drafts), any date. */
  draftWalks: { id: string; date: IsoDate; focusTitle: string; visits: number }[];
  openFlags: { visitId: string; raisedOn: IsoDate; classCode: string }[];
  actions: ActionFact[];
  reviews: {
    id: string;
    title: string;
    from: IsoDate;
    to: IsoDate;
    pulseClosesOn: IsoDate;
    pulseClosedEarly: boolean;
    closed: boolean;
  }[];
};

export function leaderDue(f: LeaderFacts, today: IsoDate): DueItem[] {
  const items: DueItem[] = [];
  const school = `/schools/${f.schoolId}`;
  for (const p of f.programmes.filter((p) => p.inConsultation)) {
    items.push(
      p.unansweredComments > 0
        ? {
            kind: 'comments_to_answer',
            title: `Comments to answer: ${p.title}`,
            detail: `${plural(p.unansweredComments, 'comment')} from staff in the consultation ${p.unansweredComments === 1 ? 'has' : 'have'} no answer yet.`,
            link: `/programmes/${p.id}`,
            date: null,
            urgent: true,
          }
        : {
            kind: 'consultation_open',
            title: `Consultation open: ${p.title}`,
            detail: 'Staff are being consulted. Every comment so far has an answer.',
            link: `/programmes/${p.id}`,
            date: null,
            urgent: false,
          },
    );
  }
  const close = soon(f.calendar, today);
  for (const w of f.draftWalks.filter((w) => w.date >= today)) {
    const by = latestNoticeDate(f.calendar, w.date, f.noticeSchoolDays);
    const late = by === null || by < today;
    const due = !late && by <= close;
    items.push({
      kind: due || late ? 'notice_due' : 'walk_to_publish',
      title: `${due || late ? 'Notice due' : 'Walk to publish'}: ${w.focusTitle}, ${formatDate(w.date)}`,
      detail: late
        ? `It is too late to give ${plural(f.noticeSchoolDays, 'school day')}’ notice for this date. Move the walk to a later date, or cancel it.`
        : `${plural(w.visits, 'visit')} planned. Publish by ${formatDate(by)} to give teachers ${plural(f.noticeSchoolDays, 'school day')}’ notice.`,
      link: `/walks/${w.id}`,
      date: late ? w.date : by,
      urgent: due || late,
    });
  }
  for (const flag of f.openFlags) {
    items.push({
      kind: 'flag_to_settle',
      title: `Flag to settle: ${flag.classCode}, ${formatDate(flag.raisedOn)}`,
      detail:
        'A teacher flagged a factual error in a record of this visit. Correct the record or say why it stands.',
      link: `/visits/${flag.visitId}/records`,
      date: flag.raisedOn,
      urgent: false,
    });
  }
  for (const a of f.actions.filter((a) => !a.done && a.dueOn < today)) {
    items.push({
      kind: 'action_overdue',
      title: `Action overdue: ${a.title}`,
      detail: `It was due on ${formatDate(a.dueOn)}.`,
      link: `${school}/actions`,
      date: a.dueOn,
      urgent: true,
    });
  }
  const due = reviewDue(
    f.calendar,
    f.reviewFrequency,
    f.reviews.map((r) => ({ from: r.from, to: r.to })),
    today,
  );
  if (due) {
    items.push({
      kind: 'review_due',
      title: `Review with staff due: ${due.label}`,
      detail: 'No review with all staff covers this period yet. Open one and its anonymous pulse.',
      link: `${school}/reviews`,
      date: due.to,
      urgent: today >= due.to,
    });
  }
  for (const r of f.reviews.filter((r) => !r.closed)) {
    if (!r.pulseClosedEarly && r.pulseClosesOn >= today) continue;
    items.push({
      kind: 'review_to_close',
      title: `Review to close: ${r.title}`,
      detail:
        'The staff pulse has closed. Read its results, note what you agreed, and close the review.',
      link: `/reviews/${r.id}`,
      date: r.pulseClosesOn,
      urgent: false,
    });
  }
  return byUrgency(items);
}

// ---------------------------------------------------------------------------------------------
// A teacher: visits to their lessons, records of them, the pulse, their own actions
// ---------------------------------------------------------------------------------------------

export type TeacherFacts = {
  calendar: SchoolCalendar;
  visits: {
    visitId: string;
    date: IsoDate;
    startsAt: string;
    endsAt: string;
    classCode: string;
    room: string;
    focusTitle: string;
    observerNames: string[];
    /** Notice was sent to the teacher (or they invited the visit): only then may it show. */
    noticeGiven: boolean;
    invited: boolean;
    needsAgreement: boolean;
    agreed: boolean;
  }[];
  recordedVisits: {
    visitId: string;
    date: IsoDate;
    classCode: string;
    focusTitle: string;
    records: number;
    windowOpen: boolean;
    windowClosesOn: IsoDate | null;
    responded: boolean;
  }[];
  pulses: {
    reviewId: string;
    title: string;
    closesOn: IsoDate;
    open: boolean;
    answered: boolean;
  }[];
  actions: ActionFact[];
};

/** How many days ahead a teacher's own actions start to show. */
export const ACTION_AHEAD_DAYS = 7;

export function teacherDue(f: TeacherFacts, today: IsoDate): DueItem[] {
  const items: DueItem[] = [];
  const visible = f.visits
    .filter((v) => v.date >= today && (v.noticeGiven || v.invited))
    .sort((a, b) => a.date.localeCompare(b.date) || a.startsAt.localeCompare(b.startsAt));
  for (const v of visible) {
    const ask = v.needsAgreement && !v.agreed;
    const observers = v.observerNames.length ? v.observerNames.join(', ') : 'observers to be named';
    items.push({
      kind: ask ? 'visit_needs_agreement' : 'visit_coming',
      title: `${ask ? 'Agree or decline a visit' : 'Visit coming'}: ${v.classCode}, ${formatDate(v.date)} ${v.startsAt}–${v.endsAt}`,
      detail: `Focus: ${v.focusTitle}. Room ${v.room}. Observers: ${observers}.${v.invited ? ' You invited this visit.' : ''}`,
      link: '/my-visits',
      date: v.date,
      urgent: ask || v.date === today,
    });
  }
  const close = soon(f.calendar, today);
  for (const r of f.recordedVisits.filter((r) => r.windowOpen && !r.responded && r.records > 0)) {
    const closing = r.windowClosesOn !== null && r.windowClosesOn <= close;
    items.push({
      kind: closing ? 'response_window_closing' : 'records_to_read',
      title: `${closing ? 'Time to respond closing' : 'Records to read'}: ${r.classCode}, ${formatDate(r.date)}`,
      detail: `${plural(r.records, 'record')} of the visit (focus: ${r.focusTitle}).${r.windowClosesOn ? ` Respond or flag an error by ${formatDate(r.windowClosesOn)}.` : ''}`,
      link: `/visits/${r.visitId}/records`,
      date: r.windowClosesOn,
      urgent: closing,
    });
  }
  for (const p of f.pulses.filter((p) => p.open && !p.answered && p.closesOn >= today)) {
    items.push({
      kind: 'pulse_to_answer',
      title: `Staff pulse to answer: ${p.title}`,
      detail: `Two anonymous questions about learning walks. Open until ${formatDate(p.closesOn)}.`,
      link: `/reviews/${p.reviewId}`,
      date: p.closesOn,
      urgent: p.closesOn <= close,
    });
  }
  const horizon = addDays(today, ACTION_AHEAD_DAYS);
  for (const a of f.actions.filter((a) => !a.done && a.dueOn <= horizon)) {
    const late = a.dueOn < today;
    items.push({
      kind: 'my_action_due',
      title: `${late ? 'Your action is overdue' : 'Your action is due'}: ${a.title}`,
      detail: `Due on ${formatDate(a.dueOn)}.`,
      link: '/my-actions',
      date: a.dueOn,
      urgent: late,
    });
  }
  return byUrgency(items);
}

// ---------------------------------------------------------------------------------------------
// An observer: today's route, walks coming, flags on records they wrote
// ---------------------------------------------------------------------------------------------

export type ObserverFacts = {
  walks: {
    walkId: string;
    date: IsoDate;
    windowStart: string;
    windowEnd: string;
    focusTitle: string;
    schoolName: string;
    visits: number;
  }[];
  flagsOnMyRecords: { visitId: string; raisedOn: IsoDate; classCode: string }[];
};

/** How many days ahead an observer's walks show. */
export const WALK_AHEAD_DAYS = 7;

export function observerDue(f: ObserverFacts, today: IsoDate): DueItem[] {
  const items: DueItem[] = [];
  const horizon = addDays(today, WALK_AHEAD_DAYS);
  for (const w of f.walks.filter((w) => w.date >= today && w.date <= horizon)) {
    const isToday = w.date === today;
    items.push({
      kind: isToday ? 'walk_today' : 'walk_coming',
      title: `${isToday ? 'Today’s route' : 'Walk coming'}: ${w.focusTitle}, ${isToday ? w.windowStart : formatDate(w.date)}`,
      detail: `${plural(w.visits, 'room')} at ${w.schoolName}, ${w.windowStart}–${w.windowEnd}.`,
      link: `/capture/walks/${w.walkId}`,
      date: w.date,
      urgent: isToday,
    });
  }
  for (const flag of f.flagsOnMyRecords) {
    items.push({
      kind: 'flag_to_settle',
      title: `A teacher flagged your record: ${flag.classCode}, ${formatDate(flag.raisedOn)}`,
      detail:
        'The teacher says something in your record is a factual error. Correct it or say why it stands.',
      link: `/visits/${flag.visitId}/records`,
      date: flag.raisedOn,
      urgent: false,
    });
  }
  return byUrgency(items);
}

// ---------------------------------------------------------------------------------------------
// A trust leader: the term's picture, and schools needing attention (aggregates only)
// ---------------------------------------------------------------------------------------------

export type TrustSchoolFacts = {
  schoolId: string;
  schoolName: string;
  /** The term today falls in, or null in a holiday or with no calendar. */
  termName: string | null;
  walksDone: number;
  walksPlanned: number;
  overdueActions: number;
  openFlags: number;
  reviewDue: boolean;
};

export type TermPicture = {
  schools: number;
  walksDone: number;
  walksPlanned: number;
  overdueActions: number;
};

export function trustPicture(schools: readonly TrustSchoolFacts[]): TermPicture {
  const sum = (pick: (s: TrustSchoolFacts) => number) => schools.reduce((n, s) => n + pick(s), 0);
  return {
    schools: schools.length,
    walksDone: sum((s) => s.walksDone),
    walksPlanned: sum((s) => s.walksPlanned),
    overdueActions: sum((s) => s.overdueActions),
  };
}

/** Why a school needs attention; an empty list when it does not. */
export function attentionReasons(s: TrustSchoolFacts): string[] {
  const reasons: string[] = [];
  if (s.termName && s.walksDone + s.walksPlanned === 0) {
    reasons.push(`no learning walk this term (${s.termName})`);
  }
  if (s.overdueActions > 0) reasons.push(`${plural(s.overdueActions, 'action')} overdue`);
  if (s.reviewDue) reasons.push('a review with staff is due');
  if (s.openFlags > 0) reasons.push(`${plural(s.openFlags, 'flagged record')} to settle`);
  return reasons;
}

export function trustDue(schools: readonly TrustSchoolFacts[]): DueItem[] {
  return schools
    .map((s) => ({ s, reasons: attentionReasons(s) }))
    .filter(({ reasons }) => reasons.length > 0)
    .sort((a, b) => a.s.schoolName.localeCompare(b.s.schoolName))
    .map(({ s, reasons }) => ({
      kind: 'school_needs_attention' as const,
      title: `${s.schoolName} needs attention`,
      detail: `${reasons.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()),
      link: `/schools/${s.schoolId}/insights`,
      date: null,
      urgent: s.overdueActions > 0,
    }));
}
