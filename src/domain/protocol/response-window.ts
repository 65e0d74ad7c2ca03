/**
 * Rule 8: teachers see the written records of visits to their classes and may respond or flag a
 * factual error within a window of school days. The window opens on the day of the first hand-in
 * and closes `responseWindowSchoolDays` school days later (the school calendar's `addSchoolDays`;
 * every weekday when the school has not entered its terms, or the calendar runs out).
 */
import { addSchoolDays, type IsoDate, type SchoolCalendar } from '../calendar/calendar.ts';
import type { ProtocolSettings } from './types.ts';

export type ResponseWindowState = {
  /** The school's date of the first hand-in; null before any record is handed in. */
  opensOn: IsoDate | null;
  /** The last day a teacher may respond; null before any record is handed in. */
  closesOn: IsoDate | null;
  open: boolean;
  schoolDays: number;
};

/** A calendar of every weekday, for a school that has not entered its terms yet. */
const weekdaysOnly: SchoolCalendar = {
  terms: [{ name: 'All year', startsOn: '2000-01-01', endsOn: '2999-12-31' }],
  closures: [],
  cycleWeeks: 1,
};

/**
 * The response window of a visit whose first record was handed in on `opensOn` (the school's
 * date), as it stands on `today` (the school's date too). Open through `closesOn` inclusive.
 */
export function responseWindow(
  calendar: SchoolCalendar,
  settings: Pick<ProtocolSettings, 'responseWindowSchoolDays'>,
  opensOn: IsoDate | null,
  today: IsoDate,
): ResponseWindowState {
  const days = settings.responseWindowSchoolDays;
  if (!opensOn) return { opensOn: null, closesOn: null, open: false, schoolDays: days };
  const closesOn =
    addSchoolDays(calendar, opensOn, days) ?? addSchoolDays(weekdaysOnly, opensOn, days)!;
  return { opensOn, closesOn, open: today <= closesOn, schoolDays: days };
}
