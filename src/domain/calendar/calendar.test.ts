import { describe, expect, it } from 'vitest';
import {
  addDays,
  addSchoolDays,
  calendarProblems,
  cycleWeekOf,
  dayNumber,
  formatDate,
  fromDayNumber,
  isIsoDate,
  isTeachingDay,
  latestNoticeDate,
  localDayOf,
  mondayOf,
  noticeCounts,
  type SchoolCalendar,
  schoolDaysBetween,
  schoolYearOf,
  teachingDay,
  teachingDaysIn,
  termOf,
  weekdayOf,
} from './calendar.ts';
import { testCalendar as cal } from './test-calendar.ts';

describe('plain dates', () => {
  it('knows the weekday of dates across centuries and leap days', () => {
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2000-02-29')).toBe(2);
    expect(weekdayOf('2024-02-29')).toBe(4);
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-11-29')).toBe(7);
  });

  it('turns dates into day numbers and back, day by day for sixty years', () => {
    let n = dayNumber('1999-12-25');
    let date = '1999-12-25';
    for (let i = 0; i < 60 * 366; i++) {
      expect(fromDayNumber(n)).toBe(date);
      n++;
      date = addDays(date, 1);
      expect(dayNumber(date)).toBe(n);
    }
  });

  it('is not moved by European summer time: the clock-change Sundays are ordinary days', () => {
    // 29 March and 25 October 2026 are the days the clocks change in the UK and the EU.
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(dayNumber('2026-03-30') - dayNumber('2026-03-29')).toBe(1);
    expect(weekdayOf('2026-03-29')).toBe(7);
    expect(weekdayOf('2026-10-25')).toBe(7);
  });

  it('refuses dates that are not written year-month-day, and impossible dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('29/03/2026')).toBe(false);
    expect(() => dayNumber('29/03/2026')).toThrow(/not a date written year-month-day.*YYYY-MM-DD/);
    expect(() => dayNumber('2026-3-29')).toThrow(RangeError);
  });

  it('formats dates the British way, day before month', () => {
    expect(formatDate('2026-11-23')).toBe('Mon 23 Nov 2026');
    expect(formatDate('2027-01-04')).toBe('Mon 4 Jan 2027');
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });
});

describe('teaching days', () => {
  it('a weekday in term is a teaching day', () => {
    expect(teachingDay(cal, '2026-11-23')).toEqual({ teaching: true });
    expect(isTeachingDay(cal, '2026-11-23')).toBe(true);
  });

  it('weekends are not, and say which day it is', () => {
    const sat = teachingDay(cal, '2026-11-21');
    expect(sat.teaching).toBe(false);
    if (!sat.teaching) {
      expect(sat.reason.kind).toBe('weekend');
      expect(sat.reason.message).toBe('Sat 21 Nov 2026 is a Saturday.');
    }
    expect(isTeachingDay(cal, '2026-11-22')).toBe(false);
  });

  it('INSET days, half terms, bank holidays and exam periods are not, and are named', () => {
    for (const [date, label] of [
      ['2026-09-01', 'INSET day'],
      ['2026-09-02', 'INSET day'],
      ['2026-10-28', 'October half term'],
      ['2026-11-27', 'INSET day'],
      ['2027-05-03', 'Early May bank holiday'],
      ['2027-01-12', 'Year 11 mock exams'],
    ] as const) {
      const s = teachingDay(cal, date);
      expect(s.teaching, date).toBe(false);
      if (!s.teaching) {
        expect(s.reason.kind).toBe('closure');
        expect(s.reason.message).toContain(`“${label}”`);
      }
    }
    const inset = teachingDay(cal, '2026-11-27');
    if (!inset.teaching) expect(inset.reason.message).toMatch(/INSET \(staff training\) day/);
    expect(isTeachingDay(cal, '2026-09-03')).toBe(true);
  });

  it('days between terms are not', () => {
    const s = teachingDay(cal, '2026-12-21');
    expect(s.teaching).toBe(false);
    if (!s.teaching) {
      expect(s.reason.kind).toBe('outside_term');
      expect(s.reason.message).toMatch(/not in any term/);
    }
    expect(isTeachingDay(cal, '2026-12-18')).toBe(true);
    expect(isTeachingDay(cal, '2027-01-04')).toBe(true);
  });

  it('lists the teaching days of a week with a closure in it', () => {
    expect(teachingDaysIn(cal, '2026-11-23', '2026-11-29')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
    ]);
  });

  it('finds the term of a date', () => {
    expect(termOf(cal, '2026-11-23')?.name).toBe('Autumn term');
    expect(termOf(cal, '2026-10-28')?.name).toBe('Autumn term');
    expect(termOf(cal, '2027-04-01')).toBeNull();
    expect(termOf(cal, '2027-07-21')?.name).toBe('Summer term');
  });

  it('finds the school year of a date, from 1 August by default', () => {
    expect(schoolYearOf(cal, '2026-11-23')).toEqual({
      startsOn: '2026-08-01',
      endsOn: '2027-07-31',
    });
    expect(schoolYearOf(cal, '2027-07-31')).toEqual({
      startsOn: '2026-08-01',
      endsOn: '2027-07-31',
    });
    expect(schoolYearOf(cal, '2027-08-01')).toEqual({
      startsOn: '2027-08-01',
      endsOn: '2028-07-31',
    });
    expect(schoolYearOf({ ...cal, yearStartsOn: '09-01' }, '2026-08-20')).toEqual({
      startsOn: '2025-09-01',
      endsOn: '2026-08-31',
    });
  });
});

describe('counting school days and notice', () => {
  it('counts the school days strictly between two dates', () => {
    // Thursday to the next Tuesday: Friday and Monday.
    expect(schoolDaysBetween(cal, '2026-11-19', '2026-11-24')).toBe(2);
    expect(schoolDaysBetween(cal, '2026-11-23', '2026-11-24')).toBe(0);
    expect(schoolDaysBetween(cal, '2026-11-24', '2026-11-23')).toBe(0);
    // Across the INSET day on Friday 27 November: only Thursday counts before Monday.
    expect(schoolDaysBetween(cal, '2026-11-25', '2026-11-30')).toBe(1);
  });

  it('does not count half term', () => {
    // Thursday before half term to the Tuesday after: Friday 23 Oct and Monday 2 Nov.
    expect(schoolDaysBetween(cal, '2026-10-22', '2026-11-03')).toBe(2);
  });

  it('notice counts as two school days when given on the Thursday before a Tuesday visit', () => {
    expect(noticeCounts(cal, '2026-11-19', '2026-11-24', 2)).toBe(true);
    expect(noticeCounts(cal, '2026-11-20', '2026-11-24', 2)).toBe(false);
    expect(noticeCounts(cal, '2026-11-24', '2026-11-24', 2)).toBe(false);
    expect(noticeCounts(cal, '2026-11-25', '2026-11-24', 2)).toBe(false);
    // Given on a Sunday for a Wednesday: Monday and Tuesday count.
    expect(noticeCounts(cal, '2026-11-22', '2026-11-25', 2)).toBe(true);
  });

  it('gives the last school day on which notice still counts', () => {
    expect(latestNoticeDate(cal, '2026-11-24', 2)).toBe('2026-11-19');
    expect(latestNoticeDate(cal, '2026-11-23', 2)).toBe('2026-11-18');
    expect(latestNoticeDate(cal, '2026-11-25', 1)).toBe('2026-11-23');
    // Across a weekend and half term: a visit on Tuesday 3 November needs notice by Thursday 22 October.
    expect(latestNoticeDate(cal, '2026-11-03', 2)).toBe('2026-10-22');
    // Across the INSET day: Tuesday 1 December needs notice by Wednesday 25 November.
    expect(latestNoticeDate(cal, '2026-12-01', 2)).toBe('2026-11-25');
    // Into the previous term: Tuesday 5 January needs notice by Thursday 17 December.
    expect(latestNoticeDate(cal, '2027-01-05', 2)).toBe('2026-12-17');
  });

  it('notice given by the latest notice date always counts, and a day later never does', () => {
    for (const visit of teachingDaysIn(cal, '2026-09-21', '2027-07-21')) {
      for (const n of [1, 2, 5]) {
        const latest = latestNoticeDate(cal, visit, n)!;
        expect(isTeachingDay(cal, latest)).toBe(true);
        expect(noticeCounts(cal, latest, visit, n)).toBe(true);
        const next = addSchoolDays(cal, latest, 1)!;
        expect(noticeCounts(cal, next, visit, n)).toBe(false);
      }
    }
  });

  it('gives null when the calendar holds no early enough school day', () => {
    expect(latestNoticeDate(cal, '2026-09-03', 2)).toBeNull();
  });

  it('adds school days forwards and backwards', () => {
    expect(addSchoolDays(cal, '2026-11-20', 1)).toBe('2026-11-23');
    expect(addSchoolDays(cal, '2026-11-23', 10)).toBe('2026-12-08');
    expect(addSchoolDays(cal, '2026-11-23', -1)).toBe('2026-11-20');
    expect(addSchoolDays(cal, '2026-11-23', 0)).toBe('2026-11-23');
    expect(addSchoolDays(cal, '2027-07-20', 5)).toBeNull();
  });
});

describe('the timetable cycle', () => {
  it('alternates week A and week B from the anchor Monday', () => {
    expect(cycleWeekOf(cal, '2026-09-07')).toBe(1);
    expect(cycleWeekOf(cal, '2026-09-13')).toBe(1);
    expect(cycleWeekOf(cal, '2026-09-14')).toBe(2);
    expect(cycleWeekOf(cal, '2026-09-25')).toBe(1);
  });

  it('keeps alternating by calendar week through half term and the Christmas holiday', () => {
    expect(cycleWeekOf(cal, '2026-10-19')).toBe(1);
    expect(cycleWeekOf(cal, '2026-10-28')).toBe(2); // half term week counts as week B
    expect(cycleWeekOf(cal, '2026-11-02')).toBe(1);
    expect(cycleWeekOf(cal, '2026-12-14')).toBe(1);
    expect(cycleWeekOf(cal, '2027-01-04')).toBe(2); // two holiday weeks later
  });

  it('counts backwards before the anchor, and is always week 1 on a one-week timetable', () => {
    expect(cycleWeekOf(cal, '2026-09-04')).toBe(2);
    expect(cycleWeekOf(cal, '2026-08-24')).toBe(1);
    expect(cycleWeekOf({ ...cal, cycleWeeks: 1 }, '2026-09-14')).toBe(1);
  });
});

describe('calendar problems', () => {
  it('accepts the test calendar', () => {
    expect(calendarProblems(cal)).toEqual([]);
  });

  it('names each problem in plain English', () => {
    const bad: SchoolCalendar = {
      terms: [
        { name: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-12-18' },
        { name: 'Spring', startsOn: '2026-12-01', endsOn: '2026-11-01' },
        { name: 'Summer', startsOn: '01/04/2027', endsOn: '2027-07-21' },
      ],
      closures: [
        { kind: 'holiday', label: 'Half term', startsOn: '2026-10-30', endsOn: '2026-10-26' },
      ],
      cycleWeeks: 2,
      cycleAnchor: '2026-09-08',
    };
    const problems = calendarProblems(bad);
    expect(problems).toContain('Term “Spring” ends (2026-11-01) before it starts (2026-12-01).');
    expect(problems).toContain(
      'Term “Summer” start: “01/04/2027” is not a date written YYYY-MM-DD.',
    );
    expect(problems).toContain('Terms “Autumn” and “Spring” overlap.');
    expect(problems).toContain('“Half term” ends (2026-10-26) before it starts (2026-10-30).');
    expect(problems).toContain(
      'The cycle anchor 2026-09-08 is a Tuesday; it must be a Monday in week A.',
    );
    expect(calendarProblems({ ...cal, cycleAnchor: undefined })).toEqual([
      'A two-week timetable needs the date of a Monday in week A (the cycle anchor).',
    ]);
  });
});

describe('localDayOf', () => {
  it('is the day on the device’s clock, as Intl would write it', () => {
    for (const at of [
      new Date(2026, 11, 3, 0, 0, 1),
      new Date(2026, 0, 9, 23, 59, 59),
      new Date(2027, 1, 28, 12),
    ]) {
      expect(localDayOf(at)).toBe(at.toLocaleDateString('en-CA'));
    }
    expect(localDayOf(new Date(2026, 11, 3, 23, 30))).toBe('2026-12-03');
  });
});
