import { describe, expect, it } from 'vitest';
import {
  closureProblems,
  closuresLeftOutside,
  formatDay,
  isCalendarDay,
  isKnownTimeZone,
  rangeProblems,
  termProblems,
} from './calendar.ts';

const autumn = { id: 't1', name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' };
const spring = { id: 't2', name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' };

describe('calendar days', () => {
  it('accepts real days and refuses impossible ones', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2027-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2/9/2026')).toBe(false);
  });

  it('writes a day in words for messages', () => {
    expect(formatDay('2026-09-02')).toBe('Wed 2 Sep 2026');
  });

  it('refuses a range that ends before it starts', () => {
    expect(rangeProblems({ startsOn: '2026-09-10', endsOn: '2026-09-01' }, 'term')).toEqual([
      {
        field: 'endsOn',
        message:
          'The term ends (Tue 1 Sep 2026) before it starts (Thu 10 Sep 2026). Check the dates.',
      },
    ]);
  });
});

describe('terms', () => {
  it('accepts terms that do not overlap, and a term being edited against itself', () => {
    expect(termProblems(spring, [autumn])).toEqual([]);
    expect(termProblems({ ...autumn, endsOn: '2026-12-19' }, [autumn, spring])).toEqual([]);
  });

  it('names the term a new one overlaps', () => {
    const problems = termProblems(
      { name: 'Winter', startsOn: '2026-12-18', endsOn: '2027-01-04' },
      [autumn, spring],
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain(
      'overlaps Autumn 2026 (Wed 2 Sep 2026 to Fri 18 Dec 2026)',
    );
  });
});

describe('non-teaching days', () => {
  it('accepts an INSET day inside a term', () => {
    expect(
      closureProblems(
        { kind: 'inset', label: 'INSET', startsOn: '2026-11-27', endsOn: '2026-11-27' },
        [autumn],
      ),
    ).toEqual([]);
  });

  it('refuses exam weeks that run past the end of a term, and says how to fix it', () => {
    const [problem] = closureProblems(
      { kind: 'exams', label: 'Mocks', startsOn: '2026-12-14', endsOn: '2027-01-08' },
      [autumn, spring],
    );
    expect(problem?.field).toBe('startsOn');
    expect(problem?.message).toContain('is not inside one term');
    expect(problem?.message).toContain('use "Holiday"');
  });

  it('allows a holiday anywhere', () => {
    expect(
      closureProblems(
        { kind: 'holiday', label: 'Christmas', startsOn: '2026-12-21', endsOn: '2027-01-01' },
        [autumn],
      ),
    ).toEqual([]);
  });

  it('asks for terms first when there are none', () => {
    const [problem] = closureProblems(
      { kind: 'inset', label: 'INSET', startsOn: '2026-09-01', endsOn: '2026-09-01' },
      [],
    );
    expect(problem?.message).toMatch(/^Add the school's terms first/);
  });

  it('finds the closures a change of terms would strand', () => {
    const inset = {
      kind: 'inset' as const,
      label: 'INSET',
      startsOn: '2026-09-02',
      endsOn: '2026-09-02',
    };
    const holiday = {
      kind: 'holiday' as const,
      label: 'Half term',
      startsOn: '2026-10-26',
      endsOn: '2026-10-30',
    };
    expect(closuresLeftOutside([inset, holiday], [{ ...autumn, startsOn: '2026-09-03' }])).toEqual([
      inset,
    ]);
    expect(closuresLeftOutside([inset, holiday], [autumn])).toEqual([]);
  });
});

describe('time zones', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Europe/London')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Europe/Narnia')).toBe(false);
    expect(isKnownTimeZone('GMT+1')).toBe(false);
  });
});
