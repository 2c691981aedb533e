// Amounts and dates as Dutch readers write them, for letters, reports and other texts people
// read: the formats of the message catalogue (libs/messages), in Dutch.
import { formatEuro as euroIn, formatMomentDay } from '../../../../libs/messages/src/index.js';

/** € 12.000,00 */
export function formatEuro(cents: number): string {
  return euroIn(cents, 'nl');
}

/** A moment's day in Amsterdam: 2 december 2026. */
export function formatLongDate(at: Date | string): string {
  return formatMomentDay(at, 'nl');
}

/** The case types as people call them. */
export const CASE_TYPE_NL = { initiative: 'Bewonersinitiatief', right_to_challenge: 'Uitdaagrecht' } as const;
