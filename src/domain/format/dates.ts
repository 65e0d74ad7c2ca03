/**
 * The one way dates and times are written, in the app, mails, PDFs and CSV files (issue 21):
 * a day is "Wed 2 Dec 2026", a time "08:50" on the 24-hour clock, both "Wed 2 Dec 2026, 08:50".
 * Plain functions over strings; no locale data, so every browser and server writes the same.
 */

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?$/;

/** '2026-12-02' (or an ISO instant's date part) → 'Wed 2 Dec 2026'; anything else as given. */
export function formatDay(day: string): string {
  const m = DAY.exec(day);
  if (!m) return day;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return day;
  const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7];
  return `${weekday} ${d} ${MONTHS[mo - 1]} ${m[1]}`;
}

/** '8:50', '08:50' or '08:50:00' → '08:50'; anything else as given. */
export function formatTime(time: string): string {
  const m = TIME.exec(time);
  if (!m) return time;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** A day and a time: 'Wed 2 Dec 2026, 08:50'. */
export function formatDayTime(day: string, time: string): string {
  return `${formatDay(day)}, ${formatTime(time)}`;
}

/** Two days: 'Wed 2 Sep 2026 to Fri 18 Dec 2026' (one day once). */
export function formatDayRange(from: string, to: string): string {
  return from === to ? formatDay(from) : `${formatDay(from)} to ${formatDay(to)}`;
}

/** The day and wall time of an instant in a time zone: ['2026-12-02', '08:50']. */
export function dayAndTimeIn(at: Date, timeZone: string): [string, string] {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return [`${part('year')}-${part('month')}-${part('day')}`, `${part('hour')}:${part('minute')}`];
}

/** An instant (a Date or an ISO string) in a time zone: 'Wed 2 Dec 2026, 08:50'. */
export function formatInstant(at: Date | string, timeZone: string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  const [day, time] = dayAndTimeIn(date, timeZone);
  return formatDayTime(day, time);
}

/** The day of an instant in a time zone: 'Wed 2 Dec 2026'. */
export function formatInstantDay(at: Date | string, timeZone: string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  return formatDay(dayAndTimeIn(date, timeZone)[0]);
}
