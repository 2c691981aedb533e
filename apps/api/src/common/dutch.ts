// Amounts and dates as Dutch readers write them, for letters, reports and other texts people read.
const TZ = 'Europe/Amsterdam';
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const longDate = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: TZ });

/** € 12.000,00 */
export function formatEuro(cents: number): string {
  return euro.format(cents / 100);
}

/** A moment's day in Amsterdam: 2 december 2026. */
export function formatLongDate(at: Date | string): string {
  return longDate.format(new Date(at));
}

/** The case types as people call them. */
export const CASE_TYPE_NL = {
  initiative: 'Bewonersinitiatief',
  right_to_challenge: 'Uitdaagrecht',
  objection: 'Bezwaar',
} as const;
