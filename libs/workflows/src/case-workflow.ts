// The functions the API calls. All pure: the caller loads the persisted case and the
// locked programme frame, calls applyEvent, and stores the outcome in one transaction.
import { initialTransition, transition } from 'xstate';
import type {
  ActorRef,
  CaseEventInput,
  CaseFacts,
  CaseState,
  CaseType,
  EventType,
  Frame,
  MachineEvent,
  NewCaseFacts,
  Outcome,
  PersistedCase,
  Refusal,
  Role,
  Violation,
} from './case-types.js';
import { CASE_TYPES, CLIENT_EVENT_TYPES, EVENT_TYPES, isCaseState, isCaseType } from './case-types.js';
import {
  EMPTY_AFTER_SUBMISSION,
  MACHINE_VERSION,
  getTypedCaseMachine,
  type CaseMachine,
} from './case.machine.js';
import { checkEventFields } from './event-fields.js';
import { LEGAL_TERMS } from './case-terms.js';
import { addMonths, amsterdamDate } from './dates.js';
import { checkBusinessRules } from './honour-rules.js';
import { unreachableStates } from './machine-graph.js';
import { EVENT_WORDS } from './event-labels.js';
import { EVENT_PERMISSIONS, checkFourEyes, checkPermission, holdsRoleFor } from './permissions.js';
import { stateDetails, type StateDetail } from './state-classes.js';

/**
 * Migrations from version n to n + 1, applied in order by migrateSnapshot; add an entry here
 * whenever MACHINE_VERSION is bumped. Version 2 moved the decision term into the context; a
 * version 1 snapshot lacks it, and the database migration MachineOwnsDecisionTerm wrote it
 * into every stored case from the row, so none is left to migrate here.
 */
const MIGRATIONS: Readonly<Record<number, (p: PersistedCase) => PersistedCase>> = {
  1: () => {
    throw new Error('Case snapshot of machine version 1: run the database migrations first');
  },
  // Version 3 follows a case past its decision (account, settlement, agreement). A version 2
  // case has none of that yet; a grant stays committed in full. Its state means the same in
  // version 3, a reported_to_raad included (closed and reported; under version 2 that was
  // every decided case, and it stays so).
  2: (p) => ({
    machineVersion: 3,
    value: p.value,
    context: {
      ...EMPTY_AFTER_SUBMISSION,
      ...p.context,
      committedCents: p.context.honouredAmountCents ?? 0,
    },
  }),
  // Version 4 knows the hersteltermijn (respondBy), notice of default and the moment of the
  // decision. A version 3 case has none of them: a suspension it began lasts until the answer.
  3: (p) => ({
    machineVersion: 4,
    value: p.value,
    context: { ...p.context, respondBy: null, noticeOfDefaultAt: null, decidedAt: null },
  }),
  // Version 5 keeps the case type's terms in the case. A version 4 case was submitted under
  // the law's terms, the only ones there were, and its term was never extended.
  4: (p) => ({
    machineVersion: 5,
    value: p.value,
    context: { ...p.context, terms: { ...LEGAL_TERMS[p.context.type] }, termExtended: false },
  }),
};

function persist(snapshot: { value: unknown; context: CaseFacts }): PersistedCase {
  return {
    machineVersion: MACHINE_VERSION,
    value: snapshot.value as CaseState,
    context: { ...snapshot.context },
  };
}

export function initialCase(facts: NewCaseFacts): PersistedCase {
  const [snapshot] = initialTransition(getTypedCaseMachine(facts.type), facts);
  return persist(snapshot);
}

/** Brings a stored snapshot up to MACHINE_VERSION; throws on versions this code does not know. */
export function migrateSnapshot(p: PersistedCase): PersistedCase {
  let current = p;
  while (current.machineVersion < MACHINE_VERSION) {
    const step = MIGRATIONS[current.machineVersion];
    if (!step) throw new Error(`No migration from case machine version ${current.machineVersion}`);
    current = step(current);
  }
  if (current.machineVersion !== MACHINE_VERSION) {
    throw new Error(
      `Case snapshot has machine version ${current.machineVersion}; this code knows up to ${MACHINE_VERSION}`,
    );
  }
  // A snapshot we cannot interpret must fail loudly rather than be silently resolved.
  if (!isCaseState(current.value) || !isCaseType(current.context?.type)) {
    throw new Error('Case snapshot has an unknown state or case type');
  }
  // The case types have states of their own since version 3: an initiative in_execution is as
  // unreadable as an unknown state.
  if (!Object.hasOwn(getTypedCaseMachine(current.context.type).states, current.value)) {
    throw new Error(`Case snapshot has a state its case type ${current.context.type} does not have`);
  }
  return current;
}

/** Whether the state handles the event at all, guards ignored: separates STATE from rule refusals. */
function stateHandles(machine: CaseMachine, state: CaseState, type: string): boolean {
  const node = machine.states[state];
  return node !== undefined && Object.keys(node.on).includes(type);
}

export function applyEvent(
  p: PersistedCase,
  event: CaseEventInput,
  actor: ActorRef,
  frame: Frame | null,
  /** The moment the event happens (ISO 8601): the machine never reads a clock. */
  at: string,
): Outcome {
  const current = migrateSnapshot(p);
  const refusal = refusalOf(current, event, actor, frame, at);
  if (refusal) return refusal;

  const fromState = current.value;
  const next = machineStep(current, event, actor, frame, at);
  // Defensive: the checks in refusalOf mirror the guards, so this means they drifted apart.
  if (!next.accepted) return refused(current, event, stateViolation(current, event));

  const persisted = persist(next.snapshot);
  return {
    accepted: true,
    fromState,
    toState: persisted.value,
    snapshot: persisted,
    facts: { ...persisted.context },
  };
}

/**
 * Runs the machine alone, its guards included, from the stored state: whether a transition
 * was taken (a self-transition such as PROGRESS_REVIEW stays in its state) and the next snapshot.
 */
function machineStep(
  current: PersistedCase,
  event: CaseEventInput,
  actor: ActorRef,
  frame: Frame | null,
  at: string,
) {
  const machine = getTypedCaseMachine(current.context.type);
  const snapshot = machine.resolveState({ value: current.value, context: { ...current.context } });
  const machineEvent = { ...event, actor, frame, at } as MachineEvent;
  if (!snapshot.can(machineEvent)) return { accepted: false as const };
  const [next] = transition(machine, snapshot, machineEvent);
  return { accepted: true as const, snapshot: next };
}

/** Only the machine, without refusalOf's checks: for the test that the two agree. */
export function machineAccepts(
  current: PersistedCase,
  event: CaseEventInput,
  actor: ActorRef,
  frame: Frame | null,
  at: string,
): boolean {
  return machineStep(current, event, actor, frame, at).accepted;
}

function stateViolation(current: PersistedCase, event: CaseEventInput): Violation {
  return { code: 'STATE', params: { state: current.value, event: event.type } };
}

function refused(current: PersistedCase, event: CaseEventInput, v: Violation): Outcome {
  return {
    accepted: false,
    refusal: { ...v, fromState: current.value, event: event.type } as Refusal,
  };
}

/**
 * The refusal the machine would give, or null when it accepts the event: whether the state
 * handles it, then who may send it, four eyes, and the business rules. Runs no machine, so
 * availableEvents can ask it for every event cheaply; a unit test checks that it agrees with
 * the machine for every state, actor and frame.
 */
export function refusalOf(
  current: PersistedCase,
  event: CaseEventInput,
  actor: ActorRef,
  frame: Frame | null,
  /** The moment of the event, to check the fields against; absent: fields are not checked. */
  at?: string,
): Outcome | null {
  const facts = current.context;
  if (!stateHandles(getTypedCaseMachine(facts.type), current.value, event.type)) {
    return refused(current, event, stateViolation(current, event));
  }
  // Order matters: it decides the HTTP status upstream (403, then 400, then 409).
  const forbidden = checkPermission(event.type, actor, facts) ?? checkFourEyes(event.type, actor, facts);
  if (forbidden) return refused(current, event, forbidden);
  const invalid = at === undefined ? [] : checkEventFields(facts, event, at);
  if (invalid.length > 0) return { accepted: false, invalidFields: invalid };
  const violation = checkBusinessRules(facts, event, frame, at ?? new Date().toISOString());
  return violation ? refused(current, event, violation) : null;
}

/** A representative event to probe whether a client event would be accepted now (fields are not checked). */
function probeEvent(type: EventType, facts: CaseFacts): CaseEventInput {
  const today = amsterdamDate(new Date().toISOString());
  switch (type) {
    case 'REQUEST_INFO':
      return { type, question: '' };
    case 'SUPPLY_INFO':
      return { type, answer: '' };
    case 'ASSESS':
      return { type, advice: 'honour', motivation: '' };
    case 'HONOUR':
    case 'COUNCIL_HONOUR':
      return { type, amountCents: facts.requestedAmountCents, motivation: '' };
    case 'REJECT':
    case 'REFER_TO_COUNCIL':
    case 'COUNCIL_REJECT':
    case 'REVOKE':
      return { type, motivation: '' };
    case 'WITHDRAW':
      return { type };
    case 'SUBMIT_ACCOUNT':
      return { type, report: '', actualCostCents: 0 };
    case 'REVIEW_ACCOUNT':
      return { type, advisedCents: 0, motivation: '' };
    case 'SETTLE':
      return { type, settledCents: 0, motivation: '' };
    case 'SIGN_AGREEMENT':
      return {
        type,
        startsOn: today,
        endsOn: addMonths(today, 1),
        deliverables: [],
        indicators: [],
        fallback: '',
      };
    case 'PROGRESS_REVIEW':
      return { type, findings: '', onTrack: true };
    case 'EXTEND_AGREEMENT':
      return { type, newEndsOn: today, motivation: '' };
    case 'EVALUATE':
      return { type, evaluation: '' };
    case 'TERMINATE':
      return { type, reason: '', releasedCents: 0 };
    case 'NOT_PROCESSED':
      return { type, motivation: '' };
    case 'NOTICE_OF_DEFAULT':
      return { type };
    case 'EXTEND_TERM':
      return { type, reason: '', newDueAt: facts.decisionDueAt };
    case 'REPORT':
      return { type, reportId: '' };
  }
}

function violationOf(refusal: Refusal): Violation {
  return { code: refusal.code, params: refusal.params } as Violation;
}

/** Client events this actor may send now and that would be accepted; REPORT is never listed. */
export function availableEvents(p: PersistedCase, actor: ActorRef, frame: Frame | null): EventType[] {
  const current = migrateSnapshot(p);
  return CLIENT_EVENT_TYPES.filter(
    (type) => refusalOf(current, probeEvent(type, current.context), actor, frame) === null,
  );
}

/** An event the caller's role could send in this state but may not now, and why (to be put in words). */
export type BlockedEvent = { type: EventType; violation: Violation };

/**
 * The client events this state takes and the actor holds the role for, that are refused now
 * (four eyes, no programme, theme, mandate, budget, a term not yet passed…), with the refusal:
 * so a screen can say why an action is missing instead of leaving it out.
 */
export function blockedEvents(p: PersistedCase, actor: ActorRef, frame: Frame | null): BlockedEvent[] {
  const current = migrateSnapshot(p);
  const machine = getTypedCaseMachine(current.context.type);
  return CLIENT_EVENT_TYPES.filter(
    (type) => stateHandles(machine, current.value, type) && holdsRoleFor(type, actor),
  ).flatMap((type) => {
    const outcome = refusalOf(current, probeEvent(type, current.context), actor, frame);
    return outcome && !outcome.accepted && 'refusal' in outcome
      ? [{ type, violation: violationOf(outcome.refusal) }]
      : [];
  });
}

export interface EventDetail {
  type: EventType;
  label: string;
  action?: string;
  /** The roles that may send it (see EVENT_PERMISSIONS); empty for internal events. */
  roles: Role[];
}

export interface WorkflowDescription {
  type: CaseType;
  initial: CaseState;
  states: CaseState[];
  events: EventType[];
  stateDetails: readonly StateDetail[];
  eventDetails: EventDetail[];
}

export function describeWorkflow(type: CaseType): WorkflowDescription {
  const machine = getTypedCaseMachine(type);
  const handled = new Set<string>(machine.root.events);
  const events = EVENT_TYPES.filter((e) => handled.has(e));
  const details = stateDetails(type);
  return {
    type,
    initial: machine.root.initial.target[0].key as CaseState,
    states: details.map((d) => d.name),
    events,
    stateDetails: details,
    eventDetails: events.map((e) => ({
      type: e,
      ...EVENT_WORDS[e],
      roles: EVENT_PERMISSIONS[e].internal ? [] : [...EVENT_PERMISSIONS[e].roles],
    })),
  };
}

/** Called at start-up: a state nobody can reach is a modelling error, better found before serving. */
export function assertAllStatesReachable(): void {
  const problems = CASE_TYPES.flatMap((type) =>
    unreachableStates(getTypedCaseMachine(type)).map((s) => `${type}.${s}`),
  );
  if (problems.length > 0) throw new Error(`Unreachable workflow states: ${problems.join(', ')}`);
}
