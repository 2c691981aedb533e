import type {
  ActorRef,
  CaseEventInput,
  CaseFacts,
  CaseState,
  CaseType,
  EventType,
  Frame,
  PersistedCase,
  RefusalCode,
} from './case-types.js';
import { CASE_STATES, CASE_TYPES, CLIENT_EVENT_TYPES, EVENT_TYPES } from './case-types.js';
import {
  applyEvent,
  assertAllStatesReachable,
  availableEvents,
  describeWorkflow,
  initialCase,
  machineAccepts,
  migrateSnapshot,
  refusalOf,
} from './case-workflow.js';
import { MACHINE_VERSION } from './case.machine.js';

// The lifecycle of docs/api.md, written out independently of the machine.
const TABLE: Record<CaseState, Partial<Record<EventType, CaseState>>> = {
  submitted: { REQUEST_INFO: 'awaiting_info', ASSESS: 'assessed', WITHDRAW: 'withdrawn' },
  awaiting_info: { SUPPLY_INFO: 'submitted', WITHDRAW: 'withdrawn' },
  assessed: {
    HONOUR: 'honoured',
    REJECT: 'rejected',
    REFER_TO_COUNCIL: 'awaiting_council',
    WITHDRAW: 'withdrawn',
  },
  awaiting_council: { COUNCIL_HONOUR: 'honoured', COUNCIL_REJECT: 'rejected' },
  honoured: { REPORT: 'reported_to_raad' },
  rejected: { REPORT: 'reported_to_raad' },
  withdrawn: {},
  reported_to_raad: {},
};

// Who may send what, also written out independently of permissions.ts.
type Who = 'initiator' | 'areaOfficial' | 'areaAlderman' | 'anyAlderman' | 'council';
const WHO: Record<EventType, Who> = {
  REQUEST_INFO: 'areaOfficial',
  ASSESS: 'areaOfficial',
  SUPPLY_INFO: 'initiator',
  WITHDRAW: 'initiator',
  HONOUR: 'areaAlderman',
  REJECT: 'areaAlderman',
  REFER_TO_COUNCIL: 'areaAlderman',
  COUNCIL_HONOUR: 'council',
  COUNCIL_REJECT: 'council',
  REPORT: 'anyAlderman',
};
const DECIDING = new Set<EventType>([
  'HONOUR',
  'REJECT',
  'REFER_TO_COUNCIL',
  'COUNCIL_HONOUR',
  'COUNCIL_REJECT',
]);

const ACTORS: Record<string, ActorRef> = {
  initiator: { id: 'res-1', roles: ['resident'], areas: [] },
  otherResident: { id: 'res-2', roles: ['resident'], areas: ['west'] },
  areaOfficial: { id: 'off-1', roles: ['official'], areas: ['west'] },
  otherOfficial: { id: 'off-2', roles: ['official'], areas: ['oost'] },
  areaAlderman: { id: 'ald-1', roles: ['alderman'], areas: ['west'] },
  otherAlderman: { id: 'ald-2', roles: ['alderman'], areas: ['oost'] },
  council: { id: 'raad-1', roles: ['council'], areas: [] },
  // Assessed the case as official and is also the area's alderman: four eyes applies.
  assessor: { id: 'ass-1', roles: ['official', 'alderman'], areas: ['west'] },
  nobody: { id: 'x', roles: [], areas: ['west'] },
  // The initiator, who also works for the municipality: conflict of interest applies.
  selfOfficial: { id: 'res-1', roles: ['resident', 'official'], areas: ['west'] },
  selfAlderman: { id: 'res-1', roles: ['resident', 'alderman'], areas: ['west'] },
  selfCouncil: { id: 'res-1', roles: ['resident', 'council'], areas: [] },
};
/** The events the initiator sends, or the system: the only ones an initiator with an office role may send. */
const NOT_A_CONFLICT = new Set<EventType>(['SUPPLY_INFO', 'WITHDRAW', 'REPORT']);

function mayAct(who: Who, a: ActorRef): boolean {
  switch (who) {
    case 'initiator':
      return a.roles.includes('resident') && a.id === 'res-1';
    case 'areaOfficial':
      return a.roles.includes('official') && a.areas.includes('west');
    case 'areaAlderman':
      return a.roles.includes('alderman') && a.areas.includes('west');
    case 'anyAlderman':
      return a.roles.includes('alderman');
    case 'council':
      return a.roles.includes('council');
  }
}

const REQUESTED = 50_000;
/** The moment every event in these tests happens. */
const AT = '2026-03-02T09:00:00.000Z';
const ROOMY: Frame = { themes: ['green', 'play'], availableCents: 1_000_000, delegationLimitCents: 100_000 };
const TIGHT: Frame = { themes: ['green'], availableCents: 1_000_000, delegationLimitCents: 10_000 };

function facts(type: CaseType, overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    type,
    areaCode: 'west',
    theme: 'green',
    initiatorId: 'res-1',
    requestedAmountCents: REQUESTED,
    assessedBy: null,
    honouredAmountCents: null,
    decisionDueAt: '2026-04-27T09:00:00.000Z',
    termSuspendedSince: null,
    agreementMonths: null,
    ...overrides,
  };
}

function at(state: CaseState, type: CaseType, overrides: Partial<CaseFacts> = {}): PersistedCase {
  return {
    machineVersion: MACHINE_VERSION,
    value: state,
    context: facts(type, { assessedBy: 'ass-1', ...overrides }),
  };
}

function validEvent(type: EventType): CaseEventInput {
  switch (type) {
    case 'REQUEST_INFO':
      return { type, question: 'What will it cost?' };
    case 'SUPPLY_INFO':
      return { type, answer: 'Five hundred euro.' };
    case 'ASSESS':
      return { type, advice: 'honour', motivation: 'Fits the programme.' };
    case 'HONOUR':
    case 'COUNCIL_HONOUR':
      return { type, amountCents: REQUESTED, motivation: 'Good plan.', agreementMonths: 12 };
    case 'REJECT':
    case 'REFER_TO_COUNCIL':
    case 'COUNCIL_REJECT':
      return { type, motivation: 'Because.' };
    case 'WITHDRAW':
      return { type, reason: 'Moved away.' };
    case 'REPORT':
      return { type, reportId: 'rep-1' };
  }
}

// Referral only passes its rule when the request is above the delegation limit.
const frameFor = (e: EventType): Frame => (e === 'REFER_TO_COUNCIL' ? TIGHT : ROOMY);

function expected(
  state: CaseState,
  event: EventType,
  actor: ActorRef,
): { to: CaseState } | { code: RefusalCode } {
  const to = TABLE[state][event];
  if (!to) return { code: 'STATE' };
  const ownCase = actor.id === 'res-1' && actor.roles.some((r) => r !== 'resident');
  if (ownCase && !NOT_A_CONFLICT.has(event)) return { code: 'CONFLICT_OF_INTEREST' };
  if (!mayAct(WHO[event], actor)) return { code: 'ROLE' };
  if (DECIDING.has(event) && actor.id === 'ass-1') return { code: 'FOUR_EYES' };
  return { to };
}

describe.each(CASE_TYPES)('applyEvent on %s: every state × event × actor', (type) => {
  const cases = CASE_STATES.flatMap((state) =>
    EVENT_TYPES.flatMap((event) => Object.keys(ACTORS).map((actor) => [state, event, actor] as const)),
  );
  it.each(cases)('%s + %s by %s', (state, event, actorName) => {
    const actor = ACTORS[actorName];
    const outcome = applyEvent(at(state, type), validEvent(event), actor, frameFor(event), AT);
    const want = expected(state, event, actor);
    if ('to' in want) {
      expect(outcome).toMatchObject({ accepted: true, fromState: state, toState: want.to });
      if (outcome.accepted) expect(outcome.snapshot.value).toBe(want.to);
    } else {
      expect(outcome).toEqual({
        accepted: false,
        refusal: { code: want.code, fromState: state, event, detail: expect.any(String) },
      });
    }
  });
});

describe('order of checks', () => {
  const honour = (amountCents: number, agreementMonths?: number): CaseEventInput => ({
    type: 'HONOUR',
    amountCents,
    motivation: 'm',
    agreementMonths,
  });
  const code = (o: ReturnType<typeof applyEvent>) => (o.accepted ? 'ACCEPTED' : o.refusal.code);

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
  it('four eyes applies only to deciding events', () => {
    expect(
      code(applyEvent(at('submitted', 'initiative'), validEvent('REQUEST_INFO'), ACTORS.assessor, null, AT)),
    ).toBe('ACCEPTED');
  });
  it('a case never assessed has no four-eyes restriction', () => {
    const p = at('assessed', 'initiative', { assessedBy: null });
    expect(code(applyEvent(p, honour(REQUESTED), ACTORS.assessor, ROOMY, AT))).toBe('ACCEPTED');
  });
});

describe('business rules', () => {
  const alderman = ACTORS.areaAlderman;
  const council = ACTORS.council;
  const run = (
    type: CaseType,
    state: CaseState,
    event: CaseEventInput,
    frame: Frame | null,
    actor = event.type.startsWith('COUNCIL') ? council : alderman,
  ) => {
    const o = applyEvent(at(state, type), event, actor, frame, AT);
    return o.accepted ? o.toState : o.refusal.code;
  };
  const honour = (amountCents: number, agreementMonths?: number): CaseEventInput => ({
    type: 'HONOUR',
    amountCents,
    motivation: 'm',
    ...(agreementMonths === undefined ? {} : { agreementMonths }),
  });
  const councilHonour = (amountCents: number, agreementMonths?: number): CaseEventInput => ({
    type: 'COUNCIL_HONOUR',
    amountCents,
    motivation: 'm',
    ...(agreementMonths === undefined ? {} : { agreementMonths }),
  });

  it.each<[string, CaseEventInput, Frame | null, string]>([
    ['no programme', honour(REQUESTED, 12), null, 'NO_PROGRAMME'],
    [
      'theme outside programme',
      honour(REQUESTED, 12),
      { ...ROOMY, themes: ['play'] },
      'THEME_NOT_IN_PROGRAMME',
    ],
    ['amount above request', honour(REQUESTED + 1, 12), ROOMY, 'AMOUNT_ABOVE_REQUEST'],
    [
      'amount above available budget',
      honour(REQUESTED, 12),
      { ...ROOMY, availableCents: REQUESTED - 1 },
      'BUDGET_EXCEEDED',
    ],
    [
      'amount exactly the available budget',
      honour(REQUESTED, 12),
      { ...ROOMY, availableCents: REQUESTED },
      'honoured',
    ],
    ['amount above delegation limit', honour(REQUESTED, 12), TIGHT, 'ABOVE_DELEGATION_LIMIT'],
    ['amount at the delegation limit', honour(10_000, 12), TIGHT, 'honoured'],
    // Precedence: the first failing rule is reported.
    ['null frame beats a too-high amount', honour(REQUESTED * 100, 12), null, 'NO_PROGRAMME'],
    ['theme beats amount', honour(REQUESTED + 1, 12), { ...ROOMY, themes: [] }, 'THEME_NOT_IN_PROGRAMME'],
    [
      'request beats budget',
      honour(REQUESTED + 1, 12),
      { ...ROOMY, availableCents: 0 },
      'AMOUNT_ABOVE_REQUEST',
    ],
    ['budget beats delegation', honour(REQUESTED, 12), { ...TIGHT, availableCents: 0 }, 'BUDGET_EXCEEDED'],
  ])('HONOUR: %s', (_d, event, frame, want) => {
    for (const type of CASE_TYPES) expect(run(type, 'assessed', event, frame)).toBe(want);
  });

  it('HONOUR of right_to_challenge requires agreement months of 1 to 120; initiative does not', () => {
    expect(run('initiative', 'assessed', honour(REQUESTED), ROOMY)).toBe('honoured');
    expect(run('right_to_challenge', 'assessed', honour(REQUESTED), ROOMY)).toBe('AGREEMENT_MONTHS_REQUIRED');
    expect(run('right_to_challenge', 'assessed', honour(REQUESTED, 0), ROOMY)).toBe(
      'AGREEMENT_MONTHS_REQUIRED',
    );
    expect(run('right_to_challenge', 'assessed', honour(REQUESTED, 121), ROOMY)).toBe(
      'AGREEMENT_MONTHS_REQUIRED',
    );
    expect(run('right_to_challenge', 'assessed', honour(REQUESTED, 1.5), ROOMY)).toBe(
      'AGREEMENT_MONTHS_REQUIRED',
    );
    expect(run('right_to_challenge', 'assessed', honour(REQUESTED, 120), ROOMY)).toBe('honoured');
    // Agreement months are checked last.
    expect(run('right_to_challenge', 'assessed', honour(REQUESTED), TIGHT)).toBe('ABOVE_DELEGATION_LIMIT');
  });

  it('COUNCIL_HONOUR applies the budget rules but no delegation limit', () => {
    for (const type of CASE_TYPES) {
      expect(run(type, 'awaiting_council', councilHonour(REQUESTED, 12), TIGHT)).toBe('honoured');
      expect(run(type, 'awaiting_council', councilHonour(REQUESTED, 12), null)).toBe('NO_PROGRAMME');
      expect(run(type, 'awaiting_council', councilHonour(REQUESTED, 12), { ...TIGHT, themes: [] })).toBe(
        'THEME_NOT_IN_PROGRAMME',
      );
      expect(run(type, 'awaiting_council', councilHonour(REQUESTED + 1, 12), TIGHT)).toBe(
        'AMOUNT_ABOVE_REQUEST',
      );
      expect(
        run(type, 'awaiting_council', councilHonour(REQUESTED, 12), { ...TIGHT, availableCents: 1 }),
      ).toBe('BUDGET_EXCEEDED');
    }
    expect(run('right_to_challenge', 'awaiting_council', councilHonour(REQUESTED), TIGHT)).toBe(
      'AGREEMENT_MONTHS_REQUIRED',
    );
    expect(run('initiative', 'awaiting_council', councilHonour(REQUESTED), TIGHT)).toBe('honoured');
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

  it('REJECT needs no programme', () => {
    expect(run('initiative', 'assessed', { type: 'REJECT', motivation: 'm' }, null)).toBe('rejected');
  });

  it('every refusal detail is one plain sentence without internals', () => {
    const o = applyEvent(
      at('assessed', 'initiative'),
      honour(REQUESTED),
      alderman,
      {
        ...ROOMY,
        availableCents: 100,
      },
      AT,
    );
    expect(o.accepted).toBe(false);
    if (!o.accepted) {
      expect(o.refusal.detail).toMatch(/^[A-Z].*\.$/);
      expect(o.refusal.detail).not.toMatch(/guard|xstate|context|undefined|null/i);
    }
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
    if (!o.accepted) throw new Error(o.refusal.detail);
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
    expect(asked.context).toMatchObject({
      decisionDueAt: '2026-04-27T09:00:00.000Z',
      termSuspendedSince: '2026-03-30T12:00:00.000Z',
    });
    const answered = step(asked, validEvent('SUPPLY_INFO'), ACTORS.initiator, '2026-04-02T12:00:00.000Z');
    // Three days of suspension move the term three days on.
    expect(answered.context).toMatchObject({
      decisionDueAt: '2026-04-30T09:00:00.000Z',
      termSuspendedSince: null,
    });
    const assessed = step(answered, validEvent('ASSESS'), ACTORS.areaOfficial, '2026-04-03T12:00:00.000Z');
    expect(assessed.context.decisionDueAt).toBe('2026-04-30T09:00:00.000Z');
  });
});

describe('a case walked end to end', () => {
  it.each(CASE_TYPES)('%s: submit, ask, answer, assess, refer, council honours, report', (type) => {
    let p = initialCase({
      type,
      areaCode: 'west',
      theme: 'green',
      initiatorId: 'res-1',
      requestedAmountCents: REQUESTED,
      submittedAt: AT,
    });
    expect(p).toEqual({ machineVersion: MACHINE_VERSION, value: 'submitted', context: facts(type) });
    const steps: [CaseEventInput, ActorRef, Frame | null, CaseState][] = [
      [validEvent('REQUEST_INFO'), ACTORS.areaOfficial, null, 'awaiting_info'],
      [validEvent('SUPPLY_INFO'), ACTORS.initiator, null, 'submitted'],
      [validEvent('ASSESS'), ACTORS.areaOfficial, null, 'assessed'],
      [validEvent('REFER_TO_COUNCIL'), ACTORS.areaAlderman, TIGHT, 'awaiting_council'],
      [
        { type: 'COUNCIL_HONOUR', amountCents: 45_000, motivation: 'm', agreementMonths: 36 },
        ACTORS.council,
        TIGHT,
        'honoured',
      ],
      [validEvent('REPORT'), ACTORS.otherAlderman, null, 'reported_to_raad'],
    ];
    for (const [event, actor, frame, to] of steps) {
      // Every step goes through JSON, as it would through the database.
      const o = applyEvent(JSON.parse(JSON.stringify(p)) as PersistedCase, event, actor, frame, AT);
      if (!o.accepted) throw new Error(`${event.type} refused: ${o.refusal.code}`);
      expect(o.toState).toBe(to);
      expect(o.facts).toEqual(o.snapshot.context);
      p = o.snapshot;
    }
    expect(p.context).toEqual(
      facts(type, {
        assessedBy: 'off-1',
        honouredAmountCents: 45_000,
        agreementMonths: type === 'right_to_challenge' ? 36 : null,
      }),
    );
  });

  it('does not mutate the snapshot it was given', () => {
    const p = at('submitted', 'initiative', { assessedBy: null });
    const copy = structuredClone(p);
    applyEvent(p, validEvent('ASSESS'), ACTORS.areaOfficial, null, AT);
    expect(p).toEqual(copy);
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
    expect(availableEvents(back, ACTORS.areaAlderman, ROOMY)).toEqual(['HONOUR', 'REJECT']);
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
    expect(migrateSnapshot(p)).toEqual(p);
  });
  it('throws on an unknown future or past version', () => {
    expect(() => migrateSnapshot({ ...p, machineVersion: MACHINE_VERSION + 1 })).toThrow(/version/);
    expect(() => migrateSnapshot({ ...p, machineVersion: 0 })).toThrow(/version/);
    expect(() =>
      applyEvent({ ...p, machineVersion: 99 }, validEvent('REJECT'), ACTORS.areaAlderman, null, AT),
    ).toThrow();
  });
  it('throws on a state or type it does not know', () => {
    expect(() => migrateSnapshot({ ...p, value: 'lost' as CaseState })).toThrow();
    expect(() => migrateSnapshot({ ...p, context: { ...p.context, type: 'x' as CaseType } })).toThrow();
  });
});

describe('availableEvents', () => {
  const ev = (
    state: CaseState,
    actor: ActorRef,
    frame: Frame | null,
    type: CaseType = 'initiative',
    o = {},
  ) => availableEvents(at(state, type, o), actor, frame);

  it('lists what the actor may do now and that would be accepted', () => {
    expect(ev('submitted', ACTORS.initiator, ROOMY)).toEqual(['WITHDRAW']);
    expect(ev('submitted', ACTORS.areaOfficial, ROOMY)).toEqual(['REQUEST_INFO', 'ASSESS']);
    expect(ev('submitted', ACTORS.otherOfficial, ROOMY)).toEqual([]);
    expect(ev('awaiting_info', ACTORS.initiator, ROOMY)).toEqual(['SUPPLY_INFO', 'WITHDRAW']);
    expect(ev('assessed', ACTORS.initiator, ROOMY)).toEqual(['WITHDRAW']);
    expect(ev('assessed', ACTORS.areaAlderman, ROOMY)).toEqual(['HONOUR', 'REJECT']);
    expect(ev('assessed', ACTORS.areaAlderman, TIGHT)).toEqual(['REJECT', 'REFER_TO_COUNCIL']);
    expect(ev('assessed', ACTORS.areaAlderman, null)).toEqual(['REJECT']);
    expect(ev('assessed', ACTORS.assessor, ROOMY)).toEqual([]);
    expect(ev('awaiting_council', ACTORS.council, TIGHT)).toEqual(['COUNCIL_HONOUR', 'COUNCIL_REJECT']);
    expect(ev('awaiting_council', ACTORS.council, null)).toEqual(['COUNCIL_REJECT']);
  });

  it('offers an initiator who works for the municipality only their own events on their own case', () => {
    expect(ev('submitted', ACTORS.selfOfficial, ROOMY)).toEqual(['WITHDRAW']);
    expect(ev('awaiting_info', ACTORS.selfOfficial, ROOMY)).toEqual(['SUPPLY_INFO', 'WITHDRAW']);
    expect(ev('assessed', ACTORS.selfAlderman, ROOMY)).toEqual(['WITHDRAW']);
    expect(ev('assessed', ACTORS.selfAlderman, TIGHT)).toEqual(['WITHDRAW']);
    expect(ev('awaiting_council', ACTORS.selfCouncil, TIGHT)).toEqual([]);
    // On someone else's case they act as usual.
    const other = { initiatorId: 'res-2' };
    expect(ev('assessed', ACTORS.selfAlderman, ROOMY, 'initiative', other)).toEqual(['HONOUR', 'REJECT']);
    expect(ev('awaiting_council', ACTORS.selfCouncil, TIGHT, 'initiative', other)).toEqual([
      'COUNCIL_HONOUR',
      'COUNCIL_REJECT',
    ]);
  });

  it('probes right_to_challenge honouring with an agreement term', () => {
    expect(ev('assessed', ACTORS.areaAlderman, ROOMY, 'right_to_challenge')).toEqual(['HONOUR', 'REJECT']);
  });

  it('never lists REPORT, which is internal', () => {
    for (const state of CASE_STATES) {
      for (const actor of Object.values(ACTORS)) {
        const events = ev(state, actor, ROOMY);
        expect(events).not.toContain('REPORT');
        for (const e of events) expect(CLIENT_EVENT_TYPES).toContain(e);
      }
    }
    expect(ev('honoured', ACTORS.areaAlderman, ROOMY)).toEqual([]);
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
  it.each(CASE_TYPES)('%s', (type) => {
    let compared = 0;
    let accepted = 0;
    for (const state of CASE_STATES) {
      const current = at(state, type);
      for (const actor of Object.values(ACTORS)) {
        for (const [, frame] of frames) {
          for (const e of EVENT_TYPES) {
            const event = validEvent(e);
            const refusal = refusalOf(current, event, actor, frame);
            if (
              refusal &&
              !refusal.accepted &&
              ['ROLE', 'CONFLICT_OF_INTEREST', 'FOUR_EYES'].includes(refusal.refusal.code)
            )
              continue;
            const checks = refusal === null;
            expect({ state, actor: actor.id, e, frame, checks }).toEqual({
              state,
              actor: actor.id,
              e,
              frame,
              checks: machineAccepts(current, event, actor, frame, AT),
            });
            compared++;
            if (checks) accepted++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('describeWorkflow', () => {
  it.each(CASE_TYPES)('%s describes the machine', (type) => {
    const d = describeWorkflow(type);
    expect(d.type).toBe(type);
    expect(d.initial).toBe('submitted');
    expect([...d.states].sort()).toEqual([...CASE_STATES].sort());
    expect(d.events).toEqual([...EVENT_TYPES]);
  });
});

describe('assertAllStatesReachable', () => {
  it('passes for the real machines', () => {
    expect(() => assertAllStatesReachable()).not.toThrow();
  });
});
