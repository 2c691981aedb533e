// Types and constants shared by the workflow library. The lifecycle itself lives in
// case.machine.ts; everything here is plain data so the API can validate input against it.

export type CaseType = 'initiative' | 'right_to_challenge';
export const CASE_TYPES: readonly CaseType[] = Object.freeze(['initiative', 'right_to_challenge'] as const);

export type CaseState =
  | 'submitted'
  | 'awaiting_info'
  | 'assessed'
  | 'awaiting_council'
  | 'honoured'
  | 'rejected'
  | 'withdrawn'
  | 'reported_to_raad';
export const CASE_STATES: readonly CaseState[] = Object.freeze([
  'submitted',
  'awaiting_info',
  'assessed',
  'awaiting_council',
  'honoured',
  'rejected',
  'withdrawn',
  'reported_to_raad',
] as const);

export type Role = 'resident' | 'official' | 'alderman' | 'council';
export const ROLES: readonly Role[] = Object.freeze(['resident', 'official', 'alderman', 'council'] as const);

export type EventType =
  | 'REQUEST_INFO'
  | 'SUPPLY_INFO'
  | 'ASSESS'
  | 'HONOUR'
  | 'REJECT'
  | 'REFER_TO_COUNCIL'
  | 'COUNCIL_HONOUR'
  | 'COUNCIL_REJECT'
  | 'WITHDRAW'
  | 'REPORT';
export const EVENT_TYPES: readonly EventType[] = Object.freeze([
  'REQUEST_INFO',
  'SUPPLY_INFO',
  'ASSESS',
  'HONOUR',
  'REJECT',
  'REFER_TO_COUNCIL',
  'COUNCIL_HONOUR',
  'COUNCIL_REJECT',
  'WITHDRAW',
  'REPORT',
] as const);
/** REPORT is internal: only the reports service sends it, never a client via POST /cases/{id}/events. */
export const CLIENT_EVENT_TYPES: readonly EventType[] = Object.freeze(
  EVENT_TYPES.filter((e) => e !== 'REPORT'),
);

export interface ActorRef {
  id: string;
  roles: Role[];
  areas: string[];
}

/** The machine's context, persisted in the snapshot. Only JSON-safe primitives. */
export interface CaseFacts {
  type: CaseType;
  areaCode: string;
  theme: string;
  initiatorId: string;
  requestedAmountCents: number;
  assessedBy: string | null;
  honouredAmountCents: number | null;
  /** Only set for right_to_challenge on HONOUR/COUNCIL_HONOUR. */
  agreementMonths: number | null;
  /** When the decision is due (ISO 8601): the term from submission, moved on by suspensions. */
  decisionDueAt: string;
  /** Since when the decision term stands still (information asked for); null while it runs. */
  termSuspendedSince: string | null;
}

/** Facts known when a case is submitted, and the moment it was. */
export type NewCaseFacts = Omit<
  CaseFacts,
  'assessedBy' | 'honouredAmountCents' | 'agreementMonths' | 'decisionDueAt' | 'termSuspendedSince'
> & { submittedAt: string };

/** The area's programme of the current year, as locked by the transaction; null when there is none. */
export interface Frame {
  themes: string[];
  availableCents: number;
  delegationLimitCents: number;
}

export type CaseEventInput =
  | { type: 'REQUEST_INFO'; question: string }
  | { type: 'SUPPLY_INFO'; answer: string }
  | { type: 'ASSESS'; advice: 'honour' | 'reject'; motivation: string }
  | { type: 'HONOUR'; amountCents: number; motivation: string; agreementMonths?: number }
  | { type: 'REJECT'; motivation: string }
  | { type: 'REFER_TO_COUNCIL'; motivation: string }
  | { type: 'COUNCIL_HONOUR'; amountCents: number; motivation: string; agreementMonths?: number }
  | { type: 'COUNCIL_REJECT'; motivation: string }
  | { type: 'WITHDRAW'; reason?: string }
  | { type: 'REPORT'; reportId: string };

/**
 * What the machine receives: the client's event plus who sent it, the frame and the moment
 * (ISO 8601), so guards and actions stay pure: the machine never reads a clock.
 */
export type MachineEvent = CaseEventInput & { actor: ActorRef; frame: Frame | null; at: string };

/**
 * Why an event is refused: the `code` of the problem document. One list, read by the
 * problem mapping (refusalError's exhaustive switch), the OpenAPI document (an enum on the
 * problem's code) and clients.
 */
export const REFUSAL_CODES = Object.freeze([
  'STATE',
  'ROLE',
  'CONFLICT_OF_INTEREST',
  'FOUR_EYES',
  'NO_PROGRAMME',
  'THEME_NOT_IN_PROGRAMME',
  'AMOUNT_ABOVE_REQUEST',
  'BUDGET_EXCEEDED',
  'ABOVE_DELEGATION_LIMIT',
  'NOT_ABOVE_DELEGATION_LIMIT',
  'AGREEMENT_MONTHS_REQUIRED',
  /** A programme's budget revised below what is already committed against it. */
  'BUDGET_BELOW_COMMITTED',
] as const);
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** `detail` is one clear English sentence for a civil servant, with no internals. */
export interface Refusal {
  code: RefusalCode;
  fromState: CaseState;
  event: EventType;
  detail: string;
}

/** A refusal before it is tied to a state and event. */
export interface Violation {
  code: RefusalCode;
  detail: string;
}

/** JSON-safe; `machineVersion` says which machine shape produced it (see migrateSnapshot). */
export interface PersistedCase {
  machineVersion: number;
  value: CaseState;
  context: CaseFacts;
}

export type Outcome =
  | { accepted: true; fromState: CaseState; toState: CaseState; snapshot: PersistedCase; facts: CaseFacts }
  | { accepted: false; refusal: Refusal };

export function isCaseType(x: unknown): x is CaseType {
  return (CASE_TYPES as readonly unknown[]).includes(x);
}
export function isCaseState(x: unknown): x is CaseState {
  return (CASE_STATES as readonly unknown[]).includes(x);
}
export function isEventType(x: unknown): x is EventType {
  return (EVENT_TYPES as readonly unknown[]).includes(x);
}
