import type { Message } from '../../messages/src/messages.js';
// Types and constants shared by the workflow library. The lifecycle itself lives in
// case.machine.ts; everything here is plain data so the API can validate input against it.
import type { CaseTerms } from './case-terms.js';

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
  | 'accounted'
  | 'account_reviewed'
  | 'settled'
  | 'revoked'
  | 'in_execution'
  | 'evaluated'
  | 'terminated'
  | 'not_processed'
  | 'reported_to_raad';
export const CASE_STATES: readonly CaseState[] = Object.freeze([
  'submitted',
  'awaiting_info',
  'assessed',
  'awaiting_council',
  'honoured',
  'rejected',
  'withdrawn',
  'accounted',
  'account_reviewed',
  'settled',
  'revoked',
  'in_execution',
  'evaluated',
  'terminated',
  'not_processed',
  'reported_to_raad',
] as const);

/**
 * `council`: a raadslid, who reads and verifies; `clerk`: the griffier, who registers what the
 * raad decided in a meeting (raadsbesluiten: programmes, decisions on referred cases).
 */
export type Role = 'resident' | 'official' | 'alderman' | 'council' | 'clerk';
export const ROLES: readonly Role[] = Object.freeze([
  'resident',
  'official',
  'alderman',
  'council',
  'clerk',
] as const);

/**
 * The raad's meeting a raadsbesluit was taken in, as the clerk registers it: the day
 * (YYYY-MM-DD), the agenda item and, when recorded, the votes. Not personal data.
 */
export interface CouncilDecision {
  meetingOn: string;
  agendaItem: string;
  votesFor?: number;
  votesAgainst?: number;
}

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
  | 'SUBMIT_ACCOUNT'
  | 'REVIEW_ACCOUNT'
  | 'SETTLE'
  | 'REVOKE'
  | 'SIGN_AGREEMENT'
  | 'PROGRESS_REVIEW'
  | 'EXTEND_AGREEMENT'
  | 'EVALUATE'
  | 'TERMINATE'
  | 'NOT_PROCESSED'
  | 'NOTICE_OF_DEFAULT'
  | 'EXTEND_TERM'
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
  'SUBMIT_ACCOUNT',
  'REVIEW_ACCOUNT',
  'SETTLE',
  'REVOKE',
  'SIGN_AGREEMENT',
  'PROGRESS_REVIEW',
  'EXTEND_AGREEMENT',
  'EVALUATE',
  'TERMINATE',
  'NOT_PROCESSED',
  'NOTICE_OF_DEFAULT',
  'EXTEND_TERM',
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
  /** Initiative: the date (YYYY-MM-DD) by which the initiator accounts for the grant. */
  accountBy: string | null;
  /** Obligations attached to the grant (voorschriften), as the decision states them. */
  conditions: string | null;
  /** The initiator's account (verantwoording) of an initiative grant. */
  account: { report: string; actualCostCents: number; submittedAt: string } | null;
  /** The official's review of the account and the amount they advise to settle. */
  accountReview: { advisedCents: number; motivation: string } | null;
  /** Who reviewed the account: they may not also settle it (four eyes). */
  reviewedBy: string | null;
  /** The amount finally settled (vaststelling). */
  settledAmountCents: number | null;
  /** What went back to the programme of the grant (settled below the grant, revoked, withdrawn, terminated). */
  releasedAmountCents: number | null;
  /** What stays committed against the programme of the grant: the grant minus what was released. */
  committedCents: number;
  /** Right to Challenge: the signed agreement. */
  agreement: Agreement | null;
  /** When the decision is due (ISO 8601): the term from submission, moved on by suspensions. */
  decisionDueAt: string;
  /** Since when the decision term stands still (information asked for); null while it runs. */
  termSuspendedSince: string | null;
  /** The hersteltermijn: the last day (YYYY-MM-DD) to supply the information asked for. */
  respondBy: string | null;
  /** When the applicant gave notice of default (ingebrekestelling, Awb 4:17); null: not given. */
  noticeOfDefaultAt: string | null;
  /** When the application was decided on (it stops a penalty); null while open. */
  decidedAt: string | null;
  /** The case type's terms as they were when the case was submitted: a later change leaves them. */
  terms: CaseTerms;
  /** Whether the decision term was extended (verdaging, Awb 4:14): it may be, once. */
  termExtended: boolean;
}

export interface Indicator {
  name: string;
  unit: string;
  target: number;
}

/** What a Right to Challenge agreement binds the residents to, and what happens if the task comes back. */
export interface Agreement {
  startsOn: string;
  endsOn: string;
  deliverables: string[];
  indicators: Indicator[];
  /** Terugvaloptie: what the municipality does if the task comes back to it. */
  fallback: string;
}

export interface IndicatorValue {
  name: string;
  value: number;
}

/**
 * Facts known when a case is submitted, the moment it was, and the case type's terms then
 * (absent: the law's, LEGAL_TERMS).
 */
export type NewCaseFacts = Pick<
  CaseFacts,
  'type' | 'areaCode' | 'theme' | 'initiatorId' | 'requestedAmountCents'
> & { submittedAt: string; terms?: CaseTerms };

/** The area's programme of the current year, as locked by the transaction; null when there is none. */
export interface Frame {
  themes: string[];
  availableCents: number;
  delegationLimitCents: number;
}

/**
 * A client's event. `councilDecision` of COUNCIL_* is required by the API (its body class) and
 * goes into the log entry; the machine does not read it, so it is optional here.
 */
export type CaseEventInput =
  | { type: 'REQUEST_INFO'; question: string; respondBy?: string }
  | { type: 'SUPPLY_INFO'; answer: string }
  | { type: 'ASSESS'; advice: 'honour' | 'reject'; motivation: string }
  | ({ type: 'HONOUR' } & GrantFields)
  | { type: 'REJECT'; motivation: string }
  | { type: 'REFER_TO_COUNCIL'; motivation: string }
  | ({ type: 'COUNCIL_HONOUR'; councilDecision?: CouncilDecision } & GrantFields)
  | { type: 'COUNCIL_REJECT'; motivation: string; councilDecision?: CouncilDecision }
  | { type: 'WITHDRAW'; reason?: string }
  | { type: 'SUBMIT_ACCOUNT'; report: string; actualCostCents: number }
  | { type: 'REVIEW_ACCOUNT'; advisedCents: number; motivation: string }
  | { type: 'SETTLE'; settledCents: number; motivation: string }
  | { type: 'REVOKE'; motivation: string }
  | ({ type: 'SIGN_AGREEMENT' } & Agreement)
  | { type: 'PROGRESS_REVIEW'; findings: string; onTrack: boolean; indicatorValues?: IndicatorValue[] }
  | { type: 'EXTEND_AGREEMENT'; newEndsOn: string; motivation: string }
  | { type: 'EVALUATE'; evaluation: string; indicatorValues?: IndicatorValue[] }
  | { type: 'TERMINATE'; reason: string; releasedCents: number }
  | { type: 'NOT_PROCESSED'; motivation: string }
  | { type: 'NOTICE_OF_DEFAULT' }
  /** Verdaging (Awb 4:14 lid 3): the decision term moved to `newDueAt` (ISO 8601), once. */
  | { type: 'EXTEND_TERM'; reason: string; newDueAt: string }
  | { type: 'REPORT'; reportId: string };

/** The fields of a grant (HONOUR, COUNCIL_HONOUR); which of the optional ones a case type needs is in event-fields.ts. */
export interface GrantFields {
  amountCents: number;
  motivation: string;
  /** right_to_challenge: the agreement's longest term. */
  agreementMonths?: number;
  /** initiative: the date by which the initiator accounts for the grant. */
  accountBy?: string;
  conditions?: string;
}

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
  /** A programme's budget revised below what is already committed against it. */
  'BUDGET_BELOW_COMMITTED',
  /** NOT_PROCESSED before the day to supply the information has passed. */
  'RESPOND_BY_NOT_PASSED',
  /** NOTICE_OF_DEFAULT while the decision term still runs. */
  'TERM_NOT_EXPIRED',
  /** NOTICE_OF_DEFAULT a second time. */
  'NOTICE_ALREADY_GIVEN',
  /** EXTEND_TERM once the decision term has passed: there is nothing left to extend. */
  'TERM_EXPIRED',
  /** EXTEND_TERM a second time: the law allows one extension. */
  'TERM_ALREADY_EXTENDED',
] as const);
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * What each refusal names, so that it can be said in words (libs/messages renders it in the
 * reader's language): amounts in cents, days YYYY-MM-DD, moments ISO 8601.
 */
export interface RefusalParams {
  STATE: { state: CaseState; event: EventType };
  /** `roles`: every role that may send the event (one of them will do), in the permission table's order. */
  ROLE: { event: EventType; roles: Role[]; scope: 'area' | 'initiator' | 'all' };
  CONFLICT_OF_INTEREST: { event: EventType };
  /** `prepared`: the fact that names who prepared the decision (assessed it, reviewed the account). */
  FOUR_EYES: { event: EventType; prepared: 'assessedBy' | 'reviewedBy' };
  NO_PROGRAMME: Record<string, never>;
  THEME_NOT_IN_PROGRAMME: { theme: string; themes: string[] };
  AMOUNT_ABOVE_REQUEST: { amountCents: number; requestedCents: number };
  BUDGET_EXCEEDED: { amountCents: number; availableCents: number };
  ABOVE_DELEGATION_LIMIT: { amountCents: number; limitCents: number };
  NOT_ABOVE_DELEGATION_LIMIT: { requestedCents: number; limitCents: number };
  BUDGET_BELOW_COMMITTED: { budgetCents: number; committedCents: number };
  /** respondBy null: no day was set. */
  RESPOND_BY_NOT_PASSED: { respondBy: string | null };
  /** decisionDueAt null: the term stands still until the answer (a suspension of machine version 3). */
  TERM_NOT_EXPIRED: { decisionDueAt: string | null };
  NOTICE_ALREADY_GIVEN: Record<string, never>;
  /** The moment the term ended (it may not be extended after it). */
  TERM_EXPIRED: { decisionDueAt: string };
  TERM_ALREADY_EXTENDED: Record<string, never>;
}

/** A refusal before it is tied to a state and event: its code and what it names. */
export type Violation = { [C in RefusalCode]: { code: C; params: RefusalParams[C] } }[RefusalCode];

export type Refusal = Violation & { fromState: CaseState; event: EventType };

/** JSON-safe; `machineVersion` says which machine shape produced it (see migrateSnapshot). */
export interface PersistedCase {
  machineVersion: number;
  value: CaseState;
  context: CaseFacts;
}

/** A field of an event that does not fit the case (400 with invalidParams). */
export interface FieldProblem {
  name: string;
  reason: Message;
}

export type Outcome =
  | { accepted: true; fromState: CaseState; toState: CaseState; snapshot: PersistedCase; facts: CaseFacts }
  | { accepted: false; refusal: Refusal }
  | { accepted: false; invalidFields: FieldProblem[] };

export function isCaseType(x: unknown): x is CaseType {
  return (CASE_TYPES as readonly unknown[]).includes(x);
}
export function isCaseState(x: unknown): x is CaseState {
  return (CASE_STATES as readonly unknown[]).includes(x);
}
export function isEventType(x: unknown): x is EventType {
  return (EVENT_TYPES as readonly unknown[]).includes(x);
}
