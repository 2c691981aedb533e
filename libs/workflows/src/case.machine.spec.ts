import { createActor, initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { ActorRef, CaseType, Frame, MachineEvent, NewCaseFacts } from './case-types.js';
import { CASE_STATES, CASE_TYPES } from './case-types.js';
import { createCaseMachine, getCaseMachine } from './case.machine.js';

const official: ActorRef = { id: 'off', roles: ['official'], areas: ['west'] };
const alderman: ActorRef = { id: 'ald', roles: ['alderman'], areas: ['west'] };
const council: ActorRef = { id: 'raad', roles: ['council'], areas: [] };
const resident: ActorRef = { id: 'res', roles: ['resident'], areas: [] };
const roomy: Frame = { themes: ['green'], availableCents: 1_000_000, delegationLimitCents: 500_000 };
const tight: Frame = { themes: ['green'], availableCents: 1_000_000, delegationLimitCents: 1_000 };

const AT = '2026-03-03T09:00:00.000Z';

/** The context a fresh case of this type starts with. */
const contextOf = (type: CaseType) => initialTransition(createCaseMachine(type), facts(type))[0].context;

const facts = (type: CaseType): NewCaseFacts => ({
  type,
  areaCode: 'west',
  theme: 'green',
  initiatorId: 'res',
  requestedAmountCents: 50_000,
  submittedAt: '2026-03-02T09:00:00.000Z',
});

/** One valid event of each type, so guards pass and the walk explores the real machine. */
function validEvents(frameForRefer: Frame | null): MachineEvent[] {
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
    { type: 'REPORT', reportId: 'r', actor: alderman, frame: null, at: AT },
  ];
}

function reachedStates(type: CaseType, events: MachineEvent[]): Set<string> {
  const paths = getShortestPaths(createCaseMachine(type), { events, input: facts(type) });
  return new Set(paths.map((p) => String(p.state.value)));
}

describe.each(CASE_TYPES)('%s machine', (type) => {
  it('reaches every state through its guards (graph walk with xstate/graph)', () => {
    expect([...reachedStates(type, validEvents(tight))].sort()).toEqual([...CASE_STATES].sort());
  });

  it('cannot reach awaiting_council when referral is never allowed (the walk can fail)', () => {
    const reached = reachedStates(type, validEvents(null));
    expect(reached.has('awaiting_council')).toBe(false);
    expect(reached.has('honoured')).toBe(true);
  });

  it('starts in submitted with the given facts and empty decision fields', () => {
    const [s] = initialTransition(createCaseMachine(type), facts(type));
    expect(s.value).toBe('submitted');
    const { submittedAt: _submittedAt, ...given } = facts(type);
    expect(s.context).toEqual({
      ...given,
      assessedBy: null,
      honouredAmountCents: null,
      agreementMonths: null,
      // Eight weeks after submission (Awb 4:13).
      decisionDueAt: '2026-04-27T09:00:00.000Z',
      termSuspendedSince: null,
    });
  });

  it('guards make snapshot.can tell the truth about business rules', () => {
    const machine = createCaseMachine(type);
    const assessed = machine.resolveState({
      value: 'assessed',
      context: { ...contextOf(type), assessedBy: 'off' },
    });
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

  it('records the assessor and the honoured amount in the context', () => {
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
      agreementMonths: 24,
      actor: alderman,
      frame: roomy,
      at: AT,
    });
    expect(s2.value).toBe('honoured');
    expect(s2.context.honouredAmountCents).toBe(40_000);
    expect(s2.context.agreementMonths).toBe(type === 'right_to_challenge' ? 24 : null);
  });

  it('marks withdrawn and reported_to_raad as final', () => {
    const machine = getCaseMachine(type);
    for (const s of ['withdrawn', 'reported_to_raad']) {
      const actor = createActor(machine, {
        snapshot: machine.resolveState({ value: s, context: { ...facts(type) } }),
      });
      expect(machine.states[s].type).toBe('final');
      expect(actor.getSnapshot().status).toBe('done');
    }
  });
});

it('right_to_challenge alone needs agreement months to honour', () => {
  const honourWithoutMonths: MachineEvent = {
    type: 'HONOUR',
    amountCents: 50_000,
    motivation: 'm',
    actor: alderman,
    frame: roomy,
    at: AT,
  };
  const can = (type: CaseType) =>
    createCaseMachine(type)
      .resolveState({
        value: 'assessed',
        context: { ...contextOf(type), assessedBy: 'off' },
      })
      .can(honourWithoutMonths);
  expect(can('initiative')).toBe(true);
  expect(can('right_to_challenge')).toBe(false);
});
