import { jest } from '@jest/globals';
import type {
  ActorRef,
  Agreement,
  CaseEventInput,
  CaseFacts,
  CaseState,
  CaseType,
  EventType,
  Frame,
  Outcome,
  PersistedCase,
  RefusalCode,
} from './case-types.js';
import { CASE_STATES, CASE_TYPES, CLIENT_EVENT_TYPES, EVENT_TYPES } from './case-types.js';
import {
  applyEvent,
  assertAllStatesReachable,
  availableEvents,
  blockedEvents,
  describeWorkflow,
  initialCase,
  machineAccepts,
  migrateSnapshot,
  refusalOf,
} from './case-workflow.js';
import { LEGAL_TERMS } from './case-terms.js';
import { EMPTY_AFTER_SUBMISSION, MACHINE_VERSION } from './case.machine.js';
import { EVENT_PERMISSIONS } from './permissions.js';
import { readsFrame } from './event-effects.js';
import { LANGUAGES, msg, renderRefusal } from '../../messages/src/index.js';
import type { Violation } from './case-types.js';

const en = (v: Violation) => renderRefusal(v, 'en');

type Transitions = Partial<Record<EventType, CaseState>>;

// The lifecycle of docs/api.md, written out independently of the machine: per case type, the
// states it has and where each event leads from them.
const BEFORE_AND_AT_THE_DECISION: Partial<Record<CaseState, Transitions>> = {
  submitted: {
    REQUEST_INFO: 'awaiting_info',
    ASSESS: 'assessed',
    WITHDRAW: 'withdrawn',
    NOTICE_OF_DEFAULT: 'submitted',
    EXTEND_TERM: 'submitted',
  },
  awaiting_info: {
    SUPPLY_INFO: 'submitted',
    WITHDRAW: 'withdrawn',
    NOT_PROCESSED: 'not_processed',
    NOTICE_OF_DEFAULT: 'awaiting_info',
    EXTEND_TERM: 'awaiting_info',
  },
  assessed: {
    HONOUR: 'honoured',
    REJECT: 'rejected',
    REFER_TO_COUNCIL: 'awaiting_council',
    WITHDRAW: 'withdrawn',
    NOTICE_OF_DEFAULT: 'assessed',
    EXTEND_TERM: 'assessed',
  },
  awaiting_council: {
    COUNCIL_HONOUR: 'honoured',
    COUNCIL_REJECT: 'rejected',
    NOTICE_OF_DEFAULT: 'awaiting_council',
    EXTEND_TERM: 'awaiting_council',
  },
  rejected: { REPORT: 'reported_to_raad' },
  not_processed: { REPORT: 'reported_to_raad' },
  revoked: { REPORT: 'reported_to_raad' },
  withdrawn: {},
  reported_to_raad: {},
};
const TABLE: Record<CaseType, Partial<Record<CaseState, Transitions>>> = {
  initiative: {
    ...BEFORE_AND_AT_THE_DECISION,
    honoured: { SUBMIT_ACCOUNT: 'accounted', REVOKE: 'revoked', WITHDRAW: 'withdrawn' },
    accounted: { REVIEW_ACCOUNT: 'account_reviewed', REVOKE: 'revoked' },
    account_reviewed: { SETTLE: 'settled', REVOKE: 'revoked' },
    settled: { REPORT: 'reported_to_raad' },
  },
  right_to_challenge: {
    ...BEFORE_AND_AT_THE_DECISION,
    honoured: { SIGN_AGREEMENT: 'in_execution', REVOKE: 'revoked', WITHDRAW: 'withdrawn' },
    in_execution: {
      PROGRESS_REVIEW: 'in_execution',
      EXTEND_AGREEMENT: 'in_execution',
      EVALUATE: 'evaluated',
      TERMINATE: 'terminated',
      REVOKE: 'revoked',
    },
    evaluated: { REPORT: 'reported_to_raad' },
    terminated: { REPORT: 'reported_to_raad' },
  },
};
const statesOf = (type: CaseType) => Object.keys(TABLE[type]) as CaseState[];
const hasState = (type: CaseType, state: CaseState) => TABLE[type][state] !== undefined;

// Who may send what, also written out independently of permissions.ts.
type Who = 'initiator' | 'areaOfficial' | 'areaAlderman' | 'areaOfficialOrAlderman' | 'anyAlderman' | 'clerk';
const WHO: Record<EventType, Who> = {
  REQUEST_INFO: 'areaOfficial',
  ASSESS: 'areaOfficial',
  SUPPLY_INFO: 'initiator',
  WITHDRAW: 'initiator',
  HONOUR: 'areaAlderman',
  REJECT: 'areaAlderman',
  REFER_TO_COUNCIL: 'areaAlderman',
  // The raad decides in a meeting; its clerk (griffier) registers it, not one raadslid.
  COUNCIL_HONOUR: 'clerk',
  COUNCIL_REJECT: 'clerk',
  SUBMIT_ACCOUNT: 'initiator',
  REVIEW_ACCOUNT: 'areaOfficial',
  SETTLE: 'areaAlderman',
  REVOKE: 'areaAlderman',
  SIGN_AGREEMENT: 'areaAlderman',
  PROGRESS_REVIEW: 'areaOfficial',
  EXTEND_AGREEMENT: 'areaAlderman',
  EVALUATE: 'areaAlderman',
  TERMINATE: 'areaAlderman',
  NOT_PROCESSED: 'areaOfficial',
  NOTICE_OF_DEFAULT: 'initiator',
  // Verdaging: whoever handles the case or decides on it.
  EXTEND_TERM: 'areaOfficialOrAlderman',
  REPORT: 'anyAlderman',
};
/** Four eyes: who prepared the decision (in the fixtures below) and may therefore not take it. */
const ASSESSOR = 'ass-1';
const REVIEWER = 'rev-1';
const PREPARED_BY: Partial<Record<EventType, string>> = {
  HONOUR: ASSESSOR,
  REJECT: ASSESSOR,
  REFER_TO_COUNCIL: ASSESSOR,
  COUNCIL_HONOUR: ASSESSOR,
  COUNCIL_REJECT: ASSESSOR,
  SETTLE: REVIEWER,
};

const ACTORS: Record<string, ActorRef> = {
  initiator: { id: 'res-1', roles: ['resident'], areas: [] },
  otherResident: { id: 'res-2', roles: ['resident'], areas: ['west'] },
  areaOfficial: { id: 'off-1', roles: ['official'], areas: ['west'] },
  otherOfficial: { id: 'off-2', roles: ['official'], areas: ['oost'] },
  areaAlderman: { id: 'ald-1', roles: ['alderman'], areas: ['west'] },
  otherAlderman: { id: 'ald-2', roles: ['alderman'], areas: ['oost'] },
  council: { id: 'raad-1', roles: ['council'], areas: [] },
  clerk: { id: 'griffier-1', roles: ['clerk'], areas: [] },
  // Assessed the case as official and is also the area's alderman: four eyes applies.
  assessor: { id: ASSESSOR, roles: ['official', 'alderman'], areas: ['west'] },
  // Reviewed the account as official and is also the area's alderman: four eyes on SETTLE.
  reviewer: { id: REVIEWER, roles: ['official', 'alderman'], areas: ['west'] },
  nobody: { id: 'x', roles: [], areas: ['west'] },
  // The initiator, who also works for the municipality: conflict of interest applies.
  selfOfficial: { id: 'res-1', roles: ['resident', 'official'], areas: ['west'] },
  selfAlderman: { id: 'res-1', roles: ['resident', 'alderman'], areas: ['west'] },
  selfClerk: { id: 'res-1', roles: ['resident', 'clerk'], areas: [] },
  // On the council, which decides nothing by itself: no office, so no conflict (but no role either).
  selfCouncil: { id: 'res-1', roles: ['resident', 'council'], areas: [] },
};
/** The roles that act for the municipality on a case: holding one on your own case is the conflict. */
const OFFICE_ROLES: readonly string[] = ['official', 'alderman', 'clerk'];
/** The events the initiator sends, or the system: the only ones an initiator with an office role may send. */
const NOT_A_CONFLICT = new Set<EventType>([
  'SUPPLY_INFO',
  'WITHDRAW',
  'SUBMIT_ACCOUNT',
  'NOTICE_OF_DEFAULT',
  'REPORT',
]);

function mayAct(who: Who, a: ActorRef): boolean {
  switch (who) {
    case 'initiator':
      return a.roles.includes('resident') && a.id === 'res-1';
    case 'areaOfficial':
      return a.roles.includes('official') && a.areas.includes('west');
    case 'areaAlderman':
      return a.roles.includes('alderman') && a.areas.includes('west');
    case 'areaOfficialOrAlderman':
      return (a.roles.includes('official') || a.roles.includes('alderman')) && a.areas.includes('west');
    case 'anyAlderman':
      return a.roles.includes('alderman');
    case 'clerk':
      return a.roles.includes('clerk');
  }
}

const REQUESTED = 50_000;
/** What the fixtures below granted, and what was accounted, advised and settled of it. */
const GRANT = 45_000;
const SPENT = 40_000;
/** The moment every event in these tests happens (Monday 2 March 2026, 10:00 in Amsterdam). */
const AT = '2026-03-02T09:00:00.000Z';
/**
 * A moment when the fixtures' terms have passed (Monday 1 June 2026, 10:00 in Amsterdam): the
 * day to supply the information (RESPOND_BY) and the decision term, even as the request moved it.
 */
const LATE = '2026-06-01T08:00:00.000Z';
const MOMENTS = [AT, LATE] as const;
/** The fixtures' decision term: eight weeks after submission on 2 March 2026. */
const DUE = '2026-04-27T09:00:00.000Z';
/** Information asked for at AT, to be supplied by the end of 16 March (two weeks). */
const RESPOND_BY = '2026-03-16';
/** DUE moved on at once by the longest the request can suspend it: AT to 17 March 00:00 in Amsterdam. */
const DUE_WHILE_ASKED = '2026-05-11T23:00:00.000Z';
const ASKED: Partial<CaseFacts> = {
  termSuspendedSince: AT,
  respondBy: RESPOND_BY,
  decisionDueAt: DUE_WHILE_ASKED,
};
/** Between one month and three years after AT. */
const ACCOUNT_BY = '2026-12-31';
const ROOMY: Frame = { themes: ['green', 'play'], availableCents: 1_000_000, delegationLimitCents: 100_000 };
const TIGHT: Frame = { themes: ['green'], availableCents: 1_000_000, delegationLimitCents: 10_000 };
const AGREEMENT: Agreement = deepFreeze({
  startsOn: '2026-04-01',
  endsOn: '2027-04-01',
  deliverables: ['Het park twaalf keer per jaar maaien'],
  indicators: [{ name: 'maaibeurten', unit: 'per jaar', target: 12 }],
  fallback: 'De gemeente maait het park weer zelf.',
});

/** Frozen all the way down, so that code changing a fixture in place throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function facts(type: CaseType, overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    type,
    areaCode: 'west',
    theme: 'green',
    initiatorId: 'res-1',
    requestedAmountCents: REQUESTED,
    ...EMPTY_AFTER_SUBMISSION,
    terms: { ...LEGAL_TERMS[type] },
    decisionDueAt: DUE,
    ...overrides,
  };
}

/** What a case of this type holds once granted. */
const granted = (type: CaseType): Partial<CaseFacts> => ({
  honouredAmountCents: GRANT,
  committedCents: GRANT,
  decidedAt: AT,
  ...(type === 'initiative' ? { accountBy: ACCOUNT_BY } : { agreementMonths: 24 }),
});
const ACCOUNTED: Partial<CaseFacts> = {
  account: { report: 'Het feest is gehouden.', actualCostCents: SPENT, submittedAt: AT },
};
const REVIEWED: Partial<CaseFacts> = {
  ...ACCOUNTED,
  accountReview: { advisedCents: SPENT, motivation: 'Klopt.' },
  reviewedBy: REVIEWER,
};

/** The facts a case holds in each state, written out by hand (not by running the machine). */
const FACTS_IN: Record<CaseState, (type: CaseType) => Partial<CaseFacts>> = {
  submitted: () => ({}),
  awaiting_info: () => ASKED,
  assessed: () => ({}),
  awaiting_council: () => ({}),
  rejected: () => ({ decidedAt: AT }),
  not_processed: () => ({ ...ASKED, decidedAt: LATE }),
  withdrawn: () => ({ decidedAt: AT }),
  honoured: granted,
  accounted: (t) => ({ ...granted(t), ...ACCOUNTED }),
  account_reviewed: (t) => ({ ...granted(t), ...REVIEWED }),
  settled: (t) => ({
    ...granted(t),
    ...REVIEWED,
    settledAmountCents: SPENT,
    releasedAmountCents: GRANT - SPENT,
    committedCents: SPENT,
  }),
  revoked: (t) => ({ ...granted(t), releasedAmountCents: GRANT, committedCents: 0 }),
  in_execution: (t) => ({ ...granted(t), agreement: AGREEMENT }),
  evaluated: (t) => ({ ...granted(t), agreement: AGREEMENT }),
  terminated: (t) => ({
    ...granted(t),
    agreement: AGREEMENT,
    releasedAmountCents: 10_000,
    committedCents: GRANT - 10_000,
  }),
  reported_to_raad: (t) => (t === 'initiative' ? FACTS_IN.settled(t) : FACTS_IN.evaluated(t)),
};

function at(state: CaseState, type: CaseType, overrides: Partial<CaseFacts> = {}): PersistedCase {
  return {
    machineVersion: MACHINE_VERSION,
    value: state,
    context: facts(type, { assessedBy: ASSESSOR, ...FACTS_IN[state](type), ...overrides }),
  };
}

/** An event with valid fields for a case of `caseType` in the state of the fixtures above. */
function validEvent(type: EventType, caseType: CaseType = 'initiative'): CaseEventInput {
  switch (type) {
    case 'REQUEST_INFO':
      return { type, question: 'What will it cost?' };
    case 'SUPPLY_INFO':
      return { type, answer: 'Five hundred euro.' };
    case 'ASSESS':
      return { type, advice: 'honour', motivation: 'Fits the programme.' };
    case 'HONOUR':
    case 'COUNCIL_HONOUR':
      return {
        type,
        amountCents: REQUESTED,
        motivation: 'Good plan.',
        ...(caseType === 'initiative' ? { accountBy: ACCOUNT_BY } : { agreementMonths: 12 }),
      };
    case 'REJECT':
    case 'REFER_TO_COUNCIL':
    case 'COUNCIL_REJECT':
    case 'REVOKE':
      return { type, motivation: 'Because.' };
    case 'WITHDRAW':
      return { type, reason: 'Moved away.' };
    case 'SUBMIT_ACCOUNT':
      return { type, report: 'Het feest is gehouden.', actualCostCents: SPENT };
    case 'REVIEW_ACCOUNT':
      return { type, advisedCents: SPENT, motivation: 'Klopt.' };
    case 'SETTLE':
      return { type, settledCents: SPENT, motivation: 'Vastgesteld.' };
    case 'SIGN_AGREEMENT':
      return { type, ...structuredClone(AGREEMENT) };
    case 'PROGRESS_REVIEW':
      return {
        type,
        findings: 'Op schema.',
        onTrack: true,
        indicatorValues: [{ name: 'maaibeurten', value: 3 }],
      };
    case 'EXTEND_AGREEMENT':
      return { type, newEndsOn: '2028-04-01', motivation: 'Loopt goed.' };
    case 'EVALUATE':
      return { type, evaluation: 'Geslaagd.', indicatorValues: [{ name: 'maaibeurten', value: 12 }] };
    case 'TERMINATE':
      return { type, reason: 'De bewoners stoppen.', releasedCents: 10_000 };
    case 'NOT_PROCESSED':
      return { type, motivation: 'De gevraagde begroting is niet gekomen.' };
    case 'NOTICE_OF_DEFAULT':
      return { type };
    case 'EXTEND_TERM':
      // Four weeks after DUE: later than the term of every fixture (DUE_WHILE_ASKED too), within eight weeks of it.
      return { type, reason: 'Advies van de brandweer nodig.', newDueAt: '2026-05-25T09:00:00.000Z' };
    case 'REPORT':
      return { type, reportId: 'rep-1' };
  }
}

// Referral only passes its rule when the request is above the delegation limit.
const frameFor = (e: EventType): Frame => (e === 'REFER_TO_COUNCIL' ? TIGHT : ROOMY);

function expected(
  type: CaseType,
  state: CaseState,
  event: EventType,
  actor: ActorRef,
  moment: string = AT,
): { to: CaseState } | { code: RefusalCode } {
  const to = TABLE[type][state]?.[event];
  if (!to) return { code: 'STATE' };
  const ownCase = actor.id === 'res-1' && actor.roles.some((r) => OFFICE_ROLES.includes(r));
  if (ownCase && !NOT_A_CONFLICT.has(event)) return { code: 'CONFLICT_OF_INTEREST' };
  if (!mayAct(WHO[event], actor)) return { code: 'ROLE' };
  if (PREPARED_BY[event] === actor.id) return { code: 'FOUR_EYES' };
  // The rules with a clock: the fixtures' terms have passed at LATE, not at AT.
  if (event === 'NOT_PROCESSED' && moment === AT) return { code: 'RESPOND_BY_NOT_PASSED' };
  if (event === 'NOTICE_OF_DEFAULT' && moment === AT) return { code: 'TERM_NOT_EXPIRED' };
  if (event === 'EXTEND_TERM' && moment === LATE) return { code: 'TERM_EXPIRED' };
  return { to };
}

/**
 * availableEvents (and refusalOf without a moment) read the clock: the rules of NOT_PROCESSED
 * and NOTICE_OF_DEFAULT depend on it. Every test of this file runs with the clock at AT, unless
 * it moves it with atMoment.
 */
beforeAll(() => {
  jest.useFakeTimers({ now: new Date(AT) });
});
afterAll(() => {
  jest.useRealTimers();
});
function atMoment<T>(moment: string, run: () => T): T {
  jest.setSystemTime(new Date(moment));
  try {
    return run();
  } finally {
    jest.setSystemTime(new Date(AT));
  }
}

/** Someone who may send the event on the fixtures' cases. */
function senderOf(event: EventType): ActorRef {
  const who = WHO[event];
  if (who === 'initiator') return ACTORS.initiator;
  if (who === 'areaOfficial') return ACTORS.areaOfficial;
  return who === 'clerk' ? ACTORS.clerk : ACTORS.areaAlderman;
}

/** An outcome in one word: the new state, the refusal code, or the invalid fields. */
function summary(o: Outcome): string {
  if (o.accepted) return o.toState;
  if ('refusal' in o) return o.refusal.code;
  return `INVALID ${o.invalidFields.map((f) => f.name).join(',')}`;
}

describe.each(CASE_TYPES)('applyEvent on %s: every state × event × actor × moment', (type) => {
  const cases = CASE_STATES.flatMap((state) =>
    EVENT_TYPES.flatMap((event) =>
      Object.keys(ACTORS).flatMap((actor) => MOMENTS.map((moment) => [state, event, actor, moment] as const)),
    ),
  );
  it.each(cases)('%s + %s by %s at %s', (state, event, actorName, moment) => {
    const actor = ACTORS[actorName];
    const run = () => applyEvent(at(state, type), validEvent(event, type), actor, frameFor(event), moment);
    // A state the case type does not have cannot be interpreted: it fails loudly.
    if (!hasState(type, state)) {
      expect(run).toThrow(/state/);
      return;
    }
    const outcome = run();
    const want = expected(type, state, event, actor, moment);
    if ('to' in want) {
      expect(outcome).toMatchObject({ accepted: true, fromState: state, toState: want.to });
      if (outcome.accepted) expect(outcome.snapshot.value).toBe(want.to);
    } else {
      expect(outcome).toEqual({
        accepted: false,
        refusal: { code: want.code, fromState: state, event, params: expect.any(Object) },
      });
    }
  });
});

describe('order of checks', () => {
  const honour = (amountCents: number, fields: object = { accountBy: ACCOUNT_BY }): CaseEventInput => ({
    type: 'HONOUR',
    amountCents,
    motivation: 'm',
    ...fields,
  });
  const code = summary;

  it('STATE comes before ROLE', () => {
    expect(code(applyEvent(at('submitted', 'initiative'), honour(1), ACTORS.initiator, null, AT))).toBe(
      'STATE',
    );
  });
  it('ROLE comes before business rules', () => {
    expect(
      code(applyEvent(at('assessed', 'initiative'), honour(99_999_999), ACTORS.otherAlderman, null, AT)),
    ).toBe('ROLE');
  });
  it('FOUR_EYES comes before business rules', () => {
    expect(
      code(applyEvent(at('assessed', 'initiative'), honour(99_999_999), ACTORS.assessor, null, AT)),
    ).toBe('FOUR_EYES');
  });
  it('CONFLICT_OF_INTEREST comes before ROLE and business rules', () => {
    expect(
      code(applyEvent(at('assessed', 'initiative'), honour(99_999_999), ACTORS.selfAlderman, null, AT)),
    ).toBe('CONFLICT_OF_INTEREST');
    // An official cannot honour anyway, but on their own case that is what they are told.
    expect(
      code(applyEvent(at('assessed', 'initiative'), honour(REQUESTED), ACTORS.selfOfficial, ROOMY, AT)),
    ).toBe('CONFLICT_OF_INTEREST');
  });
  it('the fields (400) come after ROLE and FOUR_EYES (403) and before business rules (409)', () => {
    const noTerm = honour(99_999_999, {});
    const rtc = at('assessed', 'right_to_challenge');
    expect(code(applyEvent(rtc, noTerm, ACTORS.otherAlderman, null, AT))).toBe('ROLE');
    expect(code(applyEvent(rtc, noTerm, ACTORS.assessor, null, AT))).toBe('FOUR_EYES');
    expect(code(applyEvent(rtc, noTerm, ACTORS.areaAlderman, null, AT))).toBe('INVALID agreementMonths');
    expect(code(applyEvent(rtc, honour(REQUESTED, {}), ACTORS.areaAlderman, TIGHT, AT))).toBe(
      'INVALID agreementMonths',
    );
    const settle: CaseEventInput = { type: 'SETTLE', settledCents: GRANT + 1, motivation: 'm' };
    expect(code(applyEvent(at('account_reviewed', 'initiative'), settle, ACTORS.reviewer, null, AT))).toBe(
      'FOUR_EYES',
    );
    expect(
      code(applyEvent(at('account_reviewed', 'initiative'), settle, ACTORS.areaAlderman, null, AT)),
    ).toBe('INVALID settledCents');
  });
  it('four eyes on a decision after assessment applies only to the deciding events', () => {
    expect(
      code(applyEvent(at('submitted', 'initiative'), validEvent('REQUEST_INFO'), ACTORS.assessor, null, AT)),
    ).toBe('awaiting_info');
    // Whoever assessed the case may review its account, settle it (if someone else reviewed it) and revoke it.
    expect(
      code(
        applyEvent(at('accounted', 'initiative'), validEvent('REVIEW_ACCOUNT'), ACTORS.assessor, null, AT),
      ),
    ).toBe('account_reviewed');
    expect(
      code(applyEvent(at('account_reviewed', 'initiative'), validEvent('SETTLE'), ACTORS.assessor, null, AT)),
    ).toBe('settled');
    expect(
      code(applyEvent(at('honoured', 'initiative'), validEvent('REVOKE'), ACTORS.assessor, null, AT)),
    ).toBe('revoked');
  });
  it('four eyes on the settlement: whoever reviewed the account may not settle it, and only that', () => {
    const reviewed = at('account_reviewed', 'initiative');
    const o = applyEvent(reviewed, validEvent('SETTLE'), ACTORS.reviewer, null, AT);
    expect(summary(o)).toBe('FOUR_EYES');
    if (!o.accepted && 'refusal' in o) expect(en(o.refusal)).toMatch(/reviewed the account/);
    expect(summary(applyEvent(reviewed, validEvent('REVOKE'), ACTORS.reviewer, null, AT))).toBe('revoked');
    expect(summary(applyEvent(reviewed, validEvent('SETTLE'), ACTORS.areaAlderman, null, AT))).toBe(
      'settled',
    );
    // The reviewer did not assess the case: they may decide on a grant of it.
    expect(
      summary(applyEvent(at('assessed', 'initiative'), validEvent('HONOUR'), ACTORS.reviewer, ROOMY, AT)),
    ).toBe('honoured');
  });
  it('NOTICE_OF_DEFAULT: STATE, then ROLE, then NOTICE_ALREADY_GIVEN or TERM_NOT_EXPIRED (409)', () => {
    const notice = validEvent('NOTICE_OF_DEFAULT');
    expect(code(applyEvent(at('honoured', 'initiative'), notice, ACTORS.initiator, null, LATE))).toBe(
      'STATE',
    );
    expect(code(applyEvent(at('rejected', 'initiative'), notice, ACTORS.otherResident, null, AT))).toBe(
      'STATE',
    );
    expect(code(applyEvent(at('assessed', 'initiative'), notice, ACTORS.otherResident, null, AT))).toBe(
      'ROLE',
    );
    expect(code(applyEvent(at('assessed', 'initiative'), notice, ACTORS.areaOfficial, null, LATE))).toBe(
      'ROLE',
    );
    expect(code(applyEvent(at('assessed', 'initiative'), notice, ACTORS.initiator, null, AT))).toBe(
      'TERM_NOT_EXPIRED',
    );
    const given = at('assessed', 'initiative', { noticeOfDefaultAt: '2026-05-01T08:00:00.000Z' });
    expect(code(applyEvent(given, notice, ACTORS.otherResident, null, LATE))).toBe('ROLE');
    expect(code(applyEvent(given, notice, ACTORS.initiator, null, LATE))).toBe('NOTICE_ALREADY_GIVEN');
    expect(code(applyEvent(given, notice, ACTORS.initiator, null, AT))).toBe('NOTICE_ALREADY_GIVEN');
  });
  it('NOT_PROCESSED: STATE, then CONFLICT_OF_INTEREST and ROLE, then RESPOND_BY_NOT_PASSED (409)', () => {
    const setAside = validEvent('NOT_PROCESSED');
    expect(code(applyEvent(at('submitted', 'initiative'), setAside, ACTORS.areaOfficial, null, LATE))).toBe(
      'STATE',
    );
    expect(code(applyEvent(at('awaiting_info', 'initiative'), setAside, ACTORS.selfOfficial, null, AT))).toBe(
      'CONFLICT_OF_INTEREST',
    );
    expect(
      code(applyEvent(at('awaiting_info', 'initiative'), setAside, ACTORS.otherOfficial, null, AT)),
    ).toBe('ROLE');
    expect(
      code(applyEvent(at('awaiting_info', 'initiative'), setAside, ACTORS.areaAlderman, null, LATE)),
    ).toBe('ROLE');
    expect(code(applyEvent(at('awaiting_info', 'initiative'), setAside, ACTORS.areaOfficial, null, AT))).toBe(
      'RESPOND_BY_NOT_PASSED',
    );
  });
  it('REQUEST_INFO: a respondBy out of range is a 400 after ROLE', () => {
    const ask = (respondBy: string): CaseEventInput => ({ type: 'REQUEST_INFO', question: 'q', respondBy });
    const p = at('submitted', 'initiative');
    expect(code(applyEvent(p, ask('2026-03-02'), ACTORS.otherOfficial, null, AT))).toBe('ROLE');
    expect(code(applyEvent(p, ask('2026-03-02'), ACTORS.areaOfficial, null, AT))).toBe('INVALID respondBy');
    expect(code(applyEvent(p, ask('2026-06-01'), ACTORS.areaOfficial, null, AT))).toBe('INVALID respondBy');
    expect(code(applyEvent(p, ask('2026-03-03'), ACTORS.areaOfficial, null, AT))).toBe('awaiting_info');
  });
  it('a case never assessed has no four-eyes restriction', () => {
    const p = at('assessed', 'initiative', { assessedBy: null });
    expect(code(applyEvent(p, honour(REQUESTED), ACTORS.assessor, ROOMY, AT))).toBe('honoured');
  });
  it('an account never reviewed has no four-eyes restriction on its settlement', () => {
    const p = at('account_reviewed', 'initiative', { reviewedBy: null });
    expect(code(applyEvent(p, validEvent('SETTLE'), ACTORS.reviewer, null, AT))).toBe('settled');
  });
});

describe('business rules', () => {
  const alderman = ACTORS.areaAlderman;
  const clerk = ACTORS.clerk;
  const run = (
    type: CaseType,
    state: CaseState,
    event: CaseEventInput,
    frame: Frame | null,
    actor = event.type.startsWith('COUNCIL') ? clerk : alderman,
  ) => summary(applyEvent(at(state, type), event, actor, frame, AT));
  /** A grant with the field its case type requires. */
  const grant =
    (type: 'HONOUR' | 'COUNCIL_HONOUR') =>
    (caseType: CaseType, amountCents: number): CaseEventInput => ({
      type,
      amountCents,
      motivation: 'm',
      ...(caseType === 'initiative' ? { accountBy: ACCOUNT_BY } : { agreementMonths: 12 }),
    });
  const honour = grant('HONOUR');
  const councilHonour = grant('COUNCIL_HONOUR');

  it.each<[string, (t: CaseType) => CaseEventInput, Frame | null, string]>([
    ['no programme', (t) => honour(t, REQUESTED), null, 'NO_PROGRAMME'],
    [
      'theme outside programme',
      (t) => honour(t, REQUESTED),
      { ...ROOMY, themes: ['play'] },
      'THEME_NOT_IN_PROGRAMME',
    ],
    ['amount above request', (t) => honour(t, REQUESTED + 1), ROOMY, 'AMOUNT_ABOVE_REQUEST'],
    [
      'amount above available budget',
      (t) => honour(t, REQUESTED),
      { ...ROOMY, availableCents: REQUESTED - 1 },
      'BUDGET_EXCEEDED',
    ],
    [
      'amount exactly the available budget',
      (t) => honour(t, REQUESTED),
      { ...ROOMY, availableCents: REQUESTED },
      'honoured',
    ],
    ['amount above delegation limit', (t) => honour(t, REQUESTED), TIGHT, 'ABOVE_DELEGATION_LIMIT'],
    ['amount at the delegation limit', (t) => honour(t, 10_000), TIGHT, 'honoured'],
    // Precedence: the first failing rule is reported.
    ['null frame beats a too-high amount', (t) => honour(t, REQUESTED * 100), null, 'NO_PROGRAMME'],
    [
      'theme beats amount',
      (t) => honour(t, REQUESTED + 1),
      { ...ROOMY, themes: [] },
      'THEME_NOT_IN_PROGRAMME',
    ],
    [
      'request beats budget',
      (t) => honour(t, REQUESTED + 1),
      { ...ROOMY, availableCents: 0 },
      'AMOUNT_ABOVE_REQUEST',
    ],
    [
      'budget beats delegation',
      (t) => honour(t, REQUESTED),
      { ...TIGHT, availableCents: 0 },
      'BUDGET_EXCEEDED',
    ],
  ])('HONOUR: %s', (_d, event, frame, want) => {
    for (const type of CASE_TYPES) expect(run(type, 'assessed', event(type), frame)).toBe(want);
  });

  it('a grant of a right_to_challenge needs agreementMonths and may not name accountBy; an initiative the other way round', () => {
    const bare = (type: 'HONOUR' | 'COUNCIL_HONOUR', fields: object = {}): CaseEventInput => ({
      type,
      amountCents: REQUESTED,
      motivation: 'm',
      ...fields,
    });
    for (const [e, state, frame] of [
      ['HONOUR', 'assessed', ROOMY],
      ['COUNCIL_HONOUR', 'awaiting_council', TIGHT],
    ] as const) {
      expect(run('right_to_challenge', state, bare(e), frame)).toBe('INVALID agreementMonths');
      expect(run('initiative', state, bare(e), frame)).toBe('INVALID accountBy');
      expect(run('right_to_challenge', state, bare(e, { agreementMonths: 12 }), frame)).toBe('honoured');
      expect(run('initiative', state, bare(e, { accountBy: ACCOUNT_BY }), frame)).toBe('honoured');
      expect(run('initiative', state, bare(e, { accountBy: ACCOUNT_BY, agreementMonths: 12 }), frame)).toBe(
        'INVALID agreementMonths',
      );
      expect(
        run('right_to_challenge', state, bare(e, { agreementMonths: 12, accountBy: ACCOUNT_BY }), frame),
      ).toBe('INVALID accountBy');
      // A missing field is a 400 even when the business rules would refuse too.
      expect(run('right_to_challenge', state, bare(e), null)).toBe('INVALID agreementMonths');
      expect(run('initiative', state, bare(e, { agreementMonths: 12 }), null)).toBe(
        'INVALID accountBy,agreementMonths',
      );
    }
  });

  it('an invalid field refuses the event and lists every problem, without a refusal code', () => {
    const o = applyEvent(
      at('assessed', 'initiative'),
      { type: 'HONOUR', amountCents: REQUESTED, motivation: 'm', agreementMonths: 12 },
      alderman,
      ROOMY,
      AT,
    );
    expect(o).toEqual({
      accepted: false,
      invalidFields: [
        { name: 'accountBy', reason: msg('reason.requiredForCaseType', { caseType: 'initiative' }) },
        { name: 'agreementMonths', reason: msg('reason.notForCaseType', { caseType: 'initiative' }) },
      ],
    });
  });

  it('COUNCIL_HONOUR applies the budget rules but no delegation limit', () => {
    for (const type of CASE_TYPES) {
      expect(run(type, 'awaiting_council', councilHonour(type, REQUESTED), TIGHT)).toBe('honoured');
      expect(run(type, 'awaiting_council', councilHonour(type, REQUESTED), null)).toBe('NO_PROGRAMME');
      expect(run(type, 'awaiting_council', councilHonour(type, REQUESTED), { ...TIGHT, themes: [] })).toBe(
        'THEME_NOT_IN_PROGRAMME',
      );
      expect(run(type, 'awaiting_council', councilHonour(type, REQUESTED + 1), TIGHT)).toBe(
        'AMOUNT_ABOVE_REQUEST',
      );
      expect(
        run(type, 'awaiting_council', councilHonour(type, REQUESTED), { ...TIGHT, availableCents: 1 }),
      ).toBe('BUDGET_EXCEEDED');
    }
  });

  it('REFER_TO_COUNCIL only when the request is above the delegation limit', () => {
    const refer: CaseEventInput = { type: 'REFER_TO_COUNCIL', motivation: 'm' };
    expect(run('initiative', 'assessed', refer, null)).toBe('NO_PROGRAMME');
    expect(run('initiative', 'assessed', refer, ROOMY)).toBe('NOT_ABOVE_DELEGATION_LIMIT');
    expect(run('initiative', 'assessed', refer, { ...ROOMY, delegationLimitCents: REQUESTED })).toBe(
      'NOT_ABOVE_DELEGATION_LIMIT',
    );
    expect(run('initiative', 'assessed', refer, { ...ROOMY, delegationLimitCents: REQUESTED - 1 })).toBe(
      'awaiting_council',
    );
  });

  it('REJECT and every event after the grant need no programme', () => {
    expect(run('initiative', 'assessed', { type: 'REJECT', motivation: 'm' }, null)).toBe('rejected');
    for (const type of CASE_TYPES) {
      for (const state of statesOf(type)) {
        if (['submitted', 'awaiting_info', 'assessed', 'awaiting_council'].includes(state)) continue;
        for (const [event, to] of Object.entries(TABLE[type][state] ?? {})) {
          const o = applyEvent(
            at(state, type),
            validEvent(event as EventType, type),
            senderOf(event as EventType),
            null,
            AT,
          );
          expect({ type, state, event, to: summary(o) }).toEqual({ type, state, event, to });
        }
      }
    }
  });

  it('every refusal detail is one plain sentence without internals', () => {
    const o = applyEvent(
      at('assessed', 'initiative'),
      honour('initiative', REQUESTED),
      alderman,
      {
        ...ROOMY,
        availableCents: 100,
      },
      AT,
    );
    expect(o.accepted).toBe(false);
    if (!o.accepted && 'refusal' in o) {
      for (const lang of LANGUAGES) {
        expect(renderRefusal(o.refusal, lang)).toMatch(/^[A-Z].*\.$/);
        expect(renderRefusal(o.refusal, lang)).not.toMatch(/guard|xstate|context|undefined|null/i);
      }
    } else {
      throw new Error('expected a refusal');
    }
  });

  it('the refusals of the terms are plain sentences too, naming the day or moment', () => {
    const refusals = [
      applyEvent(
        at('awaiting_info', 'initiative'),
        validEvent('NOT_PROCESSED'),
        ACTORS.areaOfficial,
        null,
        AT,
      ),
      applyEvent(
        at('awaiting_info', 'initiative', { respondBy: null }),
        validEvent('NOT_PROCESSED'),
        ACTORS.areaOfficial,
        null,
        LATE,
      ),
      applyEvent(at('assessed', 'initiative'), validEvent('NOTICE_OF_DEFAULT'), ACTORS.initiator, null, AT),
      applyEvent(
        at('assessed', 'initiative', { noticeOfDefaultAt: AT }),
        validEvent('NOTICE_OF_DEFAULT'),
        ACTORS.initiator,
        null,
        LATE,
      ),
      applyEvent(
        at('awaiting_info', 'initiative', { respondBy: null, decisionDueAt: DUE }),
        validEvent('NOTICE_OF_DEFAULT'),
        ACTORS.initiator,
        null,
        LATE,
      ),
    ].map((o) => (!o.accepted && 'refusal' in o ? o.refusal : null));
    expect(refusals.map((r) => r?.code)).toEqual([
      'RESPOND_BY_NOT_PASSED',
      'RESPOND_BY_NOT_PASSED',
      'TERM_NOT_EXPIRED',
      'NOTICE_ALREADY_GIVEN',
      'TERM_NOT_EXPIRED',
    ]);
    for (const r of refusals) {
      for (const lang of LANGUAGES) {
        expect(renderRefusal(r!, lang)).toMatch(/^[A-Z].*\.$/);
        expect(renderRefusal(r!, lang)).not.toMatch(/guard|xstate|context|undefined|null|NaN/i);
      }
    }
    expect(renderRefusal(refusals[0]!, 'nl')).toContain('16 maart 2026');
    expect(refusals[2]!.params).toEqual({ decisionDueAt: DUE });
    expect(renderRefusal(refusals[2]!, 'nl')).toContain('27 april 2026');
  });
});

describe('only the events whose rules read the programme depend on the frame', () => {
  it.each(CASE_TYPES)('%s: every state, event and actor gives the same outcome with any frame', (type) => {
    let compared = 0;
    for (const state of statesOf(type)) {
      for (const event of EVENT_TYPES.filter((e) => !readsFrame(e))) {
        for (const actor of Object.values(ACTORS)) {
          const outcomes = [ROOMY, TIGHT, null].map((f) =>
            summary(applyEvent(at(state, type), validEvent(event, type), actor, f, AT)),
          );
          expect({ state, event, actor: actor.id, outcomes }).toEqual({
            state,
            event,
            actor: actor.id,
            outcomes: [outcomes[0], outcomes[0], outcomes[0]],
          });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });
});

describe('the decision term is machine data', () => {
  const fresh = () =>
    initialCase({
      type: 'initiative',
      areaCode: 'west',
      theme: 'green',
      initiatorId: 'res-1',
      requestedAmountCents: REQUESTED,
      submittedAt: '2026-03-02T09:00:00.000Z',
    });
  const step = (p: PersistedCase, event: CaseEventInput, actor: ActorRef, at: string) => {
    const o = applyEvent(p, event, actor, null, at);
    if (!o.accepted) throw new Error(summary(o));
    return o.snapshot;
  };

  it('runs eight weeks from submission', () => {
    expect(fresh().context).toMatchObject({
      decisionDueAt: '2026-04-27T09:00:00.000Z',
      termSuspendedSince: null,
    });
  });

  it('stands still from the request for information until the answer, across a month end', () => {
    const asked = step(fresh(), validEvent('REQUEST_INFO'), ACTORS.areaOfficial, '2026-03-30T12:00:00.000Z');
    // No respondBy given: two weeks, to the end of 13 April in Amsterdam (22:00 UTC, summer
    // time). The term is moved on at once by the whole of that: 14 days and 10 hours.
    expect(asked.context).toMatchObject({
      decisionDueAt: '2026-05-11T19:00:00.000Z',
      termSuspendedSince: '2026-03-30T12:00:00.000Z',
      respondBy: '2026-04-13',
    });
    const answered = step(asked, validEvent('SUPPLY_INFO'), ACTORS.initiator, '2026-04-02T12:00:00.000Z');
    // Three days of suspension move the term three days on; the rest comes back.
    expect(answered.context).toMatchObject({
      decisionDueAt: '2026-04-30T09:00:00.000Z',
      termSuspendedSince: null,
      respondBy: null,
    });
    const assessed = step(answered, validEvent('ASSESS'), ACTORS.areaOfficial, '2026-04-03T12:00:00.000Z');
    expect(assessed.context.decisionDueAt).toBe('2026-04-30T09:00:00.000Z');
  });
});

describe('a case walked end to end', () => {
  type Step = [CaseEventInput, ActorRef, Frame | null, CaseState];
  const submitted = (type: CaseType) =>
    initialCase({
      type,
      areaCode: 'west',
      theme: 'green',
      initiatorId: 'res-1',
      requestedAmountCents: REQUESTED,
      submittedAt: AT,
    });
  const upToTheGrant = (type: CaseType): Step[] => [
    [validEvent('REQUEST_INFO'), ACTORS.areaOfficial, null, 'awaiting_info'],
    [validEvent('SUPPLY_INFO'), ACTORS.initiator, null, 'submitted'],
    [validEvent('ASSESS'), ACTORS.areaOfficial, null, 'assessed'],
    [validEvent('REFER_TO_COUNCIL'), ACTORS.areaAlderman, TIGHT, 'awaiting_council'],
    [
      {
        type: 'COUNCIL_HONOUR',
        amountCents: GRANT,
        motivation: 'm',
        conditions: 'Vermeld de gemeente op de flyer.',
        ...(type === 'initiative' ? { accountBy: ACCOUNT_BY } : { agreementMonths: 36 }),
      },
      ACTORS.clerk,
      TIGHT,
      'honoured',
    ],
  ];
  const walk = (p: PersistedCase, steps: Step[]): PersistedCase => {
    for (const [event, actor, frame, to] of steps) {
      // Every step goes through JSON, as it would through the database.
      const o = applyEvent(JSON.parse(JSON.stringify(p)) as PersistedCase, event, actor, frame, AT);
      if (!o.accepted) throw new Error(`${event.type} refused: ${summary(o)}`);
      expect(o.toState).toBe(to);
      expect(o.facts).toEqual(o.snapshot.context);
      p = o.snapshot;
    }
    return p;
  };

  it.each(CASE_TYPES)('%s: starts submitted with the given facts and nothing after them', (type) => {
    expect(submitted(type)).toEqual({
      machineVersion: MACHINE_VERSION,
      value: 'submitted',
      context: facts(type),
    });
  });

  it('initiative: submit, ask, answer, assess, refer, council grants, account, review, settle, report', () => {
    const p = walk(submitted('initiative'), [
      ...upToTheGrant('initiative'),
      [validEvent('SUBMIT_ACCOUNT'), ACTORS.initiator, null, 'accounted'],
      [
        { type: 'REVIEW_ACCOUNT', advisedCents: 38_000, motivation: 'Bon ontbreekt.' },
        ACTORS.areaOfficial,
        null,
        'account_reviewed',
      ],
      [
        { type: 'SETTLE', settledCents: 39_000, motivation: 'Vastgesteld.' },
        ACTORS.areaAlderman,
        null,
        'settled',
      ],
      [validEvent('REPORT'), ACTORS.otherAlderman, null, 'reported_to_raad'],
    ]);
    expect(p.context).toEqual(
      facts('initiative', {
        assessedBy: 'off-1',
        honouredAmountCents: GRANT,
        accountBy: ACCOUNT_BY,
        conditions: 'Vermeld de gemeente op de flyer.',
        account: { report: 'Het feest is gehouden.', actualCostCents: SPENT, submittedAt: AT },
        accountReview: { advisedCents: 38_000, motivation: 'Bon ontbreekt.' },
        reviewedBy: 'off-1',
        settledAmountCents: 39_000,
        releasedAmountCents: GRANT - 39_000,
        committedCents: 39_000,
        // Granted by the council at AT; the settlement is not the decision on the application.
        decidedAt: AT,
      }),
    );
  });

  it('right_to_challenge: … council grants, agreement signed, reviewed, extended, evaluated, report', () => {
    const p = walk(submitted('right_to_challenge'), [
      ...upToTheGrant('right_to_challenge'),
      [validEvent('SIGN_AGREEMENT'), ACTORS.areaAlderman, null, 'in_execution'],
      [validEvent('PROGRESS_REVIEW'), ACTORS.areaOfficial, null, 'in_execution'],
      [validEvent('EXTEND_AGREEMENT'), ACTORS.areaAlderman, null, 'in_execution'],
      [validEvent('PROGRESS_REVIEW'), ACTORS.areaOfficial, null, 'in_execution'],
      [validEvent('EVALUATE'), ACTORS.areaAlderman, null, 'evaluated'],
      [validEvent('REPORT'), ACTORS.otherAlderman, null, 'reported_to_raad'],
    ]);
    expect(p.context).toEqual(
      facts('right_to_challenge', {
        assessedBy: 'off-1',
        honouredAmountCents: GRANT,
        agreementMonths: 36,
        conditions: 'Vermeld de gemeente op de flyer.',
        agreement: { ...AGREEMENT, endsOn: '2028-04-01' },
        committedCents: GRANT,
        decidedAt: AT,
      }),
    );
  });

  it('right_to_challenge: terminated early, part of the grant goes back', () => {
    const p = walk(submitted('right_to_challenge'), [
      ...upToTheGrant('right_to_challenge'),
      [validEvent('SIGN_AGREEMENT'), ACTORS.areaAlderman, null, 'in_execution'],
      [{ type: 'TERMINATE', reason: 'r', releasedCents: 15_000 }, ACTORS.areaAlderman, null, 'terminated'],
      [validEvent('REPORT'), ACTORS.otherAlderman, null, 'reported_to_raad'],
    ]);
    expect(p.context).toMatchObject({
      honouredAmountCents: GRANT,
      releasedAmountCents: 15_000,
      committedCents: 30_000,
    });
  });

  it.each(CASE_TYPES)('%s: withdrawn after the grant, everything goes back', (type) => {
    const p = walk(submitted(type), [
      ...upToTheGrant(type),
      [validEvent('WITHDRAW'), ACTORS.initiator, null, 'withdrawn'],
    ]);
    expect(p.context).toMatchObject({
      honouredAmountCents: GRANT,
      releasedAmountCents: GRANT,
      committedCents: 0,
    });
  });

  it('does not mutate the snapshot it was given', () => {
    for (const type of CASE_TYPES) {
      for (const state of statesOf(type)) {
        for (const event of EVENT_TYPES) {
          const p = at(state, type);
          const copy = structuredClone(p);
          const e = validEvent(event, type);
          const eventCopy = structuredClone(e);
          applyEvent(p, e, ACTORS.areaAlderman, ROOMY, AT);
          applyEvent(p, e, ACTORS.areaOfficial, ROOMY, AT);
          applyEvent(p, e, ACTORS.initiator, ROOMY, AT);
          expect(p).toEqual(copy);
          expect(e).toEqual(eventCopy);
        }
      }
    }
  });

  it('keeps no reference to the arrays of the event in the context', () => {
    const e = validEvent('SIGN_AGREEMENT', 'right_to_challenge') as Extract<
      CaseEventInput,
      { type: 'SIGN_AGREEMENT' }
    >;
    const o = applyEvent(at('honoured', 'right_to_challenge'), e, ACTORS.areaAlderman, null, AT);
    if (!o.accepted) throw new Error(summary(o));
    e.deliverables.push('nog iets');
    e.indicators[0].target = 99;
    expect(o.snapshot.context.agreement).toEqual(AGREEMENT);
  });
});

describe('PersistedCase', () => {
  it('round-trips through JSON unchanged and stays usable', () => {
    const p = initialCase({
      type: 'right_to_challenge',
      areaCode: 'west',
      theme: 'green',
      initiatorId: 'res-1',
      requestedAmountCents: REQUESTED,
      submittedAt: AT,
    });
    const o = applyEvent(p, validEvent('ASSESS'), ACTORS.areaOfficial, null, AT);
    if (!o.accepted) throw new Error('refused');
    const json = JSON.stringify(o.snapshot);
    const back = JSON.parse(json) as PersistedCase;
    expect(back).toEqual(o.snapshot);
    expect(JSON.stringify(back)).toBe(json);
    expect(availableEvents(back, ACTORS.areaAlderman, ROOMY)).toEqual(['HONOUR', 'REJECT', 'EXTEND_TERM']);
  });

  it('every fixture state round-trips through JSON unchanged', () => {
    for (const type of CASE_TYPES) {
      for (const state of statesOf(type)) {
        const p = at(state, type);
        expect(JSON.parse(JSON.stringify(p))).toEqual(p);
      }
    }
  });

  it('keeps only the known facts from initialCase input', () => {
    const input = {
      type: 'initiative' as const,
      areaCode: 'west',
      theme: 'green',
      initiatorId: 'res-1',
      requestedAmountCents: 1,
      submittedAt: AT,
      title: 'not a fact',
    };
    expect(Object.keys(initialCase(input).context).sort()).toEqual(Object.keys(facts('initiative')).sort());
  });
});

describe('migrateSnapshot', () => {
  const p = at('assessed', 'initiative');
  it('is the identity for the current version', () => {
    for (const type of CASE_TYPES) {
      for (const state of statesOf(type)) {
        const current = at(state, type);
        expect(migrateSnapshot(current)).toEqual(current);
      }
    }
  });
  it('throws on an unknown future or past version', () => {
    expect(() => migrateSnapshot({ ...p, machineVersion: MACHINE_VERSION + 1 })).toThrow(/version/);
    expect(() => migrateSnapshot({ ...p, machineVersion: 0 })).toThrow(/version/);
    expect(() =>
      applyEvent({ ...p, machineVersion: 99 }, validEvent('REJECT'), ACTORS.areaAlderman, null, AT),
    ).toThrow();
  });
  it('asks for the database migrations on a version 1 snapshot', () => {
    expect(() => migrateSnapshot({ ...p, machineVersion: 1 })).toThrow(/database migrations/);
  });
  it('throws on a state or type it does not know', () => {
    expect(() => migrateSnapshot({ ...p, value: 'lost' as CaseState })).toThrow();
    expect(() => migrateSnapshot({ ...p, context: { ...p.context, type: 'x' as CaseType } })).toThrow();
  });
  it('throws on a state its case type does not have', () => {
    for (const type of CASE_TYPES) {
      for (const state of CASE_STATES.filter((s) => !hasState(type, s))) {
        expect(() => migrateSnapshot(at(state, type))).toThrow(/state/);
        expect(() => availableEvents(at(state, type), ACTORS.areaAlderman, ROOMY)).toThrow(/state/);
      }
    }
  });

  describe('from version 2', () => {
    /** The states of machine version 2 (the same for both case types). */
    const V2_STATES: CaseState[] = [
      'submitted',
      'awaiting_info',
      'assessed',
      'awaiting_council',
      'honoured',
      'rejected',
      'withdrawn',
      'reported_to_raad',
    ];
    /** A version 2 snapshot, its context written out as version 2 stored it. */
    const v2 = (type: CaseType, state: CaseState, grantedCents: number | null): PersistedCase =>
      ({
        machineVersion: 2,
        value: state,
        context: {
          type,
          areaCode: 'west',
          theme: 'green',
          initiatorId: 'res-1',
          requestedAmountCents: REQUESTED,
          assessedBy: state === 'submitted' || state === 'awaiting_info' ? null : 'off-1',
          honouredAmountCents: grantedCents,
          agreementMonths: grantedCents !== null && type === 'right_to_challenge' ? 24 : null,
          decisionDueAt: '2026-04-27T09:00:00.000Z',
          termSuspendedSince: state === 'awaiting_info' ? AT : null,
        },
      }) as unknown as PersistedCase;
    /** Each version 2 state with the amount granted in it (reported_to_raad: after a grant or a refusal). */
    const V2_CASES: [CaseState, number | null][] = [
      ...V2_STATES.map((s): [CaseState, number | null] => [
        s,
        s === 'honoured' || s === 'reported_to_raad' ? GRANT : null,
      ]),
      ['reported_to_raad', null],
    ];

    it.each(CASE_TYPES.flatMap((t) => V2_CASES.map(([s, g]) => [t, s, g] as const)))(
      '%s in %s (granted %s) keeps its state and facts and gains empty ones, the grant committed in full',
      (type, state, grantedCents) => {
        const old = v2(type, state, grantedCents);
        const copy = structuredClone(old);
        const migrated = migrateSnapshot(old);
        // Through version 3 to version 4, which adds the hersteltermijn, the notice and the moment
        // of the decision, and version 5, which adds the terms (the law's) and their extension.
        expect(migrated).toEqual({
          machineVersion: MACHINE_VERSION,
          value: state,
          context: {
            ...old.context,
            terms: LEGAL_TERMS[type],
            termExtended: false,
            respondBy: null,
            noticeOfDefaultAt: null,
            decidedAt: null,
            accountBy: null,
            conditions: null,
            account: null,
            accountReview: null,
            reviewedBy: null,
            settledAmountCents: null,
            releasedAmountCents: null,
            committedCents: grantedCents ?? 0,
            agreement: null,
          },
        });
        expect(Object.keys(migrated.context).sort()).toEqual(Object.keys(facts(type)).sort());
        expect(old).toEqual(copy);
        // Migrating twice changes nothing.
        expect(migrateSnapshot(migrated)).toEqual(migrated);
      },
    );

    it.each(CASE_TYPES)('%s: a version 2 grant goes on under version 4', (type) => {
      const old = v2(type, 'honoured', GRANT);
      const next = type === 'initiative' ? 'SUBMIT_ACCOUNT' : 'SIGN_AGREEMENT';
      expect(availableEvents(old, ACTORS.initiator, ROOMY)).toEqual(
        type === 'initiative' ? ['WITHDRAW', 'SUBMIT_ACCOUNT'] : ['WITHDRAW'],
      );
      expect(availableEvents(old, ACTORS.areaAlderman, ROOMY)).toEqual(
        type === 'initiative' ? ['REVOKE'] : ['REVOKE', 'SIGN_AGREEMENT'],
      );
      const actor = type === 'initiative' ? ACTORS.initiator : ACTORS.areaAlderman;
      expect(summary(applyEvent(old, validEvent(next, type), actor, null, AT))).toBe(
        type === 'initiative' ? 'accounted' : 'in_execution',
      );
      // Revoked, the whole grant goes back to the programme.
      const revoked = applyEvent(old, validEvent('REVOKE', type), ACTORS.areaAlderman, null, AT);
      expect(revoked).toMatchObject({
        accepted: true,
        toState: 'revoked',
        facts: { committedCents: 0, releasedAmountCents: GRANT, honouredAmountCents: GRANT },
      });
    });

    it.each(CASE_TYPES)(
      '%s: a version 2 reported_to_raad stays closed, a rejection is still reportable',
      (type) => {
        for (const actor of Object.values(ACTORS)) {
          expect(availableEvents(v2(type, 'reported_to_raad', GRANT), actor, ROOMY)).toEqual([]);
          for (const e of EVENT_TYPES) {
            expect(
              summary(applyEvent(v2(type, 'reported_to_raad', GRANT), validEvent(e, type), actor, ROOMY, AT)),
            ).toBe('STATE');
          }
        }
        expect(
          summary(
            applyEvent(v2(type, 'rejected', null), validEvent('REPORT'), ACTORS.areaAlderman, null, AT),
          ),
        ).toBe('reported_to_raad');
        // A version 2 honoured case is no longer reportable: it is closed by its settlement or evaluation.
        expect(
          summary(
            applyEvent(v2(type, 'honoured', GRANT), validEvent('REPORT'), ACTORS.areaAlderman, null, AT),
          ),
        ).toBe('STATE');
      },
    );
  });

  describe('from version 3', () => {
    /** A version 3 snapshot: the fixture's facts without what versions 4 and 5 added. */
    const v3 = (type: CaseType, state: CaseState, overrides: Partial<CaseFacts> = {}): PersistedCase => {
      const {
        respondBy: _respondBy,
        noticeOfDefaultAt: _notice,
        decidedAt: _decidedAt,
        terms: _terms,
        termExtended: _termExtended,
        ...context
      } = at(state, type, {
        // Version 3 moved the term on only when the answer came.
        ...(state === 'awaiting_info' ? { decisionDueAt: DUE } : {}),
        ...overrides,
      }).context;
      return { machineVersion: 3, value: state, context } as unknown as PersistedCase;
    };
    const V3_STATES = (type: CaseType) => statesOf(type).filter((s) => s !== 'not_processed');

    it.each(CASE_TYPES.flatMap((t) => V3_STATES(t).map((s) => [t, s] as const)))(
      '%s in %s keeps its state and facts and gains no respondBy, no notice and no moment of decision',
      (type, state) => {
        const old = v3(type, state);
        const copy = structuredClone(old);
        const migrated = migrateSnapshot(old);
        expect(migrated).toEqual({
          machineVersion: MACHINE_VERSION,
          value: state,
          context: {
            ...old.context,
            respondBy: null,
            noticeOfDefaultAt: null,
            decidedAt: null,
            terms: LEGAL_TERMS[type],
            termExtended: false,
          },
        });
        expect(Object.keys(migrated.context).sort()).toEqual(Object.keys(facts(type)).sort());
        expect(old).toEqual(copy);
        expect(migrateSnapshot(migrated)).toEqual(migrated);
      },
    );

    it.each(CASE_TYPES)(
      '%s: a suspension begun under version 3 lasts until the answer, however late, and cannot end in NOT_PROCESSED',
      (type) => {
        const old = v3(type, 'awaiting_info');
        // Asked at AT (2 March), answered on 1 June: 91 days on, past any respondBy there could have been.
        const answered = applyEvent(old, validEvent('SUPPLY_INFO'), ACTORS.initiator, null, LATE);
        expect(answered).toMatchObject({
          accepted: true,
          toState: 'submitted',
          facts: {
            decisionDueAt: new Date(Date.parse(DUE) + (Date.parse(LATE) - Date.parse(AT))).toISOString(),
            termSuspendedSince: null,
            respondBy: null,
          },
        });
        const setAside = applyEvent(old, validEvent('NOT_PROCESSED'), ACTORS.areaOfficial, null, LATE);
        expect(setAside).toMatchObject({
          accepted: false,
          refusal: { code: 'RESPOND_BY_NOT_PASSED', params: { respondBy: null } },
        });
        expect(atMoment(LATE, () => availableEvents(old, ACTORS.areaOfficial, null))).toEqual([]);
      },
    );

    it.each(CASE_TYPES)(
      '%s: no notice of default while a version 3 suspension lasts, unless the term had passed before it began',
      (type) => {
        const notice = validEvent('NOTICE_OF_DEFAULT');
        // Asked at AT, eight weeks before DUE: the term stands still until the answer, so on 1 June
        // it has not passed, although DUE has.
        const waiting = v3(type, 'awaiting_info');
        expect(summary(applyEvent(waiting, notice, ACTORS.initiator, null, LATE))).toBe('TERM_NOT_EXPIRED');
        expect(atMoment(LATE, () => availableEvents(waiting, ACTORS.initiator, null))).toEqual([
          'SUPPLY_INFO',
          'WITHDRAW',
        ]);
        // Answered on 1 June: the 91 days come on top of DUE, and the term runs again from there.
        const answered = applyEvent(waiting, validEvent('SUPPLY_INFO'), ACTORS.initiator, null, LATE);
        if (!answered.accepted) throw new Error(summary(answered));
        const due = answered.facts.decisionDueAt;
        expect(summary(applyEvent(answered.snapshot, notice, ACTORS.initiator, null, due))).toBe(
          'TERM_NOT_EXPIRED',
        );
        const afterDue = new Date(Date.parse(due) + 60_000).toISOString();
        expect(summary(applyEvent(answered.snapshot, notice, ACTORS.initiator, null, afterDue))).toBe(
          'submitted',
        );
        // Asked only after the term had passed: the request suspended nothing that still ran.
        const askedLate = v3(type, 'awaiting_info', { termSuspendedSince: '2026-05-01T08:00:00.000Z' });
        expect(summary(applyEvent(askedLate, notice, ACTORS.initiator, null, LATE))).toBe('awaiting_info');
        expect(
          summary(applyEvent(askedLate, notice, ACTORS.initiator, null, '2026-05-01T08:00:00.000Z')),
        ).toBe('awaiting_info');
      },
    );

    it.each(CASE_TYPES)('%s: notice of default on a version 3 case once its term has passed', (type) => {
      const old = v3(type, 'assessed');
      const notice = validEvent('NOTICE_OF_DEFAULT');
      expect(summary(applyEvent(old, notice, ACTORS.initiator, null, DUE))).toBe('TERM_NOT_EXPIRED');
      const given = applyEvent(old, notice, ACTORS.initiator, null, LATE);
      expect(given).toMatchObject({
        accepted: true,
        toState: 'assessed',
        facts: { noticeOfDefaultAt: LATE },
      });
    });
  });
});

describe('availableEvents', () => {
  const ev = (
    state: CaseState,
    actor: ActorRef,
    frame: Frame | null,
    type: CaseType = 'initiative',
    o: Partial<CaseFacts> = {},
  ) => availableEvents(at(state, type, o), actor, frame);

  it('lists what the actor may do now and that would be accepted', () => {
    expect(ev('submitted', ACTORS.initiator, ROOMY)).toEqual(['WITHDRAW']);
    expect(ev('submitted', ACTORS.areaOfficial, ROOMY)).toEqual(['REQUEST_INFO', 'ASSESS', 'EXTEND_TERM']);
    expect(ev('submitted', ACTORS.otherOfficial, ROOMY)).toEqual([]);
    expect(ev('awaiting_info', ACTORS.initiator, ROOMY)).toEqual(['SUPPLY_INFO', 'WITHDRAW']);
    expect(ev('assessed', ACTORS.initiator, ROOMY)).toEqual(['WITHDRAW']);
    expect(ev('assessed', ACTORS.areaAlderman, ROOMY)).toEqual(['HONOUR', 'REJECT', 'EXTEND_TERM']);
    expect(ev('assessed', ACTORS.areaAlderman, TIGHT)).toEqual(['REJECT', 'REFER_TO_COUNCIL', 'EXTEND_TERM']);
    expect(ev('assessed', ACTORS.areaAlderman, null)).toEqual(['REJECT', 'EXTEND_TERM']);
    // Four eyes bars whoever assessed from deciding, not from extending the term.
    expect(ev('assessed', ACTORS.assessor, ROOMY)).toEqual(['EXTEND_TERM']);
    expect(ev('awaiting_council', ACTORS.clerk, TIGHT)).toEqual(['COUNCIL_HONOUR', 'COUNCIL_REJECT']);
    expect(ev('awaiting_council', ACTORS.clerk, null)).toEqual(['COUNCIL_REJECT']);
    // A raadslid alone is not the raad: reads the case, decides nothing.
    expect(ev('awaiting_council', ACTORS.council, TIGHT)).toEqual([]);
  });

  it('offers NOT_PROCESSED and NOTICE_OF_DEFAULT only once their day has come, by the clock', () => {
    const late = (...args: Parameters<typeof ev>) => atMoment(LATE, () => ev(...args));
    // At AT the terms run: as above; the decision term can still be extended.
    expect(ev('awaiting_info', ACTORS.areaOfficial, ROOMY)).toEqual(['EXTEND_TERM']);
    expect(late('submitted', ACTORS.initiator, ROOMY)).toEqual(['WITHDRAW', 'NOTICE_OF_DEFAULT']);
    expect(late('submitted', ACTORS.areaOfficial, ROOMY)).toEqual(['REQUEST_INFO', 'ASSESS']);
    expect(late('awaiting_info', ACTORS.initiator, ROOMY)).toEqual([
      'SUPPLY_INFO',
      'WITHDRAW',
      'NOTICE_OF_DEFAULT',
    ]);
    expect(late('awaiting_info', ACTORS.areaOfficial, ROOMY)).toEqual(['NOT_PROCESSED']);
    expect(late('awaiting_info', ACTORS.otherOfficial, ROOMY)).toEqual([]);
    expect(late('assessed', ACTORS.initiator, ROOMY)).toEqual(['WITHDRAW', 'NOTICE_OF_DEFAULT']);
    expect(late('awaiting_council', ACTORS.initiator, TIGHT)).toEqual(['NOTICE_OF_DEFAULT']);
    // Once.
    const given = { noticeOfDefaultAt: '2026-05-01T08:00:00.000Z' };
    expect(late('assessed', ACTORS.initiator, ROOMY, 'initiative', given)).toEqual(['WITHDRAW']);
    // The initiator who works for the municipality may hold it to its term; not set their own case aside.
    expect(late('assessed', ACTORS.selfAlderman, ROOMY)).toEqual(['WITHDRAW', 'NOTICE_OF_DEFAULT']);
    expect(late('awaiting_info', ACTORS.selfOfficial, ROOMY)).toEqual([
      'SUPPLY_INFO',
      'WITHDRAW',
      'NOTICE_OF_DEFAULT',
    ]);
    // Extended once, the term cannot be extended again.
    expect(ev('assessed', ACTORS.areaAlderman, ROOMY, 'initiative', { termExtended: true })).toEqual([
      'HONOUR',
      'REJECT',
    ]);
    // Nothing on a decided case, late or not.
    expect(late('honoured', ACTORS.initiator, null)).toEqual(['WITHDRAW', 'SUBMIT_ACCOUNT']);
    expect(late('not_processed', ACTORS.initiator, null)).toEqual([]);
  });

  it('lists the events after an initiative grant', () => {
    expect(ev('honoured', ACTORS.initiator, null)).toEqual(['WITHDRAW', 'SUBMIT_ACCOUNT']);
    expect(ev('honoured', ACTORS.areaAlderman, null)).toEqual(['REVOKE']);
    expect(ev('honoured', ACTORS.areaOfficial, null)).toEqual([]);
    expect(ev('accounted', ACTORS.initiator, null)).toEqual([]);
    expect(ev('accounted', ACTORS.areaOfficial, null)).toEqual(['REVIEW_ACCOUNT']);
    expect(ev('accounted', ACTORS.areaAlderman, null)).toEqual(['REVOKE']);
    expect(ev('account_reviewed', ACTORS.areaAlderman, null)).toEqual(['SETTLE', 'REVOKE']);
    // Whoever reviewed the account may not settle it (four eyes), but may revoke the grant.
    expect(ev('account_reviewed', ACTORS.reviewer, null)).toEqual(['REVOKE']);
    expect(ev('account_reviewed', ACTORS.assessor, null)).toEqual(['SETTLE', 'REVOKE']);
    expect(ev('account_reviewed', ACTORS.otherAlderman, null)).toEqual([]);
  });

  it('lists the events after a Right to Challenge grant', () => {
    const rtc = 'right_to_challenge';
    expect(ev('honoured', ACTORS.initiator, null, rtc)).toEqual(['WITHDRAW']);
    expect(ev('honoured', ACTORS.areaAlderman, null, rtc)).toEqual(['REVOKE', 'SIGN_AGREEMENT']);
    expect(ev('in_execution', ACTORS.initiator, null, rtc)).toEqual([]);
    expect(ev('in_execution', ACTORS.areaOfficial, null, rtc)).toEqual(['PROGRESS_REVIEW']);
    expect(ev('in_execution', ACTORS.areaAlderman, null, rtc)).toEqual([
      'REVOKE',
      'EXTEND_AGREEMENT',
      'EVALUATE',
      'TERMINATE',
    ]);
    expect(ev('in_execution', ACTORS.assessor, null, rtc)).toEqual([
      'REVOKE',
      'PROGRESS_REVIEW',
      'EXTEND_AGREEMENT',
      'EVALUATE',
      'TERMINATE',
    ]);
  });

  it('offers nothing on a closed case: the report moves it, never a person', () => {
    for (const type of CASE_TYPES) {
      for (const state of [
        'rejected',
        'not_processed',
        'revoked',
        'withdrawn',
        'reported_to_raad',
        'settled',
        'evaluated',
        'terminated',
      ] as CaseState[]) {
        if (!hasState(type, state)) continue;
        for (const actor of Object.values(ACTORS)) expect(ev(state, actor, ROOMY, type)).toEqual([]);
      }
    }
  });

  it('offers an initiator who works for the municipality only their own events on their own case', () => {
    expect(ev('submitted', ACTORS.selfOfficial, ROOMY)).toEqual(['WITHDRAW']);
    expect(ev('awaiting_info', ACTORS.selfOfficial, ROOMY)).toEqual(['SUPPLY_INFO', 'WITHDRAW']);
    expect(ev('assessed', ACTORS.selfAlderman, ROOMY)).toEqual(['WITHDRAW']);
    expect(ev('assessed', ACTORS.selfAlderman, TIGHT)).toEqual(['WITHDRAW']);
    expect(ev('awaiting_council', ACTORS.selfClerk, TIGHT)).toEqual([]);
    expect(ev('awaiting_council', ACTORS.selfCouncil, TIGHT)).toEqual([]);
    expect(ev('honoured', ACTORS.selfAlderman, ROOMY)).toEqual(['WITHDRAW', 'SUBMIT_ACCOUNT']);
    expect(ev('accounted', ACTORS.selfOfficial, ROOMY)).toEqual([]);
    expect(ev('in_execution', ACTORS.selfAlderman, ROOMY, 'right_to_challenge')).toEqual([]);
    // On someone else's case they act as usual.
    const other = { initiatorId: 'res-2' };
    expect(ev('assessed', ACTORS.selfAlderman, ROOMY, 'initiative', other)).toEqual([
      'HONOUR',
      'REJECT',
      'EXTEND_TERM',
    ]);
    expect(ev('awaiting_council', ACTORS.selfClerk, TIGHT, 'initiative', other)).toEqual([
      'COUNCIL_HONOUR',
      'COUNCIL_REJECT',
    ]);
    expect(ev('accounted', ACTORS.selfOfficial, ROOMY, 'initiative', other)).toEqual(['REVIEW_ACCOUNT']);
  });

  it('probes right_to_challenge honouring with an agreement term', () => {
    expect(ev('assessed', ACTORS.areaAlderman, ROOMY, 'right_to_challenge')).toEqual([
      'HONOUR',
      'REJECT',
      'EXTEND_TERM',
    ]);
  });

  it('never lists REPORT, which is internal', () => {
    for (const type of CASE_TYPES) {
      for (const state of statesOf(type)) {
        for (const actor of Object.values(ACTORS)) {
          const events = ev(state, actor, ROOMY, type);
          expect(events).not.toContain('REPORT');
          for (const e of events) expect(CLIENT_EVENT_TYPES).toContain(e);
        }
      }
    }
  });

  it('lists exactly the events the fixtures would have accepted, for every state, actor, frame and moment', () => {
    const offered = new Set<EventType>();
    for (const moment of MOMENTS) {
      for (const type of CASE_TYPES) {
        for (const state of statesOf(type)) {
          for (const actor of Object.values(ACTORS)) {
            for (const frame of [ROOMY, TIGHT, null]) {
              const accepted = CLIENT_EVENT_TYPES.filter(
                (e) => applyEvent(at(state, type), validEvent(e, type), actor, frame, moment).accepted,
              );
              const events = atMoment(moment, () => ev(state, actor, frame, type));
              expect({ moment, type, state, actor: actor.id, events }).toEqual({
                moment,
                type,
                state,
                actor: actor.id,
                events: accepted,
              });
              for (const e of events) offered.add(e);
            }
          }
        }
      }
    }
    // Every client event was offered somewhere, so none was compared only when refused.
    expect([...offered].sort()).toEqual([...CLIENT_EVENT_TYPES].sort());
  });
});

describe('blockedEvents', () => {
  const ROLES_OF: Record<Who, ActorRef['roles']> = {
    initiator: ['resident'],
    areaOfficial: ['official'],
    areaAlderman: ['alderman'],
    areaOfficialOrAlderman: ['official', 'alderman'],
    anyAlderman: ['alderman'],
    clerk: ['clerk'],
  };

  it('with availableEvents, splits the events of the state the actor holds the role for, the refusal as applyEvent gives it', () => {
    const codes = new Set<string>();
    for (const moment of MOMENTS) {
      for (const type of CASE_TYPES) {
        for (const state of statesOf(type)) {
          for (const actor of Object.values(ACTORS)) {
            for (const frame of [ROOMY, TIGHT, null]) {
              const where = { moment, type, state, actor: actor.id };
              const withRole = CLIENT_EVENT_TYPES.filter(
                (e) =>
                  TABLE[type][state]?.[e] !== undefined &&
                  ROLES_OF[WHO[e]].some((r) => actor.roles.includes(r)),
              );
              const available = atMoment(moment, () => availableEvents(at(state, type), actor, frame));
              const blocked = atMoment(moment, () => blockedEvents(at(state, type), actor, frame));
              expect({ ...where, events: [...available, ...blocked.map((b) => b.type)].sort() }).toEqual({
                ...where,
                events: [...withRole].sort(),
              });
              for (const b of blocked) {
                const o = applyEvent(at(state, type), validEvent(b.type, type), actor, frame, moment);
                expect({ ...where, event: b.type, code: b.violation.code }).toEqual({
                  ...where,
                  event: b.type,
                  code: summary(o),
                });
                expect(renderRefusal(b.violation, 'nl')).toMatch(/^[A-Z].*\.$/);
                codes.add(b.violation.code);
              }
            }
          }
        }
      }
    }
    // The refusals a screen must explain all came up, the terms' among them.
    for (const code of [
      'ROLE',
      'CONFLICT_OF_INTEREST',
      'FOUR_EYES',
      'NO_PROGRAMME',
      'ABOVE_DELEGATION_LIMIT',
      'NOT_ABOVE_DELEGATION_LIMIT',
      'RESPOND_BY_NOT_PASSED',
      'TERM_NOT_EXPIRED',
    ]) {
      expect(codes).toContain(code);
    }
  });
});

describe('refusalOf agrees with the machine', () => {
  // availableEvents asks refusalOf only, without running the machine: for every case type,
  // state, actor, frame and event, the checks must accept exactly what the guards accept.
  // Who may send an event is not the machine's business (EVENT_PERMISSIONS): combinations
  // refused for the role, a conflict of interest or four eyes are left out.
  const frames: [string, Frame | null][] = [
    ['roomy', ROOMY],
    ['tight', TIGHT],
    ['none', null],
  ];
  it.each(CASE_TYPES)('%s, before and after the terms have passed', (type) => {
    let compared = 0;
    let accepted = 0;
    const acceptedEvents = new Set<EventType>();
    for (const state of statesOf(type)) {
      const current = at(state, type);
      for (const actor of Object.values(ACTORS)) {
        for (const [, frame] of frames) {
          for (const e of EVENT_TYPES) {
            for (const moment of MOMENTS) {
              const event = validEvent(e, type);
              // As availableEvents asks it: without a moment, so by the clock.
              const refusal = atMoment(moment, () => refusalOf(current, event, actor, frame));
              if (
                refusal &&
                !refusal.accepted &&
                'refusal' in refusal &&
                ['ROLE', 'CONFLICT_OF_INTEREST', 'FOUR_EYES'].includes(refusal.refusal.code)
              )
                continue;
              const checks = refusal === null;
              expect({ state, actor: actor.id, e, frame, moment, checks }).toEqual({
                state,
                actor: actor.id,
                e,
                frame,
                moment,
                checks: machineAccepts(current, event, actor, frame, moment),
              });
              // Given the moment, refusalOf says the same.
              expect(refusalOf(current, event, actor, frame, moment)).toEqual(refusal);
              compared++;
              if (checks) {
                accepted++;
                acceptedEvents.add(e);
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(accepted).toBeGreaterThan(40);
    // Every event the case type handles was accepted somewhere, so none was compared only when refused.
    expect([...acceptedEvents].sort()).toEqual(describeWorkflow(type).events.slice().sort());
  });
});

describe('describeWorkflow', () => {
  it.each(CASE_TYPES)('%s describes the machine', (type) => {
    const d = describeWorkflow(type);
    expect(d.type).toBe(type);
    expect(d.initial).toBe('submitted');
    expect([...d.states].sort()).toEqual(statesOf(type).sort());
    expect(d.stateDetails.map((s) => s.name)).toEqual(d.states);
    const handled = new Set(Object.values(TABLE[type]).flatMap((t) => Object.keys(t ?? {})));
    expect(d.events).toEqual(EVENT_TYPES.filter((e) => handled.has(e)));
    expect(d.eventDetails.map((e) => e.type)).toEqual(d.events);
    for (const detail of d.eventDetails) {
      expect(detail.roles).toEqual(detail.type === 'REPORT' ? [] : [...EVENT_PERMISSIONS[detail.type].roles]);
      expect(detail.label).toMatch(/^[A-Z]/);
    }
  });

  it('keeps the events of one case type out of the other', () => {
    const initiative = describeWorkflow('initiative').events;
    const challenge = describeWorkflow('right_to_challenge').events;
    for (const e of ['SUBMIT_ACCOUNT', 'REVIEW_ACCOUNT', 'SETTLE'] as EventType[]) {
      expect(initiative).toContain(e);
      expect(challenge).not.toContain(e);
    }
    for (const e of [
      'SIGN_AGREEMENT',
      'PROGRESS_REVIEW',
      'EXTEND_AGREEMENT',
      'EVALUATE',
      'TERMINATE',
    ] as EventType[]) {
      expect(challenge).toContain(e);
      expect(initiative).not.toContain(e);
    }
  });
});

describe('assertAllStatesReachable', () => {
  it('passes for the real machines', () => {
    expect(() => assertAllStatesReachable()).not.toThrow();
  });
});
