import { createActor, initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type {
  ActorRef,
  Agreement,
  CaseFacts,
  CaseState,
  Frame,
  MachineEvent,
  NewCaseFacts,
} from './case-types.js';
import { APPLICATION_TYPES, type ApplicationType } from './case-types.js';
import { LEGAL_TERMS } from './case-terms.js';
import { EMPTY_AFTER_SUBMISSION, createCaseMachine, getCaseMachine } from './case.machine.js';

const official: ActorRef = { id: 'off', roles: ['official'], areas: ['west'] };
const reviewer: ActorRef = { id: 'off-2', roles: ['official'], areas: ['west'] };
const alderman: ActorRef = { id: 'ald', roles: ['alderman'], areas: ['west'] };
const council: ActorRef = { id: 'raad', roles: ['council'], areas: [] };
const resident: ActorRef = { id: 'res', roles: ['resident'], areas: [] };
const roomy: Frame = { themes: ['green'], availableCents: 1_000_000, delegationLimitCents: 500_000 };
const tight: Frame = { themes: ['green'], availableCents: 1_000_000, delegationLimitCents: 1_000 };

const AT = '2026-03-03T09:00:00.000Z';
const LATER = '2026-09-15T10:00:00.000Z';
const GRANT = 40_000;

const STATES: Record<ApplicationType, CaseState[]> = {
  initiative: [
    'submitted',
    'awaiting_info',
    'assessed',
    'awaiting_council',
    'honoured',
    'accounted',
    'account_reviewed',
    'settled',
    'rejected',
    'not_processed',
    'revoked',
    'withdrawn',
    'reported_to_raad',
  ],
  right_to_challenge: [
    'submitted',
    'awaiting_info',
    'assessed',
    'awaiting_council',
    'honoured',
    'in_execution',
    'evaluated',
    'terminated',
    'rejected',
    'not_processed',
    'revoked',
    'withdrawn',
    'reported_to_raad',
  ],
};

const AGREEMENT: Agreement = {
  startsOn: '2026-04-01',
  endsOn: '2027-04-01',
  deliverables: ['Speeltuin onderhouden'],
  indicators: [{ name: 'inspecties', unit: 'per maand', target: 4 }],
  fallback: 'De gemeente neemt het onderhoud terug.',
};

/** The context a fresh case of this type starts with. */
const contextOf = (type: ApplicationType) =>
  initialTransition(createCaseMachine(type), facts(type))[0].context;

const facts = (type: ApplicationType): NewCaseFacts => ({
  type,
  areaCode: 'west',
  theme: 'green',
  initiatorId: 'res',
  requestedAmountCents: 50_000,
  submittedAt: '2026-03-02T09:00:00.000Z',
});

/**
 * One valid event of each type, so guards pass and the walk explores the real machine.
 * NOT_PROCESSED and NOTICE_OF_DEFAULT come `late`: after the day given to supply the
 * information and after the decision was due (LATER), or on the day of the request (AT).
 */
function validEvents(frameForRefer: Frame | null, late = LATER): MachineEvent[] {
  return [
    { type: 'REQUEST_INFO', question: 'q', actor: official, frame: roomy, at: AT },
    { type: 'SUPPLY_INFO', answer: 'a', actor: resident, frame: roomy, at: AT },
    { type: 'ASSESS', advice: 'honour', motivation: 'm', actor: official, frame: roomy, at: AT },
    {
      type: 'HONOUR',
      amountCents: 50_000,
      motivation: 'm',
      agreementMonths: 12,
      actor: alderman,
      frame: roomy,
      at: AT,
    },
    { type: 'REJECT', motivation: 'm', actor: alderman, frame: roomy, at: AT },
    { type: 'REFER_TO_COUNCIL', motivation: 'm', actor: alderman, frame: frameForRefer, at: AT },
    {
      type: 'COUNCIL_HONOUR',
      amountCents: 50_000,
      motivation: 'm',
      agreementMonths: 12,
      actor: council,
      frame: tight,
      at: AT,
    },
    { type: 'COUNCIL_REJECT', motivation: 'm', actor: council, frame: roomy, at: AT },
    { type: 'WITHDRAW', actor: resident, frame: roomy, at: AT },
    { type: 'SUBMIT_ACCOUNT', report: 'r', actualCostCents: 30_000, actor: resident, frame: null, at: AT },
    { type: 'REVIEW_ACCOUNT', advisedCents: 30_000, motivation: 'm', actor: reviewer, frame: null, at: AT },
    { type: 'SETTLE', settledCents: 30_000, motivation: 'm', actor: alderman, frame: null, at: AT },
    { type: 'REVOKE', motivation: 'm', actor: alderman, frame: null, at: AT },
    { type: 'SIGN_AGREEMENT', ...AGREEMENT, actor: alderman, frame: null, at: AT },
    { type: 'PROGRESS_REVIEW', findings: 'f', onTrack: true, actor: official, frame: null, at: AT },
    {
      type: 'EXTEND_AGREEMENT',
      newEndsOn: '2028-04-01',
      motivation: 'm',
      actor: alderman,
      frame: null,
      at: AT,
    },
    { type: 'EVALUATE', evaluation: 'e', actor: alderman, frame: null, at: AT },
    { type: 'TERMINATE', reason: 'r', releasedCents: 10_000, actor: alderman, frame: null, at: AT },
    { type: 'NOT_PROCESSED', motivation: 'm', actor: official, frame: null, at: late },
    { type: 'NOTICE_OF_DEFAULT', actor: resident, frame: null, at: late },
    { type: 'REPORT', reportId: 'r', actor: alderman, frame: null, at: AT },
  ];
}

function reachedStates(type: ApplicationType, events: MachineEvent[]): Set<string> {
  const paths = getShortestPaths(createCaseMachine(type), { events, input: facts(type) });
  return new Set(paths.map((p) => String(p.state.value)));
}

/** The machine of `type` resolved in `state` with the context of a fresh case plus `context`. */
function resolved(type: ApplicationType, state: CaseState, context: Partial<CaseFacts> = {}) {
  return createCaseMachine(type).resolveState({ value: state, context: { ...contextOf(type), ...context } });
}

/** Sends one event to the machine of `type` in `state`: the next state and context. */
function send(type: ApplicationType, state: CaseState, context: Partial<CaseFacts>, event: MachineEvent) {
  const snapshot = resolved(type, state, context);
  expect(snapshot.can(event)).toBe(true);
  const [next] = transition(createCaseMachine(type), snapshot, event);
  return { state: next.value as CaseState, context: next.context };
}

/** What a granted case holds, as recordHonour left it. */
const granted = (type: ApplicationType): Partial<CaseFacts> => ({
  assessedBy: 'off',
  honouredAmountCents: GRANT,
  committedCents: GRANT,
  decidedAt: AT,
  ...(type === 'initiative' ? { accountBy: '2026-12-31' } : { agreementMonths: 24 }),
});

describe.each(APPLICATION_TYPES)('%s machine', (type) => {
  it('reaches every state of its type through its guards (graph walk with xstate/graph)', () => {
    expect([...reachedStates(type, validEvents(tight))].sort()).toEqual([...STATES[type]].sort());
  });

  it('cannot reach awaiting_council when referral is never allowed (the walk can fail)', () => {
    const reached = reachedStates(type, validEvents(null));
    expect(reached.has('awaiting_council')).toBe(false);
    expect(reached.has('honoured')).toBe(true);
  });

  it('cannot reach not_processed while the day to supply the information has not passed (the walk can fail)', () => {
    const reached = reachedStates(type, validEvents(tight, AT));
    expect(reached.has('not_processed')).toBe(false);
    expect(reached.has('awaiting_info')).toBe(true);
    expect(reached.has('rejected')).toBe(true);
  });

  it('starts in submitted with the given facts and empty decision fields', () => {
    const [s] = initialTransition(createCaseMachine(type), facts(type));
    expect(s.value).toBe('submitted');
    const { submittedAt: _submittedAt, ...given } = facts(type);
    expect(s.context).toEqual({
      ...given,
      ...EMPTY_AFTER_SUBMISSION,
      // No terms given: the law's; eight weeks after submission (Awb 4:13).
      terms: LEGAL_TERMS[type],
      decisionDueAt: '2026-04-27T09:00:00.000Z',
    });
  });

  it('keeps the terms it is submitted under, and its decision term runs that long', () => {
    const terms = {
      decisionTermDays: 30,
      maxExtensionDays: 10,
      defaultRespondByDays: 7,
      objectionTermDays: 60,
    };
    const [s] = initialTransition(createCaseMachine(type), { ...facts(type), terms });
    expect(s.context.terms).toEqual(terms);
    expect(s.context.terms).not.toBe(terms);
    expect(s.context.decisionDueAt).toBe('2026-04-01T09:00:00.000Z');
    const [one] = initialTransition(createCaseMachine(type), {
      ...facts(type),
      terms: { ...terms, decisionTermDays: 1 },
    });
    expect(one.context.decisionDueAt).toBe('2026-03-03T09:00:00.000Z');
  });

  it('guards make snapshot.can tell the truth about business rules', () => {
    const assessed = resolved(type, 'assessed', { assessedBy: 'off' });
    const honour = (frame: Frame | null, amountCents = 50_000): MachineEvent => ({
      type: 'HONOUR',
      amountCents,
      motivation: 'm',
      agreementMonths: 12,
      actor: alderman,
      frame,
      at: AT,
    });
    expect(assessed.can(honour(roomy))).toBe(true);
    expect(assessed.can(honour(null))).toBe(false);
    expect(assessed.can(honour(tight))).toBe(false);
    expect(assessed.can(honour(roomy, 50_001))).toBe(false);
    expect(
      assessed.can({ type: 'REFER_TO_COUNCIL', motivation: 'm', actor: alderman, frame: roomy, at: AT }),
    ).toBe(false);
    expect(
      assessed.can({ type: 'REFER_TO_COUNCIL', motivation: 'm', actor: alderman, frame: tight, at: AT }),
    ).toBe(true);
  });

  it('records the assessor and the grant in the context', () => {
    const machine = createCaseMachine(type);
    const [s0] = initialTransition(machine, facts(type));
    const [s1] = transition(machine, s0, {
      type: 'ASSESS',
      advice: 'honour',
      motivation: 'm',
      actor: official,
      frame: null,
      at: AT,
    });
    expect(s1.context.assessedBy).toBe('off');
    const [s2] = transition(machine, s1, {
      type: 'HONOUR',
      amountCents: 40_000,
      motivation: 'm',
      conditions: 'Bonnetjes bewaren.',
      ...(type === 'initiative' ? { accountBy: '2026-12-31' } : { agreementMonths: 24 }),
      actor: alderman,
      frame: roomy,
      at: AT,
    });
    expect(s2.value).toBe('honoured');
    expect(s2.context).toEqual({
      ...s1.context,
      honouredAmountCents: 40_000,
      committedCents: 40_000,
      conditions: 'Bonnetjes bewaren.',
      agreementMonths: type === 'right_to_challenge' ? 24 : null,
      accountBy: type === 'initiative' ? '2026-12-31' : null,
      // The application is decided on: a penalty for lateness stops growing.
      decidedAt: AT,
    });
  });

  // A founded objection can take a reported case out again (REOPEN): reported_to_raad is not final.
  it('marks withdrawn as final, and only that', () => {
    const machine = getCaseMachine(type);
    for (const s of STATES[type]) {
      const actor = createActor(machine, {
        snapshot: machine.resolveState({ value: s, context: { ...contextOf(type) } }),
      });
      const final = s === 'withdrawn';
      expect({ s, type: machine.states[s].type }).toEqual({ s, type: final ? 'final' : 'atomic' });
      expect({ s, status: actor.getSnapshot().status }).toEqual({ s, status: final ? 'done' : 'active' });
    }
  });

  it('withdrawn after the grant, everything still committed goes back; it stays decided when it was granted', () => {
    const { state, context } = send(type, 'honoured', granted(type), {
      type: 'WITHDRAW',
      actor: resident,
      frame: null,
      at: LATER,
    });
    expect(state).toBe('withdrawn');
    expect(context).toEqual({
      ...contextOf(type),
      ...granted(type),
      releasedAmountCents: GRANT,
      committedCents: 0,
    });
  });

  it('withdrawn before the grant, no money moves; the moment is recorded, as of a decision', () => {
    for (const from of ['submitted', 'awaiting_info', 'assessed'] as CaseState[]) {
      const { state, context } = send(
        type,
        from,
        {},
        { type: 'WITHDRAW', actor: resident, frame: null, at: LATER },
      );
      expect(state).toBe('withdrawn');
      expect(context).toEqual({ ...contextOf(type), decidedAt: LATER });
    }
  });

  it('records when the application was decided on: HONOUR, REJECT, COUNCIL_*, NOT_PROCESSED; not a referral', () => {
    const assessed = { assessedBy: 'off' };
    const waiting = { termSuspendedSince: AT, respondBy: '2026-03-17' };
    const decided: [CaseState, Partial<CaseFacts>, MachineEvent, CaseState][] = [
      [
        'assessed',
        assessed,
        { type: 'REJECT', motivation: 'm', actor: alderman, frame: null, at: LATER },
        'rejected',
      ],
      [
        'awaiting_council',
        assessed,
        { type: 'COUNCIL_REJECT', motivation: 'm', actor: council, frame: null, at: LATER },
        'rejected',
      ],
      [
        'awaiting_council',
        assessed,
        {
          type: 'COUNCIL_HONOUR',
          amountCents: GRANT,
          motivation: 'm',
          actor: council,
          frame: tight,
          at: LATER,
        },
        'honoured',
      ],
      [
        'awaiting_info',
        waiting,
        { type: 'NOT_PROCESSED', motivation: 'm', actor: official, frame: null, at: LATER },
        'not_processed',
      ],
    ];
    for (const [from, before, event, to] of decided) {
      const { state, context } = send(type, from, before, event);
      expect({ from, state, decidedAt: context.decidedAt }).toEqual({ from, state: to, decidedAt: LATER });
    }
    // NOT_PROCESSED changes nothing else: what was asked and until when stays on the case.
    const { context } = send(type, 'awaiting_info', waiting, decided[3][2]);
    expect(context).toEqual({ ...contextOf(type), ...waiting, decidedAt: LATER });
    const referred = send(type, 'assessed', assessed, {
      type: 'REFER_TO_COUNCIL',
      motivation: 'm',
      actor: alderman,
      frame: tight,
      at: LATER,
    });
    expect(referred.context.decidedAt).toBeNull();
  });

  it('NOTICE_OF_DEFAULT stays in each open state and records only when the notice was given', () => {
    for (const from of ['submitted', 'awaiting_info', 'assessed', 'awaiting_council'] as CaseState[]) {
      const before = from === 'awaiting_info' ? { termSuspendedSince: AT, respondBy: '2026-03-17' } : {};
      const { state, context } = send(type, from, before, {
        type: 'NOTICE_OF_DEFAULT',
        actor: resident,
        frame: null,
        at: LATER,
      });
      expect({ from, state }).toEqual({ from, state: from });
      expect(context).toEqual({ ...contextOf(type), ...before, noticeOfDefaultAt: LATER });
      // Once only.
      expect(
        resolved(type, from, context).can({
          type: 'NOTICE_OF_DEFAULT',
          actor: resident,
          frame: null,
          at: LATER,
        }),
      ).toBe(false);
    }
  });

  it('revoked after the grant, the whole grant goes back', () => {
    const froms: CaseState[] =
      type === 'initiative' ? ['honoured', 'accounted', 'account_reviewed'] : ['honoured', 'in_execution'];
    for (const from of froms) {
      const before = { ...granted(type), ...(from === 'in_execution' ? { agreement: AGREEMENT } : {}) };
      const { state, context } = send(type, from, before, {
        type: 'REVOKE',
        motivation: 'm',
        actor: alderman,
        frame: null,
        at: AT,
      });
      expect(state).toBe('revoked');
      expect(context).toEqual({
        ...contextOf(type),
        ...before,
        releasedAmountCents: GRANT,
        committedCents: 0,
      });
    }
  });

  it('keeps what stays committed when the council is told of it (REPORT)', () => {
    const closed: CaseState = type === 'initiative' ? 'settled' : 'terminated';
    const before = {
      ...granted(type),
      ...(type === 'initiative' ? { settledAmountCents: 30_000 } : { agreement: AGREEMENT }),
      releasedAmountCents: 10_000,
      committedCents: 30_000,
    };
    const { state, context } = send(type, closed, before, {
      type: 'REPORT',
      reportId: 'r',
      actor: alderman,
      frame: null,
      at: AT,
    });
    expect(state).toBe('reported_to_raad');
    expect(context).toEqual({ ...contextOf(type), ...before });
  });
});

describe('initiative after the grant', () => {
  const base = granted('initiative');
  const account = { report: 'Het buurtfeest is gehouden.', actualCostCents: 35_000, submittedAt: LATER };
  const review = { advisedCents: 34_000, motivation: 'Eén bon ontbreekt.' };

  it('SUBMIT_ACCOUNT records the account and when it came in', () => {
    const { state, context } = send('initiative', 'honoured', base, {
      type: 'SUBMIT_ACCOUNT',
      report: account.report,
      actualCostCents: 35_000,
      actor: resident,
      frame: null,
      at: LATER,
    });
    expect(state).toBe('accounted');
    expect(context).toEqual({ ...contextOf('initiative'), ...base, account });
  });

  it('REVIEW_ACCOUNT records the advice and who reviewed it', () => {
    const { state, context } = send(
      'initiative',
      'accounted',
      { ...base, account },
      { type: 'REVIEW_ACCOUNT', ...review, actor: reviewer, frame: null, at: LATER },
    );
    expect(state).toBe('account_reviewed');
    expect(context).toEqual({
      ...contextOf('initiative'),
      ...base,
      account,
      accountReview: review,
      reviewedBy: 'off-2',
    });
  });

  it.each([
    ['below the grant', 34_000, 6_000],
    ['nothing', 0, GRANT],
    ['the whole grant', GRANT, 0],
  ])('SETTLE at %s: settled stays committed, the rest is released', (_d, settledCents, released) => {
    const before = { ...base, account, accountReview: review, reviewedBy: 'off-2' };
    const { state, context } = send('initiative', 'account_reviewed', before, {
      type: 'SETTLE',
      settledCents,
      motivation: 'm',
      actor: alderman,
      frame: null,
      at: LATER,
    });
    expect(state).toBe('settled');
    expect(context).toEqual({
      ...contextOf('initiative'),
      ...before,
      settledAmountCents: settledCents,
      releasedAmountCents: released,
      committedCents: settledCents,
    });
  });
});

describe('right_to_challenge after the grant', () => {
  const base = granted('right_to_challenge');
  const running = { ...base, agreement: AGREEMENT };

  it('SIGN_AGREEMENT records a copy of the agreement', () => {
    const event = {
      type: 'SIGN_AGREEMENT' as const,
      ...structuredClone(AGREEMENT),
      actor: alderman,
      frame: null,
      at: AT,
    };
    const { state, context } = send('right_to_challenge', 'honoured', base, event);
    expect(state).toBe('in_execution');
    expect(context).toEqual({ ...contextOf('right_to_challenge'), ...running });
    // The context shares no array with the event.
    event.deliverables.push('x');
    event.indicators[0].target = 0;
    expect(context.agreement).toEqual(AGREEMENT);
  });

  it('PROGRESS_REVIEW stays in in_execution and changes no fact', () => {
    const { state, context } = send('right_to_challenge', 'in_execution', running, {
      type: 'PROGRESS_REVIEW',
      findings: 'Loopt achter.',
      onTrack: false,
      indicatorValues: [{ name: 'inspecties', value: 2 }],
      actor: official,
      frame: null,
      at: LATER,
    });
    expect(state).toBe('in_execution');
    expect(context).toEqual({ ...contextOf('right_to_challenge'), ...running });
  });

  it('EXTEND_AGREEMENT stays in in_execution and moves only the end', () => {
    const { state, context } = send('right_to_challenge', 'in_execution', running, {
      type: 'EXTEND_AGREEMENT',
      newEndsOn: '2028-10-01',
      motivation: 'm',
      actor: alderman,
      frame: null,
      at: LATER,
    });
    expect(state).toBe('in_execution');
    expect(context).toEqual({
      ...contextOf('right_to_challenge'),
      ...running,
      agreement: { ...AGREEMENT, endsOn: '2028-10-01' },
    });
    // Twice in a row: each extension from the end the previous one set.
    const [again] = transition(
      createCaseMachine('right_to_challenge'),
      resolved('right_to_challenge', 'in_execution', context),
      {
        type: 'EXTEND_AGREEMENT',
        newEndsOn: '2029-01-01',
        motivation: 'm',
        actor: alderman,
        frame: null,
        at: LATER,
      },
    );
    expect(again.context.agreement).toEqual({ ...AGREEMENT, endsOn: '2029-01-01' });
  });

  it('EVALUATE closes the agreement with the whole grant spent', () => {
    const { state, context } = send('right_to_challenge', 'in_execution', running, {
      type: 'EVALUATE',
      evaluation: 'Geslaagd.',
      actor: alderman,
      frame: null,
      at: LATER,
    });
    expect(state).toBe('evaluated');
    expect(context).toEqual({ ...contextOf('right_to_challenge'), ...running });
  });

  it.each([
    ['part', 15_000],
    ['nothing', 0],
    ['everything', GRANT],
  ])('TERMINATE releasing %s of the grant', (_d, releasedCents) => {
    const { state, context } = send('right_to_challenge', 'in_execution', running, {
      type: 'TERMINATE',
      reason: 'r',
      releasedCents,
      actor: alderman,
      frame: null,
      at: LATER,
    });
    expect(state).toBe('terminated');
    expect(context).toEqual({
      ...contextOf('right_to_challenge'),
      ...running,
      releasedAmountCents: releasedCents,
      committedCents: GRANT - releasedCents,
    });
  });
});

it('EMPTY_AFTER_SUBMISSION is every fact a later event fills in, empty, and frozen', () => {
  expect(EMPTY_AFTER_SUBMISSION).toEqual({
    assessedBy: null,
    honouredAmountCents: null,
    agreementMonths: null,
    termSuspendedSince: null,
    respondBy: null,
    noticeOfDefaultAt: null,
    decidedAt: null,
    termExtended: false,
    accountBy: null,
    conditions: null,
    account: null,
    accountReview: null,
    reviewedBy: null,
    settledAmountCents: null,
    releasedAmountCents: null,
    committedCents: 0,
    agreement: null,
  });
  expect(Object.isFrozen(EMPTY_AFTER_SUBMISSION)).toBe(true);
});

it("the machine leaves a grant's type-specific fields to checkEventFields: its guards read the frame only", () => {
  const honourWithoutEither: MachineEvent = {
    type: 'HONOUR',
    amountCents: 50_000,
    motivation: 'm',
    actor: alderman,
    frame: roomy,
    at: AT,
  };
  for (const type of APPLICATION_TYPES) {
    expect(resolved(type, 'assessed', { assessedBy: 'off' }).can(honourWithoutEither)).toBe(true);
  }
});
