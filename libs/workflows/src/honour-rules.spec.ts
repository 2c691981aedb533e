import type { CaseFacts, Frame } from './case-types.js';
import { EMPTY_AFTER_SUBMISSION } from './case.machine.js';
import { checkBusinessRules, checkHonour, checkReferToCouncil } from './honour-rules.js';

const facts: CaseFacts = {
  type: 'initiative',
  areaCode: 'west',
  theme: 'green',
  initiatorId: 'r',
  requestedAmountCents: 1_000,
  ...EMPTY_AFTER_SUBMISSION,
  decisionDueAt: '2026-04-27T09:00:00.000Z',
};
const frame: Frame = { themes: ['green'], availableCents: 5_000, delegationLimitCents: 2_000 };
const alderman = { delegationLimit: true };

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
  });
  it('ignores the delegation limit for the council', () => {
    const council = { delegationLimit: false };
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
  it('applies the rules of the grant and of the referral, and passes events without rules', () => {
    expect(
      checkBusinessRules(
        facts,
        { type: 'HONOUR', amountCents: 1_000, motivation: '' },
        { ...frame, delegationLimitCents: 999 },
      )?.code,
    ).toBe('ABOVE_DELEGATION_LIMIT');
    expect(
      checkBusinessRules(
        facts,
        { type: 'COUNCIL_HONOUR', amountCents: 1_000, motivation: '' },
        { ...frame, delegationLimitCents: 999 },
      ),
    ).toBeNull();
    expect(checkBusinessRules(facts, { type: 'REFER_TO_COUNCIL', motivation: '' }, frame)?.code).toBe(
      'NOT_ABOVE_DELEGATION_LIMIT',
    );
    expect(checkBusinessRules(facts, { type: 'REJECT', motivation: '' }, null)).toBeNull();
  });

  it('leaves the fields one case type needs to checkEventFields: a grant without its term passes the rules', () => {
    const rtc = { ...facts, type: 'right_to_challenge' as const };
    expect(checkBusinessRules(rtc, { type: 'HONOUR', amountCents: 1, motivation: '' }, frame)).toBeNull();
    expect(checkBusinessRules(facts, { type: 'HONOUR', amountCents: 1, motivation: '' }, frame)).toBeNull();
  });

  it('has no rules for the events after the grant: they need no programme', () => {
    const granted: CaseFacts = { ...facts, honouredAmountCents: 1_000, committedCents: 1_000 };
    for (const event of [
      { type: 'SUBMIT_ACCOUNT', report: 'r', actualCostCents: 5_000 },
      { type: 'REVIEW_ACCOUNT', advisedCents: 1_000, motivation: '' },
      { type: 'SETTLE', settledCents: 1_000, motivation: '' },
      { type: 'REVOKE', motivation: '' },
      { type: 'WITHDRAW' },
      { type: 'PROGRESS_REVIEW', findings: '', onTrack: false },
      { type: 'EXTEND_AGREEMENT', newEndsOn: '2030-01-01', motivation: '' },
      { type: 'EVALUATE', evaluation: '' },
      { type: 'TERMINATE', reason: '', releasedCents: 0 },
      { type: 'REPORT', reportId: 'r' },
    ] as const) {
      expect({ event: event.type, rule: checkBusinessRules(granted, event, null) }).toEqual({
        event: event.type,
        rule: null,
      });
    }
  });
});
