/** A school year of an English secondary school, for tests (2026–27, two-week timetable). */
import type { SchoolCalendar } from './calendar.ts';

export const testCalendar: SchoolCalendar = {
  terms: [
    { name: 'Autumn term', startsOn: '2026-09-01', endsOn: '2026-12-18' },
    { name: 'Spring term', startsOn: '2027-01-04', endsOn: '2027-03-26' },
    { name: 'Summer term', startsOn: '2027-04-12', endsOn: '2027-07-21' },
  ],
  closures: [
    { kind: 'inset', label: 'INSET day', startsOn: '2026-09-01', endsOn: '2026-09-02' },
    { kind: 'holiday', label: 'October half term', startsOn: '2026-10-26', endsOn: '2026-10-30' },
    { kind: 'inset', label: 'INSET day', startsOn: '2026-11-27', endsOn: '2026-11-27' },
    { kind: 'holiday', label: 'February half term', startsOn: '2027-02-15', endsOn: '2027-02-19' },
    {
      kind: 'holiday',
      label: 'Early May bank holiday',
      startsOn: '2027-05-03',
      endsOn: '2027-05-03',
    },
    { kind: 'exams', label: 'Year 11 mock exams', startsOn: '2027-01-11', endsOn: '2027-01-13' },
  ],
  cycleWeeks: 2,
  cycleAnchor: '2026-09-07',
};
