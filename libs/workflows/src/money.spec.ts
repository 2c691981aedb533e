// The money of a grant: from the moment it is committed to the moment the case closes, what
// stays committed plus what went back to the programme is the grant, and neither is negative.
// The programme's committed amount moves by budgetDelta with each event (under its lock, for
// the events mayMoveBudget names), so the deltas along a case's life add up to what it holds.
import { jest } from '@jest/globals';
import fc from 'fast-check';
import type {
  ActorRef,
  CaseEventInput,
  CaseFacts,
  CaseState,
  CaseType,
  EventType,
  Frame,
  PersistedCase,
} from './case-types.js';
import { APPLICATION_TYPES, type ApplicationType, CLIENT_EVENT_TYPES } from './case-types.js';
import { applyEvent, availableEvents, initialCase } from './case-workflow.js';
import { addDays, addMonths, amsterdamDate, startOfAmsterdamDay } from './dates.js';
import { budgetDelta, mayMoveBudget } from './event-effects.js';
import { stateHasTag } from './state-classes.js';

const REQUESTED = 50_000;
/** Monday 2 March 2026, 10:00 in Amsterdam. */
const AT = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;
const STARTS_ON = '2026-04-01';
const ROOMY: Frame = { themes: ['green'], availableCents: 10_000_000, delegationLimitCents: 100_000 };
const TIGHT: Frame = { themes: ['green'], availableCents: 10_000_000, delegationLimitCents: 10_000 };

const ACTORS: ActorRef[] = [
  { id: 'res-1', roles: ['resident'], areas: [] },
  { id: 'off-1', roles: ['official'], areas: ['west'] },
  { id: 'ald-1', roles: ['alderman'], areas: ['west'] },
  { id: 'ald-2', roles: ['alderman'], areas: ['west'] },
  { id: 'raad-1', roles: ['council'], areas: [] },
  { id: 'griffier-1', roles: ['clerk'], areas: [] },
];
const ALDERMAN = ACTORS[2];
/** The griffier registers the raad's decision on a referred case. */
const CLERK = ACTORS[5];

function submitted(type: CaseType): PersistedCase {
  return initialCase({
    type,
    areaCode: 'west',
    theme: 'green',
    initiatorId: 'res-1',
    requestedAmountCents: REQUESTED,
    submittedAt: AT,
  });
}

/**
 * An event of `type` for the case `facts`, its amounts and dates chosen by `n`: some within
 * the bounds (0, part, all of what is committed), some a cent or a day outside them.
 */
function eventFor(type: EventType, facts: CaseFacts, n: number, at = AT): CaseEventInput {
  const committed = facts.committedCents;
  const upToCommitted = [0, 1, Math.floor(committed / 3), committed, committed + 1][n % 5];
  switch (type) {
    case 'REQUEST_INFO':
      return { type, question: 'q' };
    case 'SUPPLY_INFO':
      return { type, answer: 'a' };
    case 'ASSESS':
      return { type, advice: 'honour', motivation: 'm' };
    case 'HONOUR':
    case 'COUNCIL_HONOUR':
      return {
        type,
        amountCents: 1 + (n % REQUESTED),
        motivation: 'm',
        ...(facts.type === 'initiative'
          ? { accountBy: addMonths(amsterdamDate(at), 6) }
          : { agreementMonths: 1 + (n % 120) }),
      };
    case 'REJECT':
    case 'REFER_TO_COUNCIL':
    case 'COUNCIL_REJECT':
    case 'REVOKE':
      return { type, motivation: 'm' };
    case 'WITHDRAW':
      return { type };
    case 'SUBMIT_ACCOUNT':
      return { type, report: 'r', actualCostCents: n % (3 * REQUESTED) };
    case 'REVIEW_ACCOUNT':
      return { type, advisedCents: upToCommitted, motivation: 'm' };
    case 'SETTLE':
      return { type, settledCents: upToCommitted, motivation: 'm' };
    case 'SIGN_AGREEMENT':
      return {
        type,
        startsOn: STARTS_ON,
        // Up to a month past the grant's term: sometimes refused.
        endsOn: addMonths(STARTS_ON, 1 + (n % ((facts.agreementMonths ?? 120) + 1))),
        deliverables: ['d'],
        indicators: [{ name: 'i', unit: 'u', target: 1 }],
        fallback: 'f',
      };
    case 'PROGRESS_REVIEW':
      return { type, findings: 'f', onTrack: n % 2 === 0, indicatorValues: [{ name: 'i', value: n % 7 }] };
    case 'EXTEND_AGREEMENT':
      return {
        type,
        // Past the 120 months of a whole agreement now and then: refused.
        newEndsOn: addMonths(facts.agreement?.endsOn ?? STARTS_ON, 1 + (n % 120)),
        motivation: 'm',
      };
    case 'EVALUATE':
      return { type, evaluation: 'e' };
    case 'TERMINATE':
      return { type, reason: 'r', releasedCents: upToCommitted };
    case 'NOT_PROCESSED':
      return { type, motivation: 'm' };
    case 'NOTICE_OF_DEFAULT':
      return { type };
    case 'EXTEND_TERM': {
      // Not later, a day, four weeks, exactly the case's most, a day more: sometimes refused.
      const days = [0, 1, 28, facts.terms.maxExtensionDays, facts.terms.maxExtensionDays + 1][n % 5];
      return {
        type,
        reason: 'r',
        newDueAt: new Date(Date.parse(facts.decisionDueAt) + days * DAY).toISOString(),
      };
    }
    case 'HEAR':
      return { type, heardOn: amsterdamDate(at), minutes: 'm' };
    case 'DECIDE_OBJECTION':
      return { type, outcome: 'founded', motivation: 'm' };
    case 'REOPEN':
      return {
        type,
        objectionId: 'o',
        objectionReference: 'BZW-2026-000001',
        decisionNumber: 'BES-2026-000001',
      };
    case 'REPORT':
      return { type, reportId: 'rep' };
  }
}

/** What must hold of the money of a case at every moment of its life. */
function expectMoneyHolds(p: PersistedCase): void {
  const f = p.context;
  const where = { state: p.value, honoured: f.honouredAmountCents };
  if (f.honouredAmountCents === null) {
    expect({ ...where, committed: f.committedCents, released: f.releasedAmountCents }).toEqual({
      ...where,
      committed: 0,
      released: null,
    });
    return;
  }
  const released = f.releasedAmountCents ?? 0;
  expect({
    ...where,
    committedNotNegative: f.committedCents >= 0,
    releasedNotNegative: released >= 0,
  }).toEqual({
    ...where,
    committedNotNegative: true,
    releasedNotNegative: true,
  });
  expect({ ...where, sum: f.committedCents + released }).toEqual({ ...where, sum: f.honouredAmountCents });
  // Closed: what stays committed is what the closing decision left.
  if (p.value === 'settled') expect(f.committedCents).toBe(f.settledAmountCents);
  if (p.value === 'revoked' || p.value === 'withdrawn') expect(f.committedCents).toBe(0);
  if (p.value === 'evaluated') expect(f.committedCents).toBe(f.honouredAmountCents);
}

/**
 * One event on the case: the outcome's snapshot (the same case when refused), after checking
 * the money, that a refusal changes nothing, and that only events mayMoveBudget names move it.
 */
function step(p: PersistedCase, event: CaseEventInput, actor: ActorRef, frame: Frame | null, at = AT) {
  const o = applyEvent(p, event, actor, frame, at);
  if (!o.accepted) return { next: p, delta: 0, accepted: false };
  const delta = budgetDelta(p.context, o.facts);
  if (delta !== 0)
    expect({ event: event.type, mayMoveBudget: mayMoveBudget(event.type) }).toEqual({
      event: event.type,
      mayMoveBudget: true,
    });
  expectMoneyHolds(o.snapshot);
  return { next: o.snapshot, delta, accepted: true };
}

// availableEvents reads the clock (NOT_PROCESSED and NOTICE_OF_DEFAULT depend on the moment):
// it is set to the moment of each event.
beforeAll(() => {
  jest.useFakeTimers({ now: new Date(AT) });
});
afterAll(() => {
  jest.useRealTimers();
});

/**
 * Every (event, actor, frame) that would be accepted at `at`, as availableEvents sees it, and
 * REPORT; with `reopen`, also a founded objection's REOPEN where the case takes it.
 */
function candidates(p: PersistedCase, at = AT, reopen = false): [EventType, ActorRef, Frame][] {
  jest.setSystemTime(new Date(at));
  const found: [EventType, ActorRef, Frame][] = [];
  for (const actor of ACTORS) {
    for (const frame of [ROOMY, TIGHT]) {
      for (const e of availableEvents(p, actor, frame)) found.push([e, actor, frame]);
    }
  }
  if (stateHasTag(p.value, 'reportable')) found.push(['REPORT', ALDERMAN, ROOMY]);
  if (reopen && applyEvent(p, eventFor('REOPEN', p.context, 0, at), ALDERMAN, null, at).accepted) {
    found.push(['REOPEN', ALDERMAN, ROOMY]);
  }
  return found;
}

/** The `n` of eventFor to try for each event with amounts or dates: within the bounds, and just outside. */
const VARIANTS: Partial<Record<EventType, number[]>> = {
  REVIEW_ACCOUNT: [0, 1, 2, 3, 4],
  SETTLE: [0, 1, 2, 3, 4],
  TERMINATE: [0, 1, 2, 3, 4],
  SIGN_AGREEMENT: [0, 119],
  EXTEND_AGREEMENT: [0, 119],
};

/** The states that close a case after its grant. */
const CLOSED_AFTER_GRANT: Record<ApplicationType, CaseState[]> = {
  initiative: ['settled', 'revoked', 'withdrawn', 'reported_to_raad'],
  right_to_challenge: ['evaluated', 'terminated', 'revoked', 'withdrawn', 'reported_to_raad'],
};

/** A case of `type` granted for `amount`, by the alderman or, after a referral, by the council (its clerk). */
function grantedCase(type: ApplicationType, amount: number, byCouncil: boolean): PersistedCase {
  let p = submitted(type);
  p = step(p, eventFor('ASSESS', p.context, 0), ACTORS[1], null).next;
  const grant = eventFor(byCouncil ? 'COUNCIL_HONOUR' : 'HONOUR', p.context, amount - 1);
  if (byCouncil) p = step(p, eventFor('REFER_TO_COUNCIL', p.context, 0), ALDERMAN, TIGHT).next;
  const o = step(p, grant, byCouncil ? CLERK : ALDERMAN, byCouncil ? TIGHT : ROOMY);
  expect(o.accepted).toBe(true);
  expect(o.next.context.committedCents).toBe(amount);
  return o.next;
}

describe.each(APPLICATION_TYPES)('%s: every path from a grant to the end', (type) => {
  it('keeps committed + released = granted, neither negative, the deltas adding up to what stays committed', () => {
    const closedIn = new Set<CaseState>();
    const ends = new Set<CaseState>();
    let paths = 0;
    let refused = 0;
    const walk = (p: PersistedCase, committedByDeltas: number, depth: number, selfSteps: number) => {
      expect(committedByDeltas).toBe(p.context.committedCents);
      if (CLOSED_AFTER_GRANT[type].includes(p.value)) closedIn.add(p.value);
      // One actor and frame per event: who sends it does not change the money.
      const byEvent = new Map(candidates(p).map((c) => [c[0], c] as const));
      if (byEvent.size === 0) {
        paths++;
        ends.add(p.value);
        return;
      }
      expect(depth).toBeLessThan(10);
      for (const [e, actor, frame] of byEvent.values()) {
        for (const n of VARIANTS[e] ?? [0]) {
          const o = step(p, eventFor(e, p.context, n), actor, frame);
          if (!o.accepted) {
            refused++;
            continue;
          }
          const self = o.next.value === p.value;
          // Two progress reviews or extensions in a row are enough to show they move no money.
          if (self && selfSteps >= 2) continue;
          walk(o.next, committedByDeltas + o.delta, depth + 1, self ? selfSteps + 1 : 0);
        }
      }
    };
    for (const amount of [1, 12_345, REQUESTED]) walk(grantedCase(type, amount, false), amount, 0, 0);
    walk(grantedCase(type, REQUESTED, true), REQUESTED, 0, 0);
    // Every way to close a granted case was walked to its end, and amounts out of bounds were refused.
    expect([...closedIn].sort()).toEqual([...CLOSED_AFTER_GRANT[type]].sort());
    expect([...ends].sort()).toEqual(['reported_to_raad', 'withdrawn']);
    expect(paths).toBeGreaterThan(type === 'initiative' ? 80 : 250);
    expect(refused).toBeGreaterThan(type === 'initiative' ? 15 : 80);
  });
});

/** What happens in a random life: a move comes up to forty days after the one before, so terms pass in many lives. */
const MOVES = fc.array(
  fc.record({
    pick: fc.nat(),
    n: fc.nat({ max: 1_000_000 }),
    any: fc.nat({ max: 4 }),
    days: fc.nat({ max: 40 }),
  }),
  { maxLength: 25 },
);
type Moves = { pick: number; n: number; any: number; days: number }[];

interface Life {
  refusedCodes: Set<string>;
  /** Each accepted event: the case before and after, the event and its moment. */
  onAccepted?: (before: PersistedCase, after: PersistedCase, event: CaseEventInput, at: string) => void;
}

/**
 * One random life of case `p` from AT: each move is an event available then, or any client
 * event by anyone (mostly refused: a refusal must change nothing). Checks the money at every
 * step; returns the case as the life left it.
 */
function live(p: PersistedCase, moves: Moves, life: Life): PersistedCase {
  let committedByDeltas = p.context.committedCents;
  let now = Date.parse(AT);
  for (const { pick, n, any, days } of moves) {
    now += days * DAY;
    const at = new Date(now).toISOString();
    let choice: [EventType, ActorRef, Frame | null];
    if (any === 0) {
      choice = [CLIENT_EVENT_TYPES[pick % CLIENT_EVENT_TYPES.length], ACTORS[n % ACTORS.length], ROOMY];
    } else {
      const next = candidates(p, at, true);
      if (next.length === 0) break;
      choice = next[pick % next.length];
    }
    const [e, actor, frame] = choice;
    const event = eventFor(e, p.context, n, at);
    const before = structuredClone(p);
    const o = step(p, event, actor, frame, at);
    if (!o.accepted) {
      expect(p).toEqual(before);
      const outcome = applyEvent(p, event, actor, frame, at);
      if (!outcome.accepted) life.refusedCodes.add('refusal' in outcome ? outcome.refusal.code : 'FIELDS');
    } else {
      life.onAccepted?.(before, o.next, event, at);
    }
    p = o.next;
    committedByDeltas += o.delta;
    expect(committedByDeltas).toBe(p.context.committedCents);
  }
  expectMoneyHolds(p);
  return p;
}

describe('random lives of a case (fast-check)', () => {
  it('never lose or make money, whatever valid or out-of-bounds events come in whatever order', () => {
    let granted = 0;
    let closedAfterGrant = 0;
    let reopened = 0;
    const refusedCodes = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(...APPLICATION_TYPES),
        // From submission, or from a grant of any amount (most lives from submission end before one).
        fc.option(fc.record({ amount: fc.integer({ min: 1, max: REQUESTED }), byCouncil: fc.boolean() })),
        MOVES,
        (type, grant, moves) => {
          let wasGranted = grant !== null;
          const start = grant ? grantedCase(type, grant.amount, grant.byCouncil) : submitted(type);
          const p = live(start, moves, {
            refusedCodes,
            onAccepted: (_before, after, event) => {
              if (after.context.honouredAmountCents !== null) wasGranted = true;
              if (event.type === 'REOPEN') reopened++;
            },
          });
          if (wasGranted) granted++;
          if (wasGranted && CLOSED_AFTER_GRANT[type].includes(p.value)) closedAfterGrant++;
        },
      ),
      { numRuns: 300 },
    );
    // The runs were not all refused at the start: many granted, many closed after a grant, and
    // out-of-bounds fields as well as wrong states and roles were tried.
    expect(granted).toBeGreaterThan(150);
    expect(closedAfterGrant).toBeGreaterThan(50);
    // Founded objections reopened decided cases, the grant going back to the programme.
    expect(reopened).toBeGreaterThan(10);
    expect(refusedCodes).toContain('FIELDS');
    expect(refusedCodes).toContain('STATE');
    expect(refusedCodes).toContain('ROLE');
  });

  it('from submission, as time passes: the term moves only by suspensions, the notice and the decision are recorded once', () => {
    const refusedCodes = new Set<string>();
    const accepted = new Set<EventType>();
    const suspensionsEnded = { beforeRespondBy: 0, after: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...APPLICATION_TYPES), MOVES, (type, moves) => {
        /** The term when the information was last asked for. */
        let dueAtRequest = '';
        /** A founded objection reopened it: decided once, open again. */
        let wasReopened = false;
        live(submitted(type), moves, {
          refusedCodes,
          onAccepted: (before, after, event, at) => {
            accepted.add(event.type);
            if (event.type === 'REOPEN') wasReopened = true;
            const [b, a] = [before.context, after.context];
            const where = { event: event.type, from: before.value, at };
            // Once recorded, the moment of the notice and of the decision never change.
            if (b.noticeOfDefaultAt !== null) {
              expect({ ...where, notice: a.noticeOfDefaultAt }).toEqual({
                ...where,
                notice: b.noticeOfDefaultAt,
              });
            }
            if (b.decidedAt !== null) {
              expect({ ...where, decidedAt: a.decidedAt }).toEqual({ ...where, decidedAt: b.decidedAt });
            }
            // An open case has no moment of decision, unless an objection reopened it after one; a
            // case that left the open states has one.
            expect({ ...where, decided: a.decidedAt !== null }).toEqual({
              ...where,
              decided: !stateHasTag(after.value, 'open') || wasReopened,
            });
            if (event.type === 'NOTICE_OF_DEFAULT') {
              expect(Date.parse(at)).toBeGreaterThan(Date.parse(b.decisionDueAt));
              expect(a.noticeOfDefaultAt).toBe(at);
            }
            if (event.type === 'NOT_PROCESSED') expect(amsterdamDate(at) > b.respondBy!).toBe(true);
            if (event.type === 'REQUEST_INFO') dueAtRequest = b.decisionDueAt;
            if (event.type === 'EXTEND_TERM') {
              // Once, while the term runs, to a later moment at most maxExtensionDays on.
              const moved = Date.parse(a.decisionDueAt) - Date.parse(b.decisionDueAt);
              expect({ ...where, before: b.termExtended, after: a.termExtended }).toEqual({
                ...where,
                before: false,
                after: true,
              });
              expect(Date.parse(at)).toBeLessThanOrEqual(Date.parse(b.decisionDueAt));
              expect(a.decisionDueAt).toBe(event.newDueAt);
              expect(moved).toBeGreaterThan(0);
              expect(moved).toBeLessThanOrEqual(b.terms.maxExtensionDays * DAY);
              // Extended while information is asked for: the answer gives back to the longer term.
              if (dueAtRequest !== '')
                dueAtRequest = new Date(Date.parse(dueAtRequest) + moved).toISOString();
            } else if (event.type === 'SUPPLY_INFO') {
              // What the suspension added in the end: from the request until the answer, or
              // until respondBy ended if that came first; nothing if the term had passed before
              // the request (a lapsed term is not revived).
              const end = Date.parse(startOfAmsterdamDay(addDays(b.respondBy!, 1)));
              const since = Date.parse(b.termSuspendedSince!);
              const suspended = since <= Date.parse(dueAtRequest) ? Math.min(Date.parse(at), end) - since : 0;
              expect({ ...where, added: Date.parse(a.decisionDueAt) - Date.parse(dueAtRequest) }).toEqual({
                ...where,
                added: suspended,
              });
              suspensionsEnded[Date.parse(at) < end ? 'beforeRespondBy' : 'after']++;
            } else if (event.type === 'REOPEN') {
              // A new decision term runs from the reopening.
              expect(a.decisionDueAt).toBe(new Date(Date.parse(at) + 56 * DAY).toISOString());
            } else if (event.type !== 'REQUEST_INFO') {
              expect({ ...where, due: a.decisionDueAt }).toEqual({ ...where, due: b.decisionDueAt });
            }
          },
        });
      }),
      { numRuns: 300 },
    );
    // Time passed in these lives: cases were set aside after their respondBy, the initiator gave
    // notice of default after the term, and suspensions ended both before and after respondBy.
    expect(accepted).toContain('NOT_PROCESSED');
    expect(accepted).toContain('NOTICE_OF_DEFAULT');
    expect(accepted).toContain('EXTEND_TERM');
    expect(suspensionsEnded.beforeRespondBy).toBeGreaterThan(5);
    expect(suspensionsEnded.after).toBeGreaterThan(5);
  });
});
