import type { Agreement, CaseEventInput, CaseFacts, CaseType } from './case-types.js';
import { CASE_TYPES } from './case-types.js';
import { LEGAL_TERMS } from './case-terms.js';
import { EMPTY_AFTER_SUBMISSION } from './case.machine.js';
import {
  ACCOUNT_BY_MAX_MONTHS,
  ACCOUNT_BY_MIN_MONTHS,
  FIELDS_BY_CASE_TYPE,
  MAX_RESPOND_BY_DAYS,
  checkEventFields,
} from './event-fields.js';
import { render } from '../../messages/src/index.js';

/** Monday 2 March 2026, 10:00 in Amsterdam. */
const AT = '2026-03-02T09:00:00.000Z';
const GRANT = 45_000;

function facts(type: CaseType, overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    type,
    areaCode: 'west',
    theme: 'green',
    initiatorId: 'res-1',
    requestedAmountCents: 50_000,
    ...EMPTY_AFTER_SUBMISSION,
    terms: { ...LEGAL_TERMS[type] },
    decisionDueAt: '2026-04-27T09:00:00.000Z',
    ...overrides,
  };
}
const granted = (type: CaseType, overrides: Partial<CaseFacts> = {}) =>
  facts(type, {
    assessedBy: 'off-1',
    honouredAmountCents: GRANT,
    committedCents: GRANT,
    ...(type === 'initiative' ? { accountBy: '2026-12-31' } : { agreementMonths: 24 }),
    ...overrides,
  });
const AGREEMENT: Agreement = {
  startsOn: '2026-01-31',
  endsOn: '2027-01-31',
  deliverables: ['Het park maaien'],
  indicators: [
    { name: 'maaibeurten', unit: 'per jaar', target: 12 },
    { name: 'klachten', unit: 'per jaar', target: 0 },
  ],
  fallback: 'De gemeente maait weer zelf.',
};

/** The names of the fields found wrong. */
const names = (f: CaseFacts, e: CaseEventInput, at = AT) => checkEventFields(f, e, at).map((p) => p.name);
/** The problems with their reasons in English words, as the API says them with Accept-Language: en. */
const inEnglish = (f: CaseFacts, e: CaseEventInput, at = AT) =>
  checkEventFields(f, e, at).map((p) => ({ name: p.name, reason: render(p.reason, 'en') }));

it('FIELDS_BY_CASE_TYPE: an initiative grant names accountBy, a Right to Challenge grant agreementMonths', () => {
  expect(FIELDS_BY_CASE_TYPE).toEqual({
    initiative: { required: ['accountBy'], notAllowed: ['agreementMonths'] },
    right_to_challenge: { required: ['agreementMonths'], notAllowed: ['accountBy'] },
  });
  expect([ACCOUNT_BY_MIN_MONTHS, ACCOUNT_BY_MAX_MONTHS]).toEqual([1, 36]);
});

describe.each(['HONOUR', 'COUNCIL_HONOUR'] as const)('%s: the fields of the case type', (type) => {
  const grant = (fields: object): CaseEventInput => ({
    type,
    amountCents: GRANT,
    motivation: 'm',
    ...fields,
  });
  const assessed = (t: CaseType) => facts(t, { assessedBy: 'off-1' });

  it.each<[CaseType, object, string[]]>([
    ['initiative', { accountBy: '2026-12-31' }, []],
    ['initiative', {}, ['accountBy']],
    ['initiative', { agreementMonths: 12 }, ['accountBy', 'agreementMonths']],
    ['initiative', { accountBy: '2026-12-31', agreementMonths: 12 }, ['agreementMonths']],
    ['right_to_challenge', { agreementMonths: 12 }, []],
    ['right_to_challenge', {}, ['agreementMonths']],
    ['right_to_challenge', { accountBy: '2026-12-31' }, ['agreementMonths', 'accountBy']],
    ['right_to_challenge', { agreementMonths: 12, accountBy: '2026-12-31' }, ['accountBy']],
    // Conditions are for both.
    ['initiative', { accountBy: '2026-12-31', conditions: 'Bonnen bewaren.' }, []],
    ['right_to_challenge', { agreementMonths: 120, conditions: 'Verslag per kwartaal.' }, []],
  ])('%s with %j: %j', (caseType, fields, want) => {
    expect(names(assessed(caseType), grant(fields))).toEqual(want);
  });

  it('explains in a sentence why', () => {
    expect(inEnglish(assessed('right_to_challenge'), grant({ accountBy: '2026-12-31' }), AT)).toEqual([
      { name: 'agreementMonths', reason: 'is required for a case of type right_to_challenge' },
      { name: 'accountBy', reason: 'does not apply to a case of type right_to_challenge' },
    ]);
  });

  it('counts a field sent as null as missing', () => {
    expect(names(assessed('initiative'), grant({ accountBy: null }))).toEqual(['accountBy']);
    expect(names(assessed('right_to_challenge'), grant({ agreementMonths: null }))).toEqual([
      'agreementMonths',
    ]);
  });

  describe('accountBy: a day in Amsterdam from one month to three years after the grant', () => {
    const at = (accountBy: string, moment = AT) =>
      names(assessed('initiative'), grant({ accountBy }), moment);

    it.each([
      ['2026-04-01', ['accountBy']],
      ['2026-04-02', []],
      ['2026-09-30', []],
      ['2029-03-02', []],
      ['2029-03-03', ['accountBy']],
      ['2026-03-02', ['accountBy']],
      ['2025-12-31', ['accountBy']],
    ])('granted on 2 March 2026: %s %j', (accountBy, want) => {
      expect(at(accountBy)).toEqual(want);
    });

    it('counts from the day in Amsterdam: at 23:30 UTC on 1 March it is already 2 March', () => {
      const lateEvening = '2026-03-01T23:30:00.000Z';
      // By the UTC day (1 March) the first would be in range and the last not.
      expect(at('2026-04-01', lateEvening)).toEqual(['accountBy']);
      expect(at('2026-04-02', lateEvening)).toEqual([]);
      expect(at('2029-03-02', lateEvening)).toEqual([]);
      expect(at('2029-03-03', lateEvening)).toEqual(['accountBy']);
      // Summer time: 22:30 UTC on 30 June is 1 July in Amsterdam.
      const summerEvening = '2026-06-30T22:30:00.000Z';
      expect(at('2026-07-31', summerEvening)).toEqual(['accountBy']);
      expect(at('2026-08-01', summerEvening)).toEqual([]);
      expect(at('2029-07-01', summerEvening)).toEqual([]);
      expect(at('2029-07-02', summerEvening)).toEqual(['accountBy']);
      // 22:59 UTC on 1 March is still 1 March.
      expect(at('2026-04-01', '2026-03-01T22:59:00.000Z')).toEqual([]);
    });

    it('counts months as people do at a month end and on a leap day', () => {
      // 31 January plus one month is 28 February.
      expect(at('2026-02-27', '2026-01-31T10:00:00.000Z')).toEqual(['accountBy']);
      expect(at('2026-02-28', '2026-01-31T10:00:00.000Z')).toEqual([]);
      expect(at('2029-01-31', '2026-01-31T10:00:00.000Z')).toEqual([]);
      expect(at('2029-02-01', '2026-01-31T10:00:00.000Z')).toEqual(['accountBy']);
      // Granted on 29 February 2028: three years on is 28 February 2031.
      expect(at('2028-03-28', '2028-02-29T10:00:00.000Z')).toEqual(['accountBy']);
      expect(at('2028-03-29', '2028-02-29T10:00:00.000Z')).toEqual([]);
      expect(at('2031-02-28', '2028-02-29T10:00:00.000Z')).toEqual([]);
      expect(at('2031-03-01', '2028-02-29T10:00:00.000Z')).toEqual(['accountBy']);
    });

    it('says which days are allowed', () => {
      expect(inEnglish(assessed('initiative'), grant({ accountBy: '2026-04-01' }), AT)).toEqual([
        { name: 'accountBy', reason: 'must be between 2 April 2026 and 2 March 2029' },
      ]);
    });
  });
});

describe('REQUEST_INFO respondBy: a day in Amsterdam from tomorrow to 90 days ahead', () => {
  const ask = (respondBy?: string | null): CaseEventInput =>
    ({
      type: 'REQUEST_INFO',
      question: 'Wat kost de springkussen?',
      ...(respondBy !== undefined ? { respondBy } : {}),
    }) as CaseEventInput;
  const at = (respondBy?: string | null, moment = AT) => names(facts('initiative'), ask(respondBy), moment);

  it('allows at most 90 days', () => {
    expect(MAX_RESPOND_BY_DAYS).toBe(90);
  });

  it.each([
    ['today', '2026-03-02', ['respondBy']],
    ['yesterday', '2026-03-01', ['respondBy']],
    ['today + 1', '2026-03-03', []],
    ['today + 14', '2026-03-16', []],
    // 2 March plus 90 days, across three month ends.
    ['today + 90', '2026-05-31', []],
    ['today + 91', '2026-06-01', ['respondBy']],
    ['a year ahead', '2027-03-02', ['respondBy']],
  ])('asked on 2 March 2026, by %s (%s): %j', (_d, respondBy, want) => {
    expect(at(respondBy)).toEqual(want);
  });

  it('may be left out (the machine then takes two weeks), or sent as null', () => {
    expect(at()).toEqual([]);
    expect(at(null)).toEqual([]);
  });

  it('says which days are allowed', () => {
    expect(inEnglish(facts('initiative'), ask('2026-03-02'), AT)).toEqual([
      { name: 'respondBy', reason: 'must be between 3 March 2026 and 31 May 2026' },
    ]);
  });

  it('counts from the day in Amsterdam: at 23:30 UTC on 1 March it is already 2 March', () => {
    const lateEvening = '2026-03-01T23:30:00.000Z';
    expect(at('2026-03-02', lateEvening)).toEqual(['respondBy']);
    expect(at('2026-03-03', lateEvening)).toEqual([]);
    expect(at('2026-05-31', lateEvening)).toEqual([]);
    expect(at('2026-06-01', lateEvening)).toEqual(['respondBy']);
    // At 22:59 UTC it is still 1 March: 2 March is tomorrow, 31 May one day too far.
    expect(at('2026-03-02', '2026-03-01T22:59:00.000Z')).toEqual([]);
    expect(at('2026-05-31', '2026-03-01T22:59:00.000Z')).toEqual(['respondBy']);
  });

  it('counts days, not hours, across the change to summer time and a leap day', () => {
    // Asked on Saturday 28 March 2026 at 23:30 in Amsterdam (winter time): tomorrow is the 29th,
    // the night the clocks go forward.
    const saturdayNight = '2026-03-28T22:30:00.000Z';
    expect(at('2026-03-28', saturdayNight)).toEqual(['respondBy']);
    expect(at('2026-03-29', saturdayNight)).toEqual([]);
    expect(at('2026-06-26', saturdayNight)).toEqual([]);
    expect(at('2026-06-27', saturdayNight)).toEqual(['respondBy']);
    // 1 February 2028 plus 90 days passes 29 February.
    expect(at('2028-05-01', '2028-02-01T10:00:00.000Z')).toEqual([]);
    expect(at('2028-05-02', '2028-02-01T10:00:00.000Z')).toEqual(['respondBy']);
  });
});

describe('amounts up to what the grant still commits', () => {
  const cases: [string, CaseType, (cents: number) => CaseEventInput][] = [
    [
      'REVIEW_ACCOUNT advisedCents',
      'initiative',
      (c) => ({ type: 'REVIEW_ACCOUNT', advisedCents: c, motivation: 'm' }),
    ],
    ['SETTLE settledCents', 'initiative', (c) => ({ type: 'SETTLE', settledCents: c, motivation: 'm' })],
    [
      'TERMINATE releasedCents',
      'right_to_challenge',
      (c) => ({ type: 'TERMINATE', reason: 'r', releasedCents: c }),
    ],
  ];
  it.each(cases)('%s: 0 and the grant pass, a cent more does not', (label, type, event) => {
    const name = label.split(' ')[1];
    const f = granted(type, type === 'right_to_challenge' ? { agreement: AGREEMENT } : {});
    expect(names(f, event(0))).toEqual([]);
    expect(names(f, event(1))).toEqual([]);
    expect(names(f, event(GRANT))).toEqual([]);
    expect(names(f, event(GRANT + 1))).toEqual([name]);
    expect(inEnglish(f, event(GRANT + 1), AT)).toEqual([
      { name, reason: 'must be at most €450.00, the amount granted and still committed' },
    ]);
    // Nothing committed: only 0 passes.
    const nothing = { ...f, committedCents: 0 };
    expect(names(nothing, event(0))).toEqual([]);
    expect(names(nothing, event(1))).toEqual([name]);
  });

  it('does not limit the actual costs the initiator reports: they may be above the grant', () => {
    expect(
      names(granted('initiative'), { type: 'SUBMIT_ACCOUNT', report: 'r', actualCostCents: GRANT * 3 }),
    ).toEqual([]);
  });
});

describe('SIGN_AGREEMENT: the end within agreementMonths of the start', () => {
  const sign = (endsOn: string, overrides: Partial<Agreement> = {}): CaseEventInput => ({
    type: 'SIGN_AGREEMENT',
    ...AGREEMENT,
    endsOn,
    ...overrides,
  });
  const oneMonth = granted('right_to_challenge', { agreementMonths: 1 });

  it('31 January plus one month is 28 February', () => {
    expect(names(oneMonth, sign('2026-02-28'))).toEqual([]);
    expect(names(oneMonth, sign('2026-03-01'))).toEqual(['endsOn']);
    expect(inEnglish(oneMonth, sign('2026-03-01'), AT)).toEqual([
      { name: 'endsOn', reason: 'must be at most 1 months after startsOn (28 February 2026)' },
    ]);
    // In a leap year, 29 February.
    expect(names(oneMonth, sign('2028-02-29', { startsOn: '2028-01-31' }))).toEqual([]);
    expect(names(oneMonth, sign('2028-03-01', { startsOn: '2028-01-31' }))).toEqual(['endsOn']);
  });

  it('ends after it starts', () => {
    expect(names(oneMonth, sign('2026-01-31'))).toEqual(['endsOn']);
    expect(names(oneMonth, sign('2026-01-30'))).toEqual(['endsOn']);
    expect(names(oneMonth, sign('2026-02-01'))).toEqual([]);
    expect(inEnglish(oneMonth, sign('2026-01-31'), AT)).toEqual([
      { name: 'endsOn', reason: 'must be after startsOn' },
    ]);
  });

  it('takes the term of the grant: 24 months, or 120 when a grant stored none', () => {
    const f = granted('right_to_challenge');
    expect(names(f, sign('2028-01-31'))).toEqual([]);
    expect(names(f, sign('2028-02-01'))).toEqual(['endsOn']);
    const noTerm = { ...f, agreementMonths: null };
    expect(names(noTerm, sign('2036-01-31'))).toEqual([]);
    expect(names(noTerm, sign('2036-02-01'))).toEqual(['endsOn']);
  });

  it('gives each indicator a name of its own', () => {
    const twice = AGREEMENT.indicators[0];
    expect(names(granted('right_to_challenge'), sign('2027-01-31', { indicators: [twice, twice] }))).toEqual([
      'indicators',
    ]);
    expect(names(granted('right_to_challenge'), sign('2027-01-31', { indicators: [] }))).toEqual([]);
    // Both problems at once.
    expect(names(oneMonth, sign('2027-01-31', { indicators: [twice, twice] }))).toEqual([
      'endsOn',
      'indicators',
    ]);
  });
});

describe('EXTEND_AGREEMENT: later than the end, the whole agreement at most 120 months', () => {
  const running = granted('right_to_challenge', { agreement: AGREEMENT });
  const extend = (newEndsOn: string): CaseEventInput => ({
    type: 'EXTEND_AGREEMENT',
    newEndsOn,
    motivation: 'm',
  });

  it.each([
    ['2027-01-30', ['newEndsOn']],
    ['2027-01-31', ['newEndsOn']],
    ['2027-02-01', []],
    // 120 months after 31 January 2026, whatever agreementMonths the grant had.
    ['2036-01-31', []],
    ['2036-02-01', ['newEndsOn']],
  ])('ending on %s: %j', (newEndsOn, want) => {
    expect(names(running, extend(newEndsOn))).toEqual(want);
  });

  it('says why', () => {
    expect(inEnglish(running, extend('2027-01-31'), AT)).toEqual([
      { name: 'newEndsOn', reason: 'must be after the current end of the agreement (31 January 2027)' },
    ]);
    expect(inEnglish(running, extend('2036-02-01'), AT)).toEqual([
      {
        name: 'newEndsOn',
        reason: 'must be at most 120 months after the agreement started (31 January 2036)',
      },
    ]);
  });

  it('measures from the end an earlier extension set', () => {
    const extended = { ...running, agreement: { ...AGREEMENT, endsOn: '2030-06-30' } };
    expect(names(extended, extend('2029-01-01'))).toEqual(['newEndsOn']);
    expect(names(extended, extend('2030-07-01'))).toEqual([]);
  });
});

describe.each(['PROGRESS_REVIEW', 'EVALUATE'] as const)(
  '%s: indicator values name indicators of the agreement',
  (type) => {
    const running = granted('right_to_challenge', { agreement: AGREEMENT });
    const event = (indicatorValues?: { name: string; value: number }[]): CaseEventInput =>
      type === 'PROGRESS_REVIEW'
        ? { type, findings: 'f', onTrack: true, ...(indicatorValues ? { indicatorValues } : {}) }
        : { type, evaluation: 'e', ...(indicatorValues ? { indicatorValues } : {}) };

    it('accepts known names, none, or no list', () => {
      expect(
        names(
          running,
          event([
            { name: 'maaibeurten', value: 3 },
            { name: 'klachten', value: 1 },
          ]),
        ),
      ).toEqual([]);
      expect(names(running, event([]))).toEqual([]);
      expect(names(running, event())).toEqual([]);
    });

    it('names each unknown indicator, case and spaces included', () => {
      expect(
        inEnglish(
          running,
          event([
            { name: 'maaibeurten', value: 3 },
            { name: 'Maaibeurten', value: 3 },
            { name: 'bomen', value: 1 },
            { name: 'klachten ', value: 0 },
          ]),
          AT,
        ),
      ).toEqual([
        {
          name: 'indicatorValues.Maaibeurten',
          reason: "must be one of the agreement's indicators: “maaibeurten” and “klachten”",
        },
        {
          name: 'indicatorValues.bomen',
          reason: "must be one of the agreement's indicators: “maaibeurten” and “klachten”",
        },
        {
          name: 'indicatorValues.klachten ',
          reason: "must be one of the agreement's indicators: “maaibeurten” and “klachten”",
        },
      ]);
    });

    it('says so when the agreement has no indicators', () => {
      const bare = { ...running, agreement: { ...AGREEMENT, indicators: [] } };
      expect(inEnglish(bare, event([{ name: 'maaibeurten', value: 3 }]), AT)).toEqual([
        { name: 'indicatorValues.maaibeurten', reason: 'the agreement has no indicators' },
      ]);
    });
  },
);

it('finds nothing wrong with events whose fields do not depend on the case', () => {
  for (const type of CASE_TYPES) {
    const f = granted(type, { agreement: AGREEMENT });
    for (const e of [
      { type: 'REQUEST_INFO', question: 'q' },
      { type: 'NOT_PROCESSED', motivation: 'm' },
      { type: 'NOTICE_OF_DEFAULT' },
      { type: 'SUPPLY_INFO', answer: 'a' },
      { type: 'ASSESS', advice: 'reject', motivation: 'm' },
      { type: 'REJECT', motivation: 'm' },
      { type: 'REFER_TO_COUNCIL', motivation: 'm' },
      { type: 'COUNCIL_REJECT', motivation: 'm' },
      { type: 'WITHDRAW' },
      { type: 'REVOKE', motivation: 'm' },
      { type: 'SUBMIT_ACCOUNT', report: 'r', actualCostCents: 0 },
      { type: 'REPORT', reportId: 'r' },
    ] as CaseEventInput[]) {
      expect({ type, event: e.type, problems: inEnglish(f, e, AT) }).toEqual({
        type,
        event: e.type,
        problems: [],
      });
    }
  }
});
