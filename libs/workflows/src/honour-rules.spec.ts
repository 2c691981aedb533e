import type { CaseFacts, Frame } from './case-types.js';
import {
  checkBusinessRules,
  checkHonour,
  checkReferToCouncil,
  requiresAgreementMonths,
} from './honour-rules.js';

const facts: CaseFacts = {
  type: 'initiative',
  areaCode: 'west',
  theme: 'green',
  initiatorId: 'r',
  requestedAmountCents: 1_000,
  assessedBy: null,
  honouredAmountCents: null,
  agreementMonths: null,
  decisionDueAt: '2026-04-27T09:00:00.000Z',
  termSuspendedSince: null,
};
const frame: Frame = { themes: ['green'], availableCents: 5_000, delegationLimitCents: 2_000 };
const alderman = { delegationLimit: true, agreementRequired: false };

describe('checkHonour', () => {
  it('accepts an amount within request, budget and delegation limit', () => {
    expect(checkHonour(facts, { amountCents: 1_000 }, frame, alderman)).toBeNull();
  });
  it('reports the first failing rule', () => {
    expect(checkHonour(facts, { amountCents: 1 }, null, alderman)?.code).toBe('NO_PROGRAMME');
    expect(checkHonour(facts, { amountCents: 1 }, { ...frame, themes: ['blue'] }, alderman)?.code).toBe(
      'THEME_NOT_IN_PROGRAMME',
    );
    expect(checkHonour(facts, { amountCents: 1_001 }, frame, alderman)?.code).toBe('AMOUNT_ABOVE_REQUEST');
    expect(
      checkHonour(facts, { amountCents: 1_000 }, { ...frame, availableCents: 999 }, alderman)?.code,
    ).toBe('BUDGET_EXCEEDED');
    expect(
      checkHonour(facts, { amountCents: 1_000 }, { ...frame, delegationLimitCents: 999 }, alderman)?.code,
    ).toBe('ABOVE_DELEGATION_LIMIT');
    expect(
      checkHonour(facts, { amountCents: 1_000 }, frame, { delegationLimit: true, agreementRequired: true })
        ?.code,
    ).toBe('AGREEMENT_MONTHS_REQUIRED');
  });
  it('ignores the delegation limit for the council', () => {
    const council = { delegationLimit: false, agreementRequired: false };
    expect(
      checkHonour(facts, { amountCents: 1_000 }, { ...frame, delegationLimitCents: 0 }, council),
    ).toBeNull();
  });
  it('phrases amounts in euros', () => {
    expect(
      checkHonour(facts, { amountCents: 1_000 }, { ...frame, availableCents: 250 }, alderman)?.detail,
    ).toBe("The amount of €10.00 is more than the €2.50 still available in the area's programme.");
  });
});

describe('checkReferToCouncil', () => {
  it('allows referral only above the delegation limit', () => {
    expect(checkReferToCouncil(facts, null)?.code).toBe('NO_PROGRAMME');
    expect(checkReferToCouncil(facts, frame)?.code).toBe('NOT_ABOVE_DELEGATION_LIMIT');
    expect(checkReferToCouncil(facts, { ...frame, delegationLimitCents: 999 })).toBeNull();
  });
});

describe('checkBusinessRules', () => {
  it('applies the type-specific agreement rule and passes events without rules', () => {
    expect(requiresAgreementMonths('right_to_challenge')).toBe(true);
    expect(requiresAgreementMonths('initiative')).toBe(false);
    const rtc = { ...facts, type: 'right_to_challenge' as const };
    expect(checkBusinessRules(rtc, { type: 'HONOUR', amountCents: 1, motivation: '' }, frame)?.code).toBe(
      'AGREEMENT_MONTHS_REQUIRED',
    );
    expect(checkBusinessRules(facts, { type: 'REJECT', motivation: '' }, null)).toBeNull();
  });
});
