import { describe, expect, it } from 'vitest';
import { inDayOrder, periodProblems } from './periods.ts';

const p1 = { id: 'a', name: 'Period 1', startsAt: '08:50', endsAt: '09:50' };
const p2 = { id: 'b', name: 'Period 2', startsAt: '09:50', endsAt: '10:50' };

describe('periods of the day', () => {
  it('lets periods touch end to start', () => {
    expect(periodProblems(p2, [p1])).toEqual([]);
  });

  it('refuses a period that ends when or before it starts', () => {
    expect(periodProblems({ name: 'P3', startsAt: '11:00', endsAt: '11:00' }, [])).toEqual([
      {
        field: 'endsAt',
        message:
          'P3 ends at 11:00, which is not after it starts (11:00). A period must end after it starts.',
      },
    ]);
  });

  it('names the period a new one overlaps', () => {
    const [problem] = periodProblems({ name: 'Registration', startsAt: '09:30', endsAt: '10:00' }, [
      p1,
      p2,
    ]);
    expect(problem?.message).toBe(
      'Registration (09:30–10:00) overlaps Period 1 (08:50–09:50). Periods may touch but not overlap.',
    );
  });

  it('ignores the period being edited and refuses times that are not HH:MM', () => {
    expect(periodProblems({ ...p1, endsAt: '09:45' }, [p1, p2])).toEqual([]);
    expect(
      periodProblems({ name: 'X', startsAt: '9am', endsAt: '25:00' }, []).map((p) => p.field),
    ).toEqual(['startsAt', 'endsAt']);
  });

  it('orders the day by the clock', () => {
    expect(inDayOrder([p2, p1]).map((p) => p.name)).toEqual(['Period 1', 'Period 2']);
  });
});
