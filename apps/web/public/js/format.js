// Dutch words and number/date formats for what the API returns in codes, cents and UTC.

const TIME_ZONE = 'Europe/Amsterdam';
const money = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const dateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});
const shortDateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});
const dateOnly = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, dateStyle: 'long' });
const yearOnly = new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, year: 'numeric' });

/** 123456 → "€ 1.234,56" */
export function euro(cents) {
  return cents === null || cents === undefined ? '–' : money.format(cents / 100);
}

export function formatDateTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : '–';
}

/** For table cells: "28-11-2026 10:22". */
export function formatShortDateTime(iso) {
  return iso ? shortDateTime.format(new Date(iso)) : '–';
}

export function formatDate(iso) {
  return iso ? dateOnly.format(new Date(iso)) : '–';
}

const calendarDay = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', dateStyle: 'long' });

/** A day without a time, as the API writes it: "2027-03-01" → "1 maart 2027". */
export function formatDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? calendarDay.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) : '–';
}

/** A day without a time moved by whole days: addDaysTo("2026-12-31", 1) → "2027-01-01". */
export function addDaysTo(day, days) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today in Groningen as a date input writes it: "2026-12-02". */
export function todayInAmsterdam() {
  const p = Object.fromEntries(amsterdamParts.formatToParts(new Date()).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** The current year in Groningen (programmes are per calendar year there, not in UTC). */
export function currentYear() {
  return Number(yearOnly.format(new Date()));
}

/**
 * What a person types as an amount in euro, to cents: "1.234,56", "1234,5", "€ 250", "12.50".
 * A comma is the decimal sign; a dot followed by exactly three digits groups thousands.
 * Returns null for anything else, so the form can say so.
 */
export function parseEuro(text) {
  let s = String(text).replace(/[€\s\u00a0]/g, '');
  if (s === '') return null;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** Cents as the user would type them back: 250000 → "2500,00". */
export function centsToInput(cents) {
  return (cents / 100).toFixed(2).replace('.', ',');
}

/** State names in Dutch, filled from GET /workflows at start (see workflow.js). */
export const STATES = {};

export const TYPES = { initiative: 'Bewonersinitiatief', right_to_challenge: 'Uitdaagrecht' };

export const CLAIMS = { cheaper: 'Goedkoper', better: 'Beter', as_good: 'Even goed' };

export const ROLES = {
  resident: 'inwoner',
  official: 'ambtenaar gebiedsteam',
  alderman: 'wethouder',
  council: 'raadslid',
  clerk: 'griffier',
};

/** What happened, as the timeline and the audit trail say it. */
export const EVENTS = {
  SUBMIT: 'Aanvraag ingediend',
  PROGRAMME_ADOPTED: 'Programma vastgesteld',
  PROGRAMME_REVISED: 'Programma gewijzigd',
  CASE_TYPE_TERMS_SET: 'Termijnen vastgesteld',
  BUDGET_TRANSFERRED: 'Budget overgeheveld',
  REPORT_ISSUED: 'Raadsinformatiebrief uitgebracht',
  // A case's events are added from GET /workflows at start (see workflow.js).
};

/** The buttons: what the user does; filled from GET /workflows at start (see workflow.js). */
export const ACTIONS = {};

export const ADVICE = { honour: 'Toekennen', reject: 'Afwijzen' };

/** A yes/no field (kind boolean) as people answer it. */
export const YES_NO = [
  ['true', 'Ja'],
  ['false', 'Nee'],
];

/** count(1, 'aanvraag', 'aanvragen') → "1 aanvraag"; count(3, …) → "3 aanvragen". */
export function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

export function label(map, code) {
  return map[code] ?? code;
}

const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2026-11-22" (a date input) → the UTC instant when that day begins in Amsterdam, as ISO 8601. */
export function amsterdamDayStart(day, addDays = 0) {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d + addDays);
  const p = Object.fromEntries(amsterdamParts.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
  // Amsterdam's clock is one or two hours ahead of UTC; step back by that much.
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return new Date(guess - (wall - guess)).toISOString();
}
