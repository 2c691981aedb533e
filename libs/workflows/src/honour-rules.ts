// Business rules as pure functions. They are used twice: by applyEvent, to say why an event
// is refused, and as the machine's guards, so that snapshot.can() and availableEvents agree.
import type { CaseEventInput, CaseFacts, Frame, Violation } from './case-types.js';
import { amsterdamDate } from './dates.js';

export const MIN_AGREEMENT_MONTHS = 1;
export const MAX_AGREEMENT_MONTHS = 120;

export interface HonourInput {
  amountCents: number;
}

export interface HonourOptions {
  /** true for HONOUR by an alderman; the council (COUNCIL_HONOUR) has no delegation limit. */
  delegationLimit: boolean;
}

/**
 * HONOUR and COUNCIL_HONOUR. Checks run in a fixed order because the first failing one is
 * what the civil servant is told.
 */
export function checkHonour(
  facts: CaseFacts,
  input: HonourInput,
  frame: Frame | null,
  options: HonourOptions,
): Violation | null {
  if (frame === null) {
    return { code: 'NO_PROGRAMME', params: {} };
  }
  if (!frame.themes.includes(facts.theme)) {
    return { code: 'THEME_NOT_IN_PROGRAMME', params: { theme: facts.theme, themes: [...frame.themes] } };
  }
  const amount = input.amountCents;
  if (amount > facts.requestedAmountCents) {
    return {
      code: 'AMOUNT_ABOVE_REQUEST',
      params: { amountCents: amount, requestedCents: facts.requestedAmountCents },
    };
  }
  if (amount > frame.availableCents) {
    return { code: 'BUDGET_EXCEEDED', params: { amountCents: amount, availableCents: frame.availableCents } };
  }
  if (options.delegationLimit && amount > frame.delegationLimitCents) {
    return {
      code: 'ABOVE_DELEGATION_LIMIT',
      params: { amountCents: amount, limitCents: frame.delegationLimitCents },
    };
  }
  return null;
}

/** The council decides only what the alderman may not: requests above the delegation limit. */
export function checkReferToCouncil(facts: CaseFacts, frame: Frame | null): Violation | null {
  if (frame === null) {
    return { code: 'NO_PROGRAMME', params: {} };
  }
  if (facts.requestedAmountCents <= frame.delegationLimitCents) {
    return {
      code: 'NOT_ABOVE_DELEGATION_LIMIT',
      params: { requestedCents: facts.requestedAmountCents, limitCents: frame.delegationLimitCents },
    };
  }
  return null;
}

/** Not processed (Awb 4:5) only once the day given to supply the information has passed. */
export function checkRespondByPassed(facts: CaseFacts, at: string): Violation | null {
  if (facts.respondBy !== null && amsterdamDate(at) > facts.respondBy) return null;
  return { code: 'RESPOND_BY_NOT_PASSED', params: { respondBy: facts.respondBy } };
}

/**
 * Verdaging (Awb 4:14 lid 3): the decision term may be extended once, and only while it still
 * runs (up to and including the moment decisionDueAt); a term that has passed is not revived.
 */
export function checkExtendTerm(facts: CaseFacts, at: string): Violation | null {
  if (facts.termExtended) {
    return { code: 'TERM_ALREADY_EXTENDED', params: {} };
  }
  if (Date.parse(at) > Date.parse(facts.decisionDueAt)) {
    return { code: 'TERM_EXPIRED', params: { decisionDueAt: facts.decisionDueAt } };
  }
  return null;
}

/** Notice of default (Awb 4:17) once, and only once the decision term has passed. */
export function checkNoticeOfDefault(facts: CaseFacts, at: string): Violation | null {
  if (facts.noticeOfDefaultAt !== null) {
    return { code: 'NOTICE_ALREADY_GIVEN', params: {} };
  }
  // A suspension begun under machine version 3 has no respondBy: the term stands still until the
  // answer, and decisionDueAt does not move until then. The term has passed only if it had when
  // the information was asked for.
  if (facts.termSuspendedSince !== null && facts.respondBy === null) {
    if (Date.parse(facts.termSuspendedSince) > Date.parse(facts.decisionDueAt)) return null;
    return { code: 'TERM_NOT_EXPIRED', params: { decisionDueAt: null } };
  }
  if (Date.parse(at) <= Date.parse(facts.decisionDueAt)) {
    return { code: 'TERM_NOT_EXPIRED', params: { decisionDueAt: facts.decisionDueAt } };
  }
  return null;
}

/** All business rules for any event at moment `at` (ISO 8601); events without rules pass. */
export function checkBusinessRules(
  facts: CaseFacts,
  event: CaseEventInput,
  frame: Frame | null,
  at: string,
): Violation | null {
  switch (event.type) {
    case 'NOT_PROCESSED':
      return checkRespondByPassed(facts, at);
    case 'NOTICE_OF_DEFAULT':
      return checkNoticeOfDefault(facts, at);
    case 'EXTEND_TERM':
      return checkExtendTerm(facts, at);
    case 'HONOUR':
      return checkHonour(facts, event, frame, { delegationLimit: true });
    case 'COUNCIL_HONOUR':
      return checkHonour(facts, event, frame, { delegationLimit: false });
    case 'REFER_TO_COUNCIL':
      return checkReferToCouncil(facts, frame);
    default:
      return null;
  }
}
