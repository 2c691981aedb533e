// What an event does beyond moving a case, read from the machines themselves: whether it
// is a decision the council hears of, whether it may move money between a case and its
// programme, whether its rules read the area's programme. The API asks these questions
// instead of keeping its own lists of events.
import type { CaseFacts, CaseState, CaseType, EventType } from './case-types.js';
import { CASE_TYPES } from './case-types.js';
import { getTypedCaseMachine, type TransitionMeta } from './case.machine.js';
import type { DecisionKind } from './decision-kinds.js';

interface TransitionFacts {
  caseType: CaseType;
  from: string;
  event: string;
  meta: TransitionMeta;
}

function transitionsOf(caseType: CaseType): TransitionFacts[] {
  const machine = getTypedCaseMachine(caseType);
  return Object.entries(machine.states).flatMap(([from, node]) =>
    Object.entries(node.on).flatMap(([event, defs]) =>
      defs.map((d) => ({ caseType, from, event, meta: (d.meta ?? {}) as TransitionMeta })),
    ),
  );
}

// Built once: machines are immutable.
const TRANSITIONS: readonly TransitionFacts[] = Object.freeze(CASE_TYPES.flatMap(transitionsOf));
const MOVES_BUDGET = new Set(TRANSITIONS.filter((t) => t.meta.movesBudget).map((t) => t.event));
const READS_FRAME = new Set(TRANSITIONS.filter((t) => t.meta.readsFrame).map((t) => t.event));
const MAY_REOPEN = new Set(TRANSITIONS.filter((t) => t.meta.reopensOriginal).map((t) => t.event));

/** The meta of every transition of a case type's machine, `from` state and event, guards in order. */
export function transitionMetas(caseType: CaseType, from: CaseState, event: string): TransitionMeta[] {
  return TRANSITIONS.filter((t) => t.caseType === caseType && t.from === from && t.event === event).map(
    (t) => t.meta,
  );
}
const DECISIONS = new Set(
  TRANSITIONS.filter((t) => t.meta.decision).map((t) => `${t.caseType}:${t.from}:${t.event}`),
);

/**
 * Whether the event may change the amount committed against a programme (a grant commits,
 * a settlement, revocation, withdrawal or termination releases): it must then be written
 * under the programme's lock, like every other change of that amount.
 */
export function mayMoveBudget(event: EventType): boolean {
  return MOVES_BUDGET.has(event);
}

/**
 * Whether the event may reopen another case (a founded objection reopens the case objected
 * against): it must then be written in one transaction with that case's REOPEN.
 */
export function mayReopen(event: EventType): boolean {
  return MAY_REOPEN.has(event);
}

/** Whether the event's rules read the area's programme of the current year. */
export function readsFrame(event: EventType): boolean {
  return READS_FRAME.has(event);
}

/** Whether the event, sent in `from`, is a decision the next report lists (a grant, refusal, settlement…). */
export function isDecision(caseType: CaseType, from: CaseState, event: string): boolean {
  return DECISIONS.has(`${caseType}:${from}:${event}`);
}

const BESLUITEN = new Map(
  TRANSITIONS.filter((t) => t.meta.besluit).map((t) => [
    `${t.caseType}:${t.from}:${t.event}`,
    t.meta.besluit!,
  ]),
);

/** The kind of besluit the event, sent in `from`, is (a numbered letter the initiator may object to), or null. */
export function besluitOf(caseType: CaseType, from: CaseState, event: string): DecisionKind | null {
  return BESLUITEN.get(`${caseType}:${from}:${event}`) ?? null;
}

const LETTERS = new Map(
  TRANSITIONS.filter((t) => t.meta.letter).map((t) => [`${t.caseType}:${t.from}:${t.event}`, t.meta.letter!]),
);

/**
 * The letter the initiator receives for the event, sent in `from`: a besluit (which may be
 * objected to) or a letter that is none (a verdaging); null when the event sends no letter.
 */
export function letterOf(
  caseType: CaseType,
  from: CaseState,
  event: string,
): { kind: DecisionKind; besluit: boolean } | null {
  const besluit = besluitOf(caseType, from, event);
  if (besluit !== null) return { kind: besluit, besluit: true };
  const letter = LETTERS.get(`${caseType}:${from}:${event}`);
  return letter === undefined ? null : { kind: letter, besluit: false };
}

/** The events that are a decision in some state of some case type, for filters and documentation. */
export const DECISION_EVENTS: readonly EventType[] = Object.freeze([
  ...new Set(TRANSITIONS.filter((t) => t.meta.decision).map((t) => t.event as EventType)),
]);

/**
 * How much an accepted event changes what the case holds committed against its programme:
 * positive for a grant, negative for what goes back, zero otherwise.
 */
export function budgetDelta(before: CaseFacts, after: CaseFacts): number {
  return after.committedCents - before.committedCents;
}
