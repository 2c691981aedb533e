// The penalty (dwangsom) for a decision not given in time, exactly as Awb 4:17 has it: the
// applicant gives notice of default once the term has passed; two weeks after the day the
// notice was received the penalty starts, €23 a day for the first 14 days, €35 for the next 14,
// €45 after that, for at most 42 days (€1,442), until the decision is taken.
import type { CaseFacts } from './case-types.js';
import { addDays, amsterdamDate, daysFrom } from './dates.js';

/** Euro cents a day, per fortnight of default (Awb 4:17 lid 2). */
export const PENALTY_CENTS_PER_DAY = Object.freeze([2_300, 3_500, 4_500]);
/** The penalty starts two weeks after the notice was received (Awb 4:17 lid 3). */
export const PENALTY_GRACE_DAYS = 14;
/** It runs for at most 42 days (Awb 4:17 lid 1). */
export const PENALTY_MAX_DAYS = 42;

export interface Penalty {
  /** When the notice of default was received (ISO 8601). */
  noticeAt: string;
  /** The first day the penalty is due (YYYY-MM-DD, Amsterdam). */
  accruesFrom: string;
  /** Days counted so far (0 before accruesFrom; at most 42). */
  days: number;
  amountCents: number;
  /** The 42 days are reached: it grows no more. */
  capped: boolean;
  /** The decision stopped it; it no longer grows. */
  frozen: boolean;
}

/** The amount for `days` days of default. */
export function penaltyCents(days: number): number {
  let cents = 0;
  for (let day = 0; day < Math.min(days, PENALTY_MAX_DAYS); day++) {
    cents += PENALTY_CENTS_PER_DAY[Math.min(Math.floor(day / 14), PENALTY_CENTS_PER_DAY.length - 1)];
  }
  return cents;
}

/**
 * The penalty of a case at moment `at` (ISO 8601), or null when no notice of default was
 * given. Every day from accruesFrom up to and including today counts, until the day of the
 * decision (that day no longer does).
 */
export function penaltyOf(
  facts: Pick<CaseFacts, 'noticeOfDefaultAt' | 'decidedAt'>,
  at: string,
): Penalty | null {
  if (!facts.noticeOfDefaultAt) return null;
  const accruesFrom = addDays(amsterdamDate(facts.noticeOfDefaultAt), PENALTY_GRACE_DAYS);
  const frozen = facts.decidedAt !== null;
  const lastDay = frozen ? addDays(amsterdamDate(facts.decidedAt!), -1) : amsterdamDate(at);
  const days = Math.max(0, Math.min(PENALTY_MAX_DAYS, daysFrom(accruesFrom, lastDay) + 1));
  return {
    noticeAt: facts.noticeOfDefaultAt,
    accruesFrom,
    days,
    amountCents: penaltyCents(days),
    capped: days === PENALTY_MAX_DAYS,
    frozen,
  };
}
