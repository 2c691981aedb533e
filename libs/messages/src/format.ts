// Amounts and dates as readers of each language write them. Days are Amsterdam's: the
// municipality's calendar, whatever the server's time zone.
import type { Language } from './language.js';

const TIME_ZONE = 'Europe/Amsterdam';
const LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

const euros = new Map<Language, Intl.NumberFormat>();
const moments = new Map<Language, Intl.DateTimeFormat>();
const days = new Map<Language, Intl.DateTimeFormat>();
const times = new Map<Language, Intl.DateTimeFormat>();

function cached<T>(cache: Map<Language, T>, lang: Language, make: () => T): T {
  let value = cache.get(lang);
  if (value === undefined) cache.set(lang, (value = make()));
  return value;
}

/** nl: € 12.000,00 (with a no-break space); en: €12,000.00. */
export function formatEuro(cents: number, lang: Language): string {
  return cached(
    euros,
    lang,
    () => new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'EUR' }),
  ).format(cents / 100);
}

/** A moment's day in Amsterdam: nl 8 december 2026, en 8 December 2026. */
export function formatMomentDay(at: Date | string, lang: Language): string {
  return cached(
    moments,
    lang,
    () => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: TIME_ZONE }),
  ).format(new Date(at));
}

/** A moment with its time in Amsterdam: nl 8 december 2026 om 14:30, en 8 December 2026 at 14:30. */
export function formatMoment(at: Date | string, lang: Language): string {
  return cached(
    times,
    lang,
    () =>
      new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }),
  ).format(new Date(at));
}

/** A calendar day written YYYY-MM-DD (no time, no zone): nl 1 maart 2027, en 1 March 2027. */
export function formatDay(day: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return cached(
    days,
    lang,
    () => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
