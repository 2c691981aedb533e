// The objection's machine and what a founded objection does to the case objected against,
// through applyEvent (the API's one entry), with the moments passed in.
import type { ActorRef, CaseFacts, PersistedCase } from './case-types.js';
import { applyEvent, availableEvents, blockedEvents, initialCase } from './case-workflow.js';
import { budgetDelta } from './event-effects.js';
import { LEGAL_TERMS } from './case-terms.js';
import { isLateObjection, objectionDecisionDue } from './objection.machine.js';

const official: ActorRef = { id: 'off-1', roles: ['official'], areas: ['west'] };
const alderman: ActorRef = { id: 'ald-1', roles: ['alderman'], areas: ['west'] };
const objector: ActorRef = { id: 'res-1', roles: ['resident'], areas: [] };
/** Monday 2 March 2026, 10:00 in Amsterdam. */
const AT = '2026-03-02T09:00:00.000Z';

function received(objectionDeadline = '2026-03-10', submittedAt = AT): PersistedCase {
  return initialCase({
    type: 'objection',
    areaCode: 'west',
    theme: 'green',
    initiatorId: 'res-1',
    requestedAmountCents: 0,
    submittedAt,
    objectionTo: { decisionNumber: 'BES-2026-000007', caseId: 'case-1', objectionDeadline },
  });
}

function accepted(p: PersistedCase, event: Parameters<typeof applyEvent>[1], actor: ActorRef, at = AT) {
  const o = applyEvent(p, event, actor, null, at);
  if (!o.accepted) throw new Error(`refused: ${JSON.stringify(o)}`);
  return o;
}

const hear = { type: 'HEAR', heardOn: '2026-03-02', minutes: 'Toegelicht.' } as const;

describe('objection terms (Awb 6:7, 6:11, 7:10)', () => {
  it('are six weeks to object, six weeks to decide after that, extendable by six', () => {
    expect(LEGAL_TERMS.objection).toEqual({
      decisionTermDays: 42,
      maxExtensionDays: 42,
      defaultRespondByDays: 14,
      objectionTermDays: 42,
    });
  });
  it('is late from the day after the deadline, in Amsterdam', () => {
    expect(isLateObjection('2026-03-10', '2026-03-10T22:59:00.000Z')).toBe(false); // 23:59 on the 10th
    expect(isLateObjection('2026-03-10', '2026-03-10T23:00:00.000Z')).toBe(true); // 00:00 on the 11th
    // Summer time: 23:59 is 21:59 UTC.
    expect(isLateObjection('2026-07-10', '2026-07-10T21:59:00.000Z')).toBe(false);
    expect(isLateObjection('2026-07-10', '2026-07-10T22:00:00.000Z')).toBe(true);
  });
  it('is decided by the end of the 42nd day after the objection term ended', () => {
    // Deadline 10 March: the term runs 11 March to 21 April, ending at midnight in summer time.
    expect(objectionDecisionDue('2026-03-10')).toBe('2026-04-21T22:00:00.000Z');
    // 1 October to 11 November, across the clocks going back (25 October): midnight in winter time.
    expect(objectionDecisionDue('2026-09-30')).toBe('2026-11-11T23:00:00.000Z');
  });
});

describe('the objection machine', () => {
  it('starts received, with the besluit it is against, in time or late', () => {
    const p = received();
    expect(p.value).toBe('received');
    expect(p.context).toMatchObject({
      type: 'objection',
      requestedAmountCents: 0,
      committedCents: 0,
      heardBy: null,
      decisionDueAt: '2026-04-21T22:00:00.000Z',
      objection: {
        decisionNumber: 'BES-2026-000007',
        caseId: 'case-1',
        late: false,
        hearing: null,
        outcome: null,
      },
    });
    expect(received('2026-03-01').context.objection!.late).toBe(true);
  });

  it('keeps the objection type’s terms as the raad set them at submission', () => {
    const terms = {
      decisionTermDays: 30,
      maxExtensionDays: 42,
      defaultRespondByDays: 14,
      objectionTermDays: 42,
    };
    const p = initialCase({
      type: 'objection',
      areaCode: 'west',
      theme: 'green',
      initiatorId: 'res-1',
      requestedAmountCents: 0,
      submittedAt: AT,
      objectionTo: { decisionNumber: 'BES-2026-000007', caseId: 'case-1', objectionDeadline: '2026-03-10' },
      terms,
    });
    expect(p.context.terms).toEqual(terms);
    // 11 March to 9 April: the end of the 30th day, in summer time.
    expect(p.context.decisionDueAt).toBe('2026-04-09T22:00:00.000Z');
    expect(received().context.terms).toEqual(LEGAL_TERMS.objection);
  });

  it('is heard by an official, then decided by an alderman; a founded decision reopens, others do not', () => {
    const heard = accepted(received(), hear, official);
    expect(heard.toState).toBe('heard');
    expect(heard.facts).toMatchObject({
      heardBy: 'off-1',
      objection: { hearing: { heardOn: '2026-03-02' } },
    });
    for (const outcome of ['founded', 'unfounded', 'inadmissible'] as const) {
      const o = accepted(heard.snapshot, { type: 'DECIDE_OBJECTION', outcome, motivation: 'm' }, alderman);
      expect({ outcome, state: o.toState, reopens: o.meta.reopensOriginal ?? false }).toEqual({
        outcome,
        state: 'decided',
        reopens: outcome === 'founded',
      });
      expect(o.meta).toMatchObject({ decision: true, besluit: 'objection_decision' });
      expect(o.facts.objection!.outcome).toBe(outcome);
      expect(o.facts.decidedAt).toBe(AT);
      // Decided: only the report moves it on; nobody is offered anything.
      for (const actor of [official, alderman, objector])
        expect(availableEvents(o.snapshot, actor, null)).toEqual([]);
    }
  });

  it('is withdrawn by the objector before the decision only', () => {
    expect(accepted(received(), { type: 'WITHDRAW' }, objector).toState).toBe('withdrawn');
    const heard = accepted(received(), hear, official).snapshot;
    expect(availableEvents(heard, objector, null)).toEqual(['WITHDRAW']);
    expect(accepted(heard, { type: 'WITHDRAW' }, objector).toState).toBe('withdrawn');
  });

  it('four eyes: whoever heard the objector is told why they cannot decide', () => {
    const both: ActorRef = { id: 'off-1', roles: ['official', 'alderman'], areas: ['west'] };
    const heard = accepted(received(), hear, both).snapshot;
    expect(availableEvents(heard, both, null)).toEqual([]);
    expect(blockedEvents(heard, both, null)).toEqual([
      { type: 'DECIDE_OBJECTION', code: 'FOUR_EYES', detail: expect.stringMatching(/heard the objector/) },
    ]);
  });
});

describe('REOPEN: a founded objection sends the case objected against back to assessed', () => {
  const application = (): PersistedCase =>
    initialCase({
      type: 'initiative',
      areaCode: 'west',
      theme: 'green',
      initiatorId: 'res-1',
      requestedAmountCents: 50_000,
      submittedAt: AT,
    });
  const frame = { themes: ['green'], availableCents: 1_000_000, delegationLimitCents: 100_000 };
  const reopen = {
    type: 'REOPEN',
    objectionId: 'obj-1',
    objectionReference: 'BZW-2026-000001',
    decisionNumber: 'BES-2026-000007',
  } as const;

  function honoured() {
    const assessed = accepted(application(), { type: 'ASSESS', advice: 'honour', motivation: 'm' }, official);
    const o = applyEvent(
      assessed.snapshot,
      { type: 'HONOUR', amountCents: 40_000, motivation: 'm', accountBy: '2026-12-31' },
      alderman,
      frame,
      AT,
    );
    if (!o.accepted) throw new Error('not honoured');
    return o.snapshot;
  }

  it('releases the grant, clears what followed it and starts a new decision term; the first decision stays', () => {
    const granted = honoured();
    const later = '2026-05-04T08:00:00.000Z';
    const o = accepted(granted, reopen, alderman, later);
    expect(o.toState).toBe('assessed');
    expect(budgetDelta(granted.context, o.facts)).toBe(-40_000);
    expect(o.facts).toMatchObject<Partial<CaseFacts>>({
      committedCents: 0,
      honouredAmountCents: null,
      releasedAmountCents: null,
      accountBy: null,
      assessedBy: 'off-1',
      decidedAt: AT,
      decisionDueAt: '2026-06-29T08:00:00.000Z',
    });
    expect(o.meta).toEqual({ movesBudget: true });
    // Decided again: the grant commits anew; the moment of the first decision stays (a penalty stays frozen).
    const again = applyEvent(
      o.snapshot,
      { type: 'HONOUR', amountCents: 30_000, motivation: 'm', accountBy: '2026-12-31' },
      { ...alderman, id: 'ald-2' },
      frame,
      later,
    );
    expect(again).toMatchObject({
      accepted: true,
      toState: 'honoured',
      facts: { committedCents: 30_000, decidedAt: AT },
    });
  });

  it('is never offered to anyone, and refused while the application is open or withdrawn', () => {
    const granted = honoured();
    for (const actor of [official, alderman, objector])
      expect(availableEvents(granted, actor, frame)).not.toContain('REOPEN');
    expect(applyEvent(application(), reopen, alderman, null, AT)).toMatchObject({
      accepted: false,
      refusal: { code: 'STATE' },
    });
    const withdrawn = accepted(granted, { type: 'WITHDRAW' }, objector).snapshot;
    expect(applyEvent(withdrawn, reopen, alderman, null, AT)).toMatchObject({
      accepted: false,
      refusal: { code: 'STATE' },
    });
  });
});
