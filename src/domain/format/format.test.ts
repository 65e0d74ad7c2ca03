import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatDayRange,
  formatDayTime,
  formatInstant,
  formatInstantDay,
  formatTime,
} from './dates.ts';
import { floorName, placeName } from './places.ts';

describe('one date format (issue 21)', () => {
  it('writes a day as "Wed 2 Dec 2026"', () => {
    expect(formatDay('2026-12-02')).toBe('Wed 2 Dec 2026');
    expect(formatDay('2026-11-23')).toBe('Mon 23 Nov 2026');
    expect(formatDay('2027-01-03')).toBe('Sun 3 Jan 2027');
    expect(formatDay('2026-09-02')).toBe('Wed 2 Sep 2026');
    expect(formatDay('2028-02-29')).toBe('Tue 29 Feb 2028');
  });

  it('leaves what is not a day as it was', () => {
    expect(formatDay('2026-02-30')).toBe('2026-02-30');
    expect(formatDay('soon')).toBe('soon');
  });

  it('writes times on the 24-hour clock with two-digit hours', () => {
    expect(formatTime('08:50')).toBe('08:50');
    expect(formatTime('8:50')).toBe('08:50');
    expect(formatTime('13:05:00')).toBe('13:05');
    expect(formatDayTime('2026-12-02', '08:50:00')).toBe('Wed 2 Dec 2026, 08:50');
    expect(formatDayRange('2026-09-02', '2026-12-18')).toBe('Wed 2 Sep 2026 to Fri 18 Dec 2026');
    expect(formatDayRange('2026-09-02', '2026-09-02')).toBe('Wed 2 Sep 2026');
  });

  it('writes an instant in the zone it is read in, across the clock change', () => {
    // 23:30 UTC on 24 Oct 2026 is already Sunday in London (summer time), 25 Oct.
    expect(formatInstant('2026-10-24T23:30:00Z', 'Europe/London')).toBe('Sun 25 Oct 2026, 00:30');
    expect(formatInstant('2026-12-02T08:50:00Z', 'Europe/London')).toBe('Wed 2 Dec 2026, 08:50');
    expect(formatInstant(new Date('2026-12-02T08:50:00Z'), 'UTC')).toBe('Wed 2 Dec 2026, 08:50');
    expect(formatInstantDay('2026-12-02T23:50:00Z', 'Europe/Paris')).toBe('Thu 3 Dec 2026');
  });

  it('agrees with the calendar for every day: weekday, day, month and year', () => {
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [weekday, day, month, year] = formatDay(iso).split(' ');
          expect(weekday).toBe(days[d.getUTCDay()]);
          expect(Number(day)).toBe(d.getUTCDate());
          expect(month).toHaveLength(3);
          expect(year).toBe(iso.slice(0, 4));
        },
      ),
    );
  });
});

describe('floors in words (issue 21)', () => {
  it('says ground floor, first floor…, never floor 0', () => {
    expect(floorName(0)).toBe('ground floor');
    expect(floorName(1)).toBe('first floor');
    expect(floorName(2)).toBe('second floor');
    expect(floorName(-1)).toBe('basement');
    expect(floorName(-2)).toBe('second basement');
    expect(floorName(12)).toBe('12th floor');
    for (let f = -3; f <= 10; f++) expect(floorName(f)).not.toMatch(/floor -?\d/);
  });

  it('names the building once', () => {
    expect(placeName('Main building', 0)).toBe('Main building, ground floor');
    expect(placeName('Science', 1)).toBe('Science building, first floor');
    expect(placeName('Sixth form block', 2)).toBe('Sixth form block, second floor');
    expect(placeName('', 0)).toBe('ground floor');
  });
});
