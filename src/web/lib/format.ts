/** A school day as the app shows it: 'Tue 1 Dec 2026' (the date is a 'YYYY-MM-DD' day, no zone). */
export function formatDay(date: string) {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A day in long form: '1 December 2026' (a 'YYYY-MM-DD' day, no zone). */
export const formatLongDay = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** An instant as the app shows it in lists: '1 Dec 2026, 09:30' in the device's zone. */
export const formatInstant = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** A count with thousands separators: '1,234'. */
export const formatCount = (n: number) => n.toLocaleString('en-GB');
