import { DateTime } from 'luxon';

/**
 * Instants as the school reads them. Visits are stored as instants (timestamptz); people are
 * told the school's wall-clock date and time, in the school's own time zone, never the
 * server's — so a walk after the October clock change still reads 09:00.
 */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyy-LL-dd');
}

/** The school's today, as 'YYYY-MM-DD': notices, windows and "upcoming" count in the school's own days. */
export function todayIn(timeZone: string, now: Date): string {
  return localDate(now, timeZone);
}

/** 'HH:MM' on the 24-hour clock in the school's time zone. */
export function localTime(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('HH:mm');
}

/** The instant of a school-local date and wall-clock time ('HH:MM' or 'HH:MM:SS'). */
export function instantOf(date: string, time: string, timeZone: string): Date {
  const dt = DateTime.fromISO(`${date}T${time.length === 5 ? `${time}:00` : time}`, {
    zone: timeZone,
  });
  if (!dt.isValid) throw new RangeError(`${date} ${time} is not a time in ${timeZone}.`);
  return dt.toJSDate();
}

/** A luxon DateTime in the school's zone, for the calendar feed (ical-generator reads its zone). */
export function zoned(at: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(at, { zone: timeZone });
}
