import type { CaseFacts, CaseState, CaseType, EventType } from './case-types.js';
import { APPLICATION_TYPES, CASE_STATES, CASE_TYPES, EVENT_TYPES } from './case-types.js';
import { LEGAL_TERMS } from './case-terms.js';
import { EMPTY_AFTER_SUBMISSION } from './case.machine.js';
import {
  DECISION_EVENTS,
  besluitOf,
  budgetDelta,
  isDecision,
  mayMoveBudget,
  mayReopen,
  readsFrame,
  transitionMetas,
} from './event-effects.js';
import type { DecisionKind } from './decision-kinds.js';

// Written out from the contract's lifecycle, independently of the machines.
const MOVES_MONEY: EventType[] = [
  'HONOUR',
  'COUNCIL_HONOUR',
  'SETTLE',
  'REVOKE',
  'WITHDRAW',
  'TERMINATE',
  // A founded objection reopens a decided case: what it held committed goes back.
  'REOPEN',
];
const READS_FRAME: EventType[] = ['HONOUR', 'COUNCIL_HONOUR', 'REFER_TO_COUNCIL'];

/** The decisions the next report lists, per case type: `state:EVENT`. */
const APPLICATION_DECISIONS = [
  'assessed:HONOUR',
  'assessed:REJECT',
  'awaiting_council:COUNCIL_HONOUR',
  'awaiting_council:COUNCIL_REJECT',
  'honoured:REVOKE',
  // Withdrawn after the grant: the money goes back, the council hears of it.
  'honoured:WITHDRAW',
  // Buiten behandeling (Awb 4:5) once the day to supply the information has passed.
  'awaiting_info:NOT_PROCESSED',
];
const DECISIONS: Record<CaseType, string[]> = {
  initiative: [
    ...APPLICATION_DECISIONS,
    'accounted:REVOKE',
    'account_reviewed:SETTLE',
    'account_reviewed:REVOKE',
  ],
  right_to_challenge: [
    ...APPLICATION_DECISIONS,
    'honoured:SIGN_AGREEMENT',
    'in_execution:EVALUATE',
    'in_execution:TERMINATE',
    'in_execution:REVOKE',
  ],
  // The decision on an objection (beslissing op bezwaar).
  objection: ['heard:DECIDE_OBJECTION'],
};

/** The besluiten: the decisions the initiator receives as a numbered letter, with their kind. */
const APPLICATION_BESLUITEN: Record<string, DecisionKind> = {
  'assessed:HONOUR': 'grant',
  'assessed:REJECT': 'refusal',
  'awaiting_council:COUNCIL_HONOUR': 'grant',
  'awaiting_council:COUNCIL_REJECT': 'refusal',
  'awaiting_info:NOT_PROCESSED': 'set_aside',
  'honoured:REVOKE': 'revocation',
};
const BESLUITEN: Record<CaseType, Record<string, DecisionKind>> = {
  initiative: {
    ...APPLICATION_BESLUITEN,
    'accounted:REVOKE': 'revocation',
    'account_reviewed:REVOKE': 'revocation',
    'account_reviewed:SETTLE': 'settlement',
  },
  right_to_challenge: { ...APPLICATION_BESLUITEN, 'in_execution:REVOKE': 'revocation' },
  objection: { 'heard:DECIDE_OBJECTION': 'objection_decision' },
};

describe('mayMoveBudget', () => {
  it.each(EVENT_TYPES)('%s', (event) => {
    expect(mayMoveBudget(event)).toBe(MOVES_MONEY.includes(event));
  });
});

describe('readsFrame', () => {
  it.each(EVENT_TYPES)('%s', (event) => {
    expect(readsFrame(event)).toBe(READS_FRAME.includes(event));
  });
});

describe('transition meta: the machine says which transitions move money or read the frame', () => {
  /** `state:EVENT` of every transition of a case type whose meta carries the flag. */
  function flagged(type: CaseType, flag: 'movesBudget' | 'readsFrame'): string[] {
    const found: string[] = [];
    for (const state of CASE_STATES) {
      for (const event of EVENT_TYPES) {
        if (transitionMetas(type, state, event).some((m) => m[flag])) found.push(`${state}:${event}`);
      }
    }
    return found.sort();
  }
  // Written out from the contract: per state, not per event (WITHDRAW moves money only after the grant).
  // REOPEN from every state a besluit leads to (withdrawn excepted), releasing what stays committed.
  const reopen = (states: string[]) => states.map((s) => `${s}:REOPEN`);
  const APPLICATION_MONEY = [
    'assessed:HONOUR',
    'awaiting_council:COUNCIL_HONOUR',
    'honoured:REVOKE',
    'honoured:WITHDRAW',
    ...reopen(['honoured', 'rejected', 'not_processed', 'revoked', 'reported_to_raad']),
  ];
  const MONEY: Record<CaseType, string[]> = {
    initiative: [
      ...APPLICATION_MONEY,
      'accounted:REVOKE',
      'account_reviewed:REVOKE',
      'account_reviewed:SETTLE',
      ...reopen(['accounted', 'account_reviewed', 'settled']),
    ],
    right_to_challenge: [
      ...APPLICATION_MONEY,
      'in_execution:REVOKE',
      'in_execution:TERMINATE',
      ...reopen(['in_execution', 'evaluated', 'terminated']),
    ],
    // An objection holds no money.
    objection: [],
  };
  const APPLICATION_FRAME = [
    'assessed:HONOUR',
    'assessed:REFER_TO_COUNCIL',
    'awaiting_council:COUNCIL_HONOUR',
  ];
  const FRAME: Record<CaseType, string[]> = {
    initiative: APPLICATION_FRAME,
    right_to_challenge: APPLICATION_FRAME,
    objection: [],
  };

  it.each(CASE_TYPES)('%s: movesBudget on exactly the transitions that commit or release money', (type) => {
    expect(flagged(type, 'movesBudget')).toEqual([...MONEY[type]].sort());
  });
  it.each(CASE_TYPES)('%s: readsFrame on exactly the transitions whose guard reads the programme', (type) => {
    expect(flagged(type, 'readsFrame')).toEqual([...FRAME[type]].sort());
  });
  it('a withdrawal before the grant moves no money', () => {
    for (const type of CASE_TYPES) {
      for (const state of ['submitted', 'awaiting_info', 'assessed'] as CaseState[]) {
        expect(transitionMetas(type, state, 'WITHDRAW').some((m) => m.movesBudget)).toBe(false);
      }
    }
  });
});

describe('reopensOriginal: only a founded objection reopens the case objected against', () => {
  it('is on the founded DECIDE_OBJECTION of a heard objection, and nowhere else', () => {
    const found: string[] = [];
    for (const type of CASE_TYPES) {
      for (const state of CASE_STATES) {
        for (const event of EVENT_TYPES) {
          const metas = transitionMetas(type, state, event);
          if (metas.some((m) => m.reopensOriginal)) found.push(`${type}:${state}:${event}`);
        }
      }
    }
    expect(found).toEqual(['objection:heard:DECIDE_OBJECTION']);
    // Two transitions: the founded one first (guarded), then the others.
    expect(
      transitionMetas('objection', 'heard', 'DECIDE_OBJECTION').map((m) => m.reopensOriginal ?? false),
    ).toEqual([true, false]);
    expect(mayReopen('DECIDE_OBJECTION')).toBe(true);
    for (const event of EVENT_TYPES.filter((e) => e !== 'DECIDE_OBJECTION'))
      expect(mayReopen(event)).toBe(false);
  });
});

describe('isDecision', () => {
  it.each(CASE_TYPES)('%s: exactly the deciding events, per state they are sent in', (type) => {
    const found: string[] = [];
    for (const state of CASE_STATES) {
      for (const event of EVENT_TYPES) {
        if (isDecision(type, state, event)) found.push(`${state}:${event}`);
      }
    }
    expect(found.sort()).toEqual([...DECISIONS[type]].sort());
  });

  it('WITHDRAW from honoured is a decision, before the grant it is not', () => {
    for (const type of APPLICATION_TYPES) {
      expect(isDecision(type, 'honoured', 'WITHDRAW')).toBe(true);
      for (const state of ['submitted', 'awaiting_info', 'assessed'] as CaseState[]) {
        expect(isDecision(type, state, 'WITHDRAW')).toBe(false);
      }
    }
  });

  it('a referral, a notice of default, an account, its review, a progress review, an extension and the report are not', () => {
    expect(isDecision('initiative', 'assessed', 'REFER_TO_COUNCIL')).toBe(false);
    for (const type of CASE_TYPES) {
      for (const state of ['submitted', 'awaiting_info', 'assessed', 'awaiting_council'] as CaseState[]) {
        expect(isDecision(type, state, 'NOTICE_OF_DEFAULT')).toBe(false);
      }
      expect(isDecision(type, 'not_processed', 'REPORT')).toBe(false);
    }
    expect(isDecision('initiative', 'honoured', 'SUBMIT_ACCOUNT')).toBe(false);
    expect(isDecision('initiative', 'accounted', 'REVIEW_ACCOUNT')).toBe(false);
    expect(isDecision('right_to_challenge', 'in_execution', 'PROGRESS_REVIEW')).toBe(false);
    expect(isDecision('right_to_challenge', 'in_execution', 'EXTEND_AGREEMENT')).toBe(false);
    for (const state of ['rejected', 'settled', 'revoked'] as CaseState[]) {
      expect(isDecision('initiative', state, 'REPORT')).toBe(false);
    }
  });

  it("knows nothing of the other case type's states and events, nor of unknown ones", () => {
    expect(isDecision('initiative', 'in_execution', 'EVALUATE')).toBe(false);
    expect(isDecision('initiative', 'honoured', 'SIGN_AGREEMENT')).toBe(false);
    expect(isDecision('right_to_challenge', 'account_reviewed', 'SETTLE')).toBe(false);
    expect(isDecision('initiative', 'assessed', 'NOT_AN_EVENT')).toBe(false);
  });
});

describe('besluitOf', () => {
  it.each(CASE_TYPES)('%s: exactly the besluiten, with their kind, per state they are sent in', (type) => {
    const found: Record<string, DecisionKind> = {};
    for (const state of CASE_STATES) {
      for (const event of EVENT_TYPES) {
        const kind = besluitOf(type, state, event);
        if (kind !== null) found[`${state}:${event}`] = kind;
      }
    }
    expect(found).toEqual(BESLUITEN[type]);
    // Every besluit is a decision the council hears of.
    for (const key of Object.keys(found)) expect(DECISIONS[type]).toContain(key);
  });
});

describe('DECISION_EVENTS', () => {
  it('lists each event that decides in some state of some case type, once', () => {
    expect([...DECISION_EVENTS].sort()).toEqual(
      [
        'HONOUR',
        'REJECT',
        'COUNCIL_HONOUR',
        'COUNCIL_REJECT',
        'SETTLE',
        'REVOKE',
        'WITHDRAW',
        'SIGN_AGREEMENT',
        'EVALUATE',
        'TERMINATE',
        'NOT_PROCESSED',
        'DECIDE_OBJECTION',
      ].sort(),
    );
    expect(new Set(DECISION_EVENTS).size).toBe(DECISION_EVENTS.length);
    expect(Object.isFrozen(DECISION_EVENTS)).toBe(true);
  });
});

describe('budgetDelta', () => {
  const facts = (committedCents: number): CaseFacts => ({
    type: 'initiative',
    areaCode: 'west',
    theme: 'green',
    initiatorId: 'res-1',
    requestedAmountCents: 50_000,
    ...EMPTY_AFTER_SUBMISSION,
    terms: { ...LEGAL_TERMS['initiative'] },
    committedCents,
    decisionDueAt: '2026-04-27T09:00:00.000Z',
  });
  it('is what the case holds committed after, minus before', () => {
    expect(budgetDelta(facts(0), facts(45_000))).toBe(45_000);
    expect(budgetDelta(facts(45_000), facts(40_000))).toBe(-5_000);
    expect(budgetDelta(facts(45_000), facts(0))).toBe(-45_000);
    expect(budgetDelta(facts(45_000), facts(45_000))).toBe(0);
    expect(budgetDelta(facts(0), facts(0))).toBe(0);
  });
});
