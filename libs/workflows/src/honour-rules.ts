// Business rules as pure functions. They are used twice: by applyEvent, to say why an event
// is refused, and as the machine's guards, so that snapshot.can() and availableEvents agree.
import type { CaseEventInput, CaseFacts, CaseType, Frame, Violation } from './case-types.js';

export const MIN_AGREEMENT_MONTHS = 1;
export const MAX_AGREEMENT_MONTHS = 120;

/** Right to Challenge takes over a municipal task for a period, so honouring it needs a term. */
export function requiresAgreementMonths(type: CaseType): boolean {
  return type === 'right_to_challenge';
}

function euro(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}

export interface HonourInput {
  amountCents: number;
  agreementMonths?: number;
}

export interface HonourOptions {
  /** true for HONOUR by an alderman; the council (COUNCIL_HONOUR) has no delegation limit. */
  delegationLimit: boolean;
  /** true for right_to_challenge, see requiresAgreementMonths. */
  agreementRequired: boolean;
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
    return {
      code: 'NO_PROGRAMME',
      detail: "The council has adopted no programme for this case's area for the current year.",
    };
  }
  if (!frame.themes.includes(facts.theme)) {
    return {
      code: 'THEME_NOT_IN_PROGRAMME',
      detail: `The theme "${facts.theme}" is not part of the area's programme for the current year.`,
    };
  }
  const amount = input.amountCents;
  if (amount > facts.requestedAmountCents) {
    return {
      code: 'AMOUNT_ABOVE_REQUEST',
      detail: `The amount of ${euro(amount)} is more than the ${euro(facts.requestedAmountCents)} requested.`,
    };
  }
  if (amount > frame.availableCents) {
    return {
      code: 'BUDGET_EXCEEDED',
      detail: `The amount of ${euro(amount)} is more than the ${euro(frame.availableCents)} still available in the area's programme.`,
    };
  }
  if (options.delegationLimit && amount > frame.delegationLimitCents) {
    return {
      code: 'ABOVE_DELEGATION_LIMIT',
      detail: `The amount of ${euro(amount)} is above the alderman's delegation limit of ${euro(frame.delegationLimitCents)}; refer the case to the council instead.`,
    };
  }
  if (options.agreementRequired && !isValidAgreementMonths(input.agreementMonths)) {
    return {
      code: 'AGREEMENT_MONTHS_REQUIRED',
      detail: `A Right to Challenge can only be honoured with an agreement term of ${MIN_AGREEMENT_MONTHS} to ${MAX_AGREEMENT_MONTHS} months.`,
    };
  }
  return null;
}

function isValidAgreementMonths(m: number | undefined): boolean {
  return (
    Number.isInteger(m) && (m as number) >= MIN_AGREEMENT_MONTHS && (m as number) <= MAX_AGREEMENT_MONTHS
  );
}

/** The council decides only what the alderman may not: requests above the delegation limit. */
export function checkReferToCouncil(facts: CaseFacts, frame: Frame | null): Violation | null {
  if (frame === null) {
    return {
      code: 'NO_PROGRAMME',
      detail: "The council has adopted no programme for this case's area for the current year.",
    };
  }
  if (facts.requestedAmountCents <= frame.delegationLimitCents) {
    return {
      code: 'NOT_ABOVE_DELEGATION_LIMIT',
      detail: `The requested ${euro(facts.requestedAmountCents)} is within the alderman's delegation limit of ${euro(frame.delegationLimitCents)}, so the alderman decides this case.`,
    };
  }
  return null;
}

/** All business rules for any event; events without rules pass. */
export function checkBusinessRules(
  facts: CaseFacts,
  event: CaseEventInput,
  frame: Frame | null,
): Violation | null {
  const agreementRequired = requiresAgreementMonths(facts.type);
  switch (event.type) {
    case 'HONOUR':
      return checkHonour(facts, event, frame, { delegationLimit: true, agreementRequired });
    case 'COUNCIL_HONOUR':
      return checkHonour(facts, event, frame, { delegationLimit: false, agreementRequired });
    case 'REFER_TO_COUNCIL':
      return checkReferToCouncil(facts, frame);
    default:
      return null;
  }
}
