// Calendar dates (YYYY-MM-DD) in the municipality's time zone. Dates without a time, such as
// accountBy or an agreement's endsOn, are days in Europe/Amsterdam; compared as strings
// because the format sorts as it reads.

const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day in Amsterdam at the moment `iso` (ISO 8601). */
export function amsterdamDate(iso: string): string {
  return AMSTERDAM_DATE.format(new Date(iso));
}

/** Whether `s` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * `date` plus `months` calendar months; a day past the end of the target month becomes its
 * last day (31 January plus one month is 28 or 29 February), as people count months.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** `date` plus `days` days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A date as Dutch people write it: 1 maart 2027. */
export function dutchDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` comes first. */
export function daysFrom(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** The moment (ISO 8601) a day begins in Amsterdam: 00:00 local time, in winter or summer time. */
export function startOfAmsterdamDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  // Amsterdam is one or two hours ahead of UTC; the right one is the one whose local day is `date`.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000).toISOString();
    const hour = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(candidate));
    if (amsterdamDate(candidate) === date && Number(hour) === 0) return candidate;
  }
  throw new Error(`No midnight found in Amsterdam on ${date}`);
}
