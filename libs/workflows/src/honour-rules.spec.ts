import type { CaseFacts, Frame } from './case-types.js';
import { LEGAL_TERMS } from './case-terms.js';
import { EMPTY_AFTER_SUBMISSION } from './case.machine.js';
import {
  checkBusinessRules,
  checkHonour,
  checkNoticeOfDefault,
  checkReferToCouncil,
  checkRespondByPassed,
} from './honour-rules.js';
import { renderRefusal } from '../../messages/src/catalogue.js';
import type { Violation } from './case-types.js';

/** The refusal in English words, as the API says it with Accept-Language: en. */
const en = (v: Violation | null | undefined) => (v ? renderRefusal(v, 'en') : undefined);

const facts: CaseFacts = {
  type: 'initiative',
  areaCode: 'west',
  theme: 'green',
  initiatorId: 'r',
  requestedAmountCents: 1_000,
  ...EMPTY_AFTER_SUBMISSION,
  terms: { ...LEGAL_TERMS['initiative'] },
  decisionDueAt: '2026-04-27T09:00:00.000Z',
};
const frame: Frame = { themes: ['green'], availableCents: 5_000, delegationLimitCents: 2_000 };
const alderman = { delegationLimit: true };
/** Monday 2 March 2026, 10:00 in Amsterdam: before the decision is due. */
const AT = '2026-03-02T09:00:00.000Z';

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
    const refusal = checkHonour(
      { ...facts, requestedAmountCents: 2_000_000 },
      { amountCents: 1_000_000 },
      { ...frame, availableCents: 250 },
      alderman,
    );
    expect(en(refusal)).toBe(
      "The amount of €10,000.00 is more than the €2.50 still available in the area's programme.",
    );
    // Dutch: the euro sign, a no-break space, dots between thousands and a decimal comma.
    expect(renderRefusal(refusal!, 'nl')).toBe(
      'Het bedrag van €\u00a010.000,00 is hoger dan de €\u00a02,50 die nog beschikbaar is in het programma van het gebied.',
    );
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
        AT,
      )?.code,
    ).toBe('ABOVE_DELEGATION_LIMIT');
    expect(
      checkBusinessRules(
        facts,
        { type: 'COUNCIL_HONOUR', amountCents: 1_000, motivation: '' },
        { ...frame, delegationLimitCents: 999 },
        AT,
      ),
    ).toBeNull();
    expect(checkBusinessRules(facts, { type: 'REFER_TO_COUNCIL', motivation: '' }, frame, AT)?.code).toBe(
      'NOT_ABOVE_DELEGATION_LIMIT',
    );
    expect(checkBusinessRules(facts, { type: 'REJECT', motivation: '' }, null, AT)).toBeNull();
  });

  it('leaves the fields one case type needs to checkEventFields: a grant without its term passes the rules', () => {
    const rtc = { ...facts, type: 'right_to_challenge' as const };
    expect(checkBusinessRules(rtc, { type: 'HONOUR', amountCents: 1, motivation: '' }, frame, AT)).toBeNull();
    expect(
      checkBusinessRules(facts, { type: 'HONOUR', amountCents: 1, motivation: '' }, frame, AT),
    ).toBeNull();
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
      expect({ event: event.type, rule: checkBusinessRules(granted, event, null, AT) }).toEqual({
        event: event.type,
        rule: null,
      });
    }
  });
});

describe('checkRespondByPassed: buiten behandeling only after the day to supply the information', () => {
  const waiting: CaseFacts = { ...facts, termSuspendedSince: AT, respondBy: '2026-03-16' };

  it.each([
    // The whole of 16 March in Amsterdam still belongs to the initiator.
    ['the day before', '2026-03-15T12:00:00.000Z', 'RESPOND_BY_NOT_PASSED'],
    ['the morning of the day', '2026-03-16T07:00:00.000Z', 'RESPOND_BY_NOT_PASSED'],
    ['its last minute (22:59 UTC, 23:59 in Amsterdam)', '2026-03-16T22:59:00.000Z', 'RESPOND_BY_NOT_PASSED'],
    ['the first moment of the day after (23:00 UTC)', '2026-03-16T23:00:00.000Z', null],
    ['the day after', '2026-03-17T09:00:00.000Z', null],
  ])('%s: %s', (_d, at, want) => {
    expect(checkRespondByPassed(waiting, at)?.code ?? null).toBe(want);
  });

  it('counts the day in summer time from 22:00 UTC', () => {
    const summer: CaseFacts = { ...waiting, respondBy: '2026-07-01' };
    expect(checkRespondByPassed(summer, '2026-07-01T21:59:00.000Z')?.code).toBe('RESPOND_BY_NOT_PASSED');
    expect(checkRespondByPassed(summer, '2026-07-01T22:00:00.000Z')).toBeNull();
  });

  it('refuses a case without a respondBy (a suspension begun under machine version 3), and says why', () => {
    const old: CaseFacts = { ...facts, termSuspendedSince: AT };
    expect(checkRespondByPassed(old, '2030-01-01T00:00:00.000Z')).toEqual({
      code: 'RESPOND_BY_NOT_PASSED',
      params: { respondBy: null },
    });
    expect(checkRespondByPassed(waiting, AT)).toEqual({
      code: 'RESPOND_BY_NOT_PASSED',
      params: { respondBy: '2026-03-16' },
    });
    expect(en(checkRespondByPassed(waiting, AT))).toBe(
      'The initiator has until 16 March 2026 to supply the information; only after that day can the application be set aside.',
    );
  });
});

describe('checkNoticeOfDefault: once, and only after the decision was due', () => {
  // decisionDueAt of `facts`: 27 April 2026, 09:00 UTC.
  it.each([
    ['a minute before', '2026-04-27T08:59:00.000Z', 'TERM_NOT_EXPIRED'],
    ['the moment itself', '2026-04-27T09:00:00.000Z', 'TERM_NOT_EXPIRED'],
    ['a millisecond after', '2026-04-27T09:00:00.001Z', null],
    ['a minute after', '2026-04-27T09:01:00.000Z', null],
  ])('%s: %s', (_d, at, want) => {
    expect(checkNoticeOfDefault(facts, at)?.code ?? null).toBe(want);
  });

  it('refuses a second notice, however late', () => {
    const given: CaseFacts = { ...facts, noticeOfDefaultAt: '2026-04-28T09:00:00.000Z' };
    expect(checkNoticeOfDefault(given, '2026-06-01T09:00:00.000Z')?.code).toBe('NOTICE_ALREADY_GIVEN');
    // Before the term has passed, too: one notice, whatever else is wrong.
    expect(checkNoticeOfDefault(given, AT)?.code).toBe('NOTICE_ALREADY_GIVEN');
  });

  it('while a suspension without respondBy lasts (begun under machine version 3), only if the term had passed when it began', () => {
    const suspended = (since: string): CaseFacts => ({ ...facts, termSuspendedSince: since });
    // Asked before the term ended: it stands still, however late the notice.
    expect(checkNoticeOfDefault(suspended('2026-04-01T09:00:00.000Z'), '2027-01-01T00:00:00.000Z')).toEqual({
      code: 'TERM_NOT_EXPIRED',
      params: { decisionDueAt: null },
    });
    expect(
      checkNoticeOfDefault(suspended('2026-04-27T09:00:00.000Z'), '2027-01-01T00:00:00.000Z')?.code,
    ).toBe('TERM_NOT_EXPIRED');
    // Asked after it had ended: nothing was left to suspend.
    expect(
      checkNoticeOfDefault(suspended('2026-04-27T09:00:00.001Z'), '2026-04-28T00:00:00.000Z'),
    ).toBeNull();
    // A suspension with a respondBy has moved decisionDueAt already: the moment alone decides.
    const withRespondBy = { ...suspended('2026-04-01T09:00:00.000Z'), respondBy: '2026-04-15' };
    expect(checkNoticeOfDefault(withRespondBy, '2026-04-27T09:01:00.000Z')).toBeNull();
  });

  it('says until when the decision is due', () => {
    expect(en(checkNoticeOfDefault(facts, AT))).toBe(
      'The decision is due by 27 April 2026; notice of default can be given once that moment has passed.',
    );
  });
});

describe('checkBusinessRules at a moment', () => {
  it('applies the rules of NOT_PROCESSED and NOTICE_OF_DEFAULT at the moment it is given', () => {
    const waiting: CaseFacts = { ...facts, termSuspendedSince: AT, respondBy: '2026-03-16' };
    const setAside = { type: 'NOT_PROCESSED', motivation: 'm' } as const;
    expect(checkBusinessRules(waiting, setAside, null, '2026-03-16T12:00:00.000Z')?.code).toBe(
      'RESPOND_BY_NOT_PASSED',
    );
    expect(checkBusinessRules(waiting, setAside, null, '2026-03-17T12:00:00.000Z')).toBeNull();
    const notice = { type: 'NOTICE_OF_DEFAULT' } as const;
    expect(checkBusinessRules(facts, notice, null, '2026-04-27T08:59:00.000Z')?.code).toBe(
      'TERM_NOT_EXPIRED',
    );
    expect(checkBusinessRules(facts, notice, null, '2026-04-27T09:01:00.000Z')).toBeNull();
  });

  it('gives the rules without a clock the same answer at any moment', () => {
    const granted: CaseFacts = { ...facts, honouredAmountCents: 1_000, committedCents: 1_000 };
    for (const at of [AT, '2026-04-27T09:01:00.000Z', '2031-01-01T00:00:00.000Z']) {
      expect(checkBusinessRules(facts, { type: 'REJECT', motivation: '' }, null, at)).toBeNull();
      expect(
        checkBusinessRules(facts, { type: 'HONOUR', amountCents: 1_001, motivation: '' }, frame, at)?.code,
      ).toBe('AMOUNT_ABOVE_REQUEST');
      expect(checkBusinessRules(granted, { type: 'REVOKE', motivation: '' }, null, at)).toBeNull();
    }
  });
});
