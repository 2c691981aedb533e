// Types and constants shared by the workflow library. The lifecycle itself lives in
// case.machine.ts; everything here is plain data so the API can validate input against it.
import type { CaseTerms } from './case-terms.js';
import type { TransitionMeta } from './machine-parts.js';

export type CaseType = 'initiative' | 'right_to_challenge' | 'objection';
export const CASE_TYPES: readonly CaseType[] = Object.freeze([
  'initiative',
  'right_to_challenge',
  'objection',
] as const);
/** The types a resident applies with (POST /cases): an application (aanvraag). */
export type ApplicationType = Exclude<CaseType, 'objection'>;
export const APPLICATION_TYPES: readonly ApplicationType[] = Object.freeze([
  'initiative',
  'right_to_challenge',
] as const);

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
  | 'received'
  | 'heard'
  | 'decided'
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
  'received',
  'heard',
  'decided',
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
  | 'HEAR'
  | 'DECIDE_OBJECTION'
  | 'REOPEN'
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
  'HEAR',
  'DECIDE_OBJECTION',
  'REOPEN',
  'REPORT',
] as const);
/**
 * The events only the system sends, never a client via POST /cases/{id}/events: REPORT (the
 * reports service) and REOPEN (a founded objection, on the case whose decision it objected to).
 */
export type InternalEventType = 'REPORT' | 'REOPEN';
export type ClientEventType = Exclude<EventType, InternalEventType>;
const INTERNAL_EVENT_TYPES: readonly EventType[] = ['REPORT', 'REOPEN'];
export const CLIENT_EVENT_TYPES: readonly ClientEventType[] = Object.freeze(
  EVENT_TYPES.filter((e): e is ClientEventType => !INTERNAL_EVENT_TYPES.includes(e)),
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
  /**
   * Objection cases only (absent on applications, so their snapshots are unchanged): the
   * besluit objected to and what became of the objection.
   */
  objection?: ObjectionFacts;
  /** Objection cases only: who heard the objector; they may not also decide on it (four eyes). */
  heardBy?: string | null;
}

/** What a decision on an objection can be (Awb 7:11): gegrond, ongegrond, niet-ontvankelijk. */
export const OBJECTION_OUTCOMES = Object.freeze(['founded', 'unfounded', 'inadmissible'] as const);
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/** An objection (bezwaar) against a besluit, as its case's machine keeps it. */
export interface ObjectionFacts {
  /** The besluit objected to (BES-…). */
  decisionNumber: string;
  /** The case the besluit was taken on. */
  caseId: string;
  /** Received after the objection term ended (Awb 6:11 lets the college admit it anyway). */
  late: boolean;
  /** The hearing (Awb 7:2): the day and what was said. */
  hearing: { heardOn: string; minutes: string } | null;
  outcome: ObjectionOutcome | null;
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
> & {
  submittedAt: string;
  terms?: CaseTerms;
  /** Objection cases: the besluit objected to and the last day of its objection term (YYYY-MM-DD). */
  objectionTo?: { decisionNumber: string; caseId: string; objectionDeadline: string };
};

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
  | { type: 'HEAR'; heardOn: string; minutes: string }
  | { type: 'DECIDE_OBJECTION'; outcome: ObjectionOutcome; motivation: string }
  | { type: 'REOPEN'; objectionId: string; objectionReference: string; decisionNumber: string }
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
  /** An objection against a letter that is no besluit (objectionPossible false). */
  'NOT_OBJECTIONABLE',
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

/** A field of an event that does not fit the case (400 with invalidParams). */
export interface FieldProblem {
  name: string;
  reason: string;
}

export type Outcome =
  | {
      accepted: true;
      fromState: CaseState;
      toState: CaseState;
      snapshot: PersistedCase;
      facts: CaseFacts;
      /** The meta of the transition taken: what the event does beyond moving the case. */
      meta: TransitionMeta;
    }
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
