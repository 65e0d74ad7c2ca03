/**
 * Formatting in the web app: the one date format the server's mails, PDFs and CSV files use too
 * (src/domain/format/dates.ts): a day 'Wed 2 Dec 2026', a time '08:50'.
 */
import {
  formatInstantDay as formatInstantDayIn,
  formatInstant as formatInstantIn,
  formatDay as formatOneDay,
  formatTime as formatOneTime,
} from '../../domain/format/dates.ts';

export { floorName } from '../../domain/format/places.ts';

/** The device's time zone: where the person reading is. */
const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';

/** A school day as the app shows it: 'Tue 1 Dec 2026' (the date is a 'YYYY-MM-DD' day, no zone). */
export const formatDay = (date: string) => formatOneDay(date);

/** A day in a heading or sentence: the same one format, 'Tue 1 Dec 2026'. */
export const formatLongDay = (date: string) => formatOneDay(date);

/** A wall-clock time: '08:50'. */
export const formatTime = (time: string) => formatOneTime(time);

/** An instant as the app shows it in lists: 'Tue 1 Dec 2026, 09:30' in the device's zone. */
export const formatInstant = (at: string | number | Date) =>
  formatInstantIn(typeof at === 'number' ? new Date(at) : at, deviceZone());

/** The day of an instant in the device's zone: 'Tue 1 Dec 2026'. */
export const formatInstantDay = (iso: string | Date) => formatInstantDayIn(iso, deviceZone());

/** A count with thousands separators: '1,234'. */
export const formatCount = (n: number) => n.toLocaleString('en-GB');
