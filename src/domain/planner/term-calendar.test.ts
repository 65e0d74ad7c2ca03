import { describe, expect, it } from 'vitest';
import { testCalendar } from '../calendar/test-calendar.ts';
import {
  type CalendarDay,
  calendarSpanProblem,
  defaultCalendarSpan,
  MAX_CALENDAR_DAYS,
  termCalendar,
} from './term-calendar.ts';

const base = {
  calendar: testCalendar,
  settings: { visitCap: 2, capPeriod: 'term' as const },
  walks: [],
  history: [],
  teacherIds: ['t1', 't2', 't3'],
};

const dayOf = (cal: ReturnType<typeof termCalendar>, date: string): CalendarDay => {
  const day = cal.weeks.flatMap((w) => w.days).find((d) => d.date === date);
  if (!day) throw new Error(`no ${date}`);
  return day;
};

describe('termCalendar', () => {
  it('lays out Monday-to-Friday weeks covering the span, with teaching days and closures', () => {
    const cal = termCalendar({ ...base, from: '2026-10-21', to: '2026-11-04' });
    expect(cal.weeks.map((w) => w.weekOf)).toEqual(['2026-10-19', '2026-10-26', '2026-11-02']);
    expect(cal.weeks.every((w) => w.days.length === 5)).toBe(true);
    expect(dayOf(cal, '2026-10-21').teaching).toBe(true);
    expect(dayOf(cal, '2026-10-28')).toMatchObject({
      teaching: false,
      closed: { kind: 'holiday', label: 'October half term' },
    });
    // Wed 21 Oct to Fri 23 Oct, then Mon 2 Nov to Wed 4 Nov: six teaching days in the span.
    expect(cal.teachingDays).toBe(6);
    expect(cal.termNames).toEqual(['Autumn term']);
  });

  it('marks exam periods and days outside a term as closed', () => {
    const cal = termCalendar({ ...base, from: '2026-12-14', to: '2027-01-15' });
    expect(dayOf(cal, '2027-01-12').closed).toEqual({ kind: 'exams', label: 'Year 11 mock exams' });
    expect(dayOf(cal, '2026-12-23').closed).toEqual({
      kind: 'outside_term',
      label: 'Not in a term',
    });
    expect(dayOf(cal, '2027-01-14').teaching).toBe(true);
    expect(cal.termNames).toEqual(['Autumn term', 'Spring term']);
  });

  it('puts each walk on its day with its observers, leaving cancelled walks off', () => {
    const cal = termCalendar({
      ...base,
      from: '2026-11-02',
      to: '2026-11-13',
      walks: [
        {
          id: 'w1',
          date: '2026-11-10',
          status: 'published',
          kind: 'learning',
          title: 'Reading',
          observerIds: ['o1', 'o2'],
        },
        {
          id: 'w2',
          date: '2026-11-10',
          status: 'draft',
          kind: 'learning',
          title: 'Oracy',
          observerIds: ['o1'],
        },
        {
          id: 'w3',
          date: '2026-11-11',
          status: 'cancelled',
          kind: 'learning',
          title: 'Gone',
          observerIds: ['o3'],
        },
      ],
    });
    expect(dayOf(cal, '2026-11-10')).toMatchObject({
      walkIds: ['w1', 'w2'],
      observerIds: ['o1', 'o2'],
    });
    expect(dayOf(cal, '2026-11-11')).toMatchObject({ walkIds: [], observerIds: [] });
  });

  it('names the teachers a visit would take to or past the cap, per cap period', () => {
    const cal = termCalendar({
      ...base,
      from: '2026-12-14',
      to: '2027-01-08',
      history: [
        // t1: two counted visits this autumn term (the cap is two a term).
        { teacherId: 't1', date: '2026-10-05', invited: false },
        { teacherId: 't1', date: '2026-11-05', invited: false },
        // t2: one counted visit, and one invited visit that never counts.
        { teacherId: 't2', date: '2026-11-06', invited: false },
        { teacherId: 't2', date: '2026-11-09', invited: true },
        // t3: a health-and-safety walk is not an observation.
        { teacherId: 't3', date: '2026-11-09', invited: false, siteAudit: true },
        { teacherId: 't3', date: '2026-11-10', invited: false, siteAudit: true },
        // Someone not on the school's teaching staff is left out.
        { teacherId: 'other', date: '2026-11-10', invited: false },
        { teacherId: 'other', date: '2026-11-11', invited: false },
      ],
    });
    expect(dayOf(cal, '2026-12-15')).toMatchObject({ atCapIds: ['t1'], nearCapIds: ['t2'] });
    // A new term is a new cap period: nobody is near the cap on its first days.
    expect(dayOf(cal, '2027-01-05')).toMatchObject({ atCapIds: [], nearCapIds: [] });
    // Closed days say nothing of caps.
    expect(dayOf(cal, '2026-12-22')).toMatchObject({
      teaching: false,
      atCapIds: [],
      nearCapIds: [],
    });
  });

  it('counts a rolling cap period around the day', () => {
    const cal = termCalendar({
      ...base,
      settings: { visitCap: 1, capPeriod: { days: 14 } },
      from: '2026-11-02',
      to: '2026-11-27',
      history: [{ teacherId: 't1', date: '2026-11-10', invited: false }],
    });
    expect(dayOf(cal, '2026-11-03').atCapIds).toEqual(['t1']);
    expect(dayOf(cal, '2026-11-10').atCapIds).toEqual([]); // visited that day already: the walk shows it
    expect(dayOf(cal, '2026-11-23').atCapIds).toEqual(['t1']);
    expect(dayOf(cal, '2026-11-24').atCapIds).toEqual([]);
  });
});

describe('the calendar span', () => {
  it('defaults to the term holding today, else the next term', () => {
    expect(defaultCalendarSpan(testCalendar, '2026-11-10')).toEqual({
      from: '2026-09-01',
      to: '2026-12-18',
    });
    expect(defaultCalendarSpan(testCalendar, '2026-12-25')).toEqual({
      from: '2027-01-04',
      to: '2027-03-26',
    });
    expect(defaultCalendarSpan(testCalendar, '2027-08-25')).toEqual({
      from: '2027-04-12',
      to: '2027-07-21',
    });
    expect(defaultCalendarSpan({ terms: [], closures: [], cycleWeeks: 1 }, '2026-11-10')).toEqual({
      from: '2026-11-10',
      to: '2026-12-07',
    });
  });

  it('refuses a span backwards or longer than a term, saying how to fix it', () => {
    expect(calendarSpanProblem('2026-09-01', '2026-12-18')).toBeNull();
    expect(calendarSpanProblem('2026-12-18', '2026-09-01')).toMatch(/Swap them/);
    expect(calendarSpanProblem('2026-09-01', '2027-07-21')).toMatch(
      new RegExp(`at most ${MAX_CALENDAR_DAYS} days.*one term at a time`),
    );
  });
});
