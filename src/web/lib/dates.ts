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
