import {
  type CaseState,
  type CaseType,
  type EventType,
  amsterdamDate,
  isDecision,
  migrateSnapshot,
  penaltyOf,
  type PersistedCase,
  stateHasTag,
} from '../../../../libs/workflows/src/index.js';
import type { CaseRow } from '../cases/case-row.js';
import type { TransferRow } from '../programmes/transfer-row.js';
import { toTransferView } from '../programmes/transfer-row.js';
import type {
  DecisionTotals,
  ReportCaseView,
  ReportDecisionView,
  ReportTransferView,
  ReportView,
} from './report.dto.js';

/**
 * What a report stores in its body column; the rest of ReportView has columns of its own.
 * `decisionsThroughSeq`: the log head up to which this report read decisions (the next
 * report lists those after it); absent in reports issued before decisions were listed.
 */
export type ReportBody = Pick<ReportView, 'issuedBy' | 'cases' | 'transfers' | 'totals'> & {
  decisions?: ReportDecisionView[];
  decisionsThroughSeq?: number;
};

/** A process-log entry of a case, with the case, as ReportsRepository.decisionEntries reads it. */
export interface DecisionEntryRow {
  seq: number;
  at: Date | string;
  case_id: string;
  event: string;
  from_state: CaseState | null;
  to_state: CaseState | null;
  reference: string;
  type: CaseType;
  title: string;
  area_code: string;
  theme: string;
  honoured_amount_cents: string | number | null;
  settled_amount_cents: string | number | null;
  released_amount_cents: string | number | null;
  /** The case's machine snapshot now: its facts say whether a penalty ran and which decision stopped it. */
  snapshot: PersistedCase;
}

/**
 * What a decision did with money, for the totals: a grant commits, a refusal refuses, a
 * settlement fixes the final amount (and may release the rest); the others may release.
 */
export type DecisionKind = 'grant' | 'refusal' | 'settlement' | 'other';

/** A decision with what it did, as the report's totals count it. */
export type CountedDecision = ReportDecisionView & { kind: DecisionKind };

const cents = (v: string | number | null): number | null => (v === null ? null : Number(v));

/**
 * The decision an entry records, or null when the machine says the entry decided nothing
 * (isDecision: transition meta of the case type's machine, for the state it left). What it did
 * with money is read from the tags of the states it left and entered and from the case's
 * amounts: a grant enters a `granted` state from one that is not (amountCents: the grant);
 * a decision leaving a grant's `in_progress` life closes it, and the case's settled and
 * released amounts are then what that decision fixed (no later event moves money), so
 * amountCents is the settled amount and releasedCents what went back to the programme.
 */
export function toCountedDecision(e: DecisionEntryRow): CountedDecision | null {
  if (e.from_state === null || e.to_state === null) return null;
  if (!isDecision(e.type, e.from_state, e.event)) return null;
  const decision: CountedDecision = {
    seq: Number(e.seq),
    at: new Date(e.at).toISOString(),
    caseId: e.case_id,
    reference: e.reference,
    type: e.type,
    title: e.title,
    areaCode: e.area_code,
    theme: e.theme,
    event: e.event as EventType,
    kind: stateHasTag(e.to_state, 'refused') ? 'refusal' : 'other',
  };
  const fromGranted = stateHasTag(e.from_state, 'granted');
  const honoured = cents(e.honoured_amount_cents);
  if (!fromGranted && stateHasTag(e.to_state, 'granted') && honoured !== null) {
    decision.kind = 'grant';
    decision.amountCents = honoured;
  } else if (fromGranted && !stateHasTag(e.to_state, 'in_progress')) {
    const settled = cents(e.settled_amount_cents);
    const released = cents(e.released_amount_cents);
    if (settled !== null) {
      decision.kind = 'settlement';
      decision.amountCents = settled;
    }
    if (released !== null) decision.releasedCents = released;
  }
  const penalty = penaltyStoppedBy(e, decision.at);
  if (penalty > 0) decision.penaltyCents = penalty;
  return decision;
}

/**
 * The penalty (Awb 4:17) this entry's decision froze, in euro cents, or 0. A penalty stops at
 * the decision on the application: the entry leaves a state in which the decision term runs
 * (tag `open`) for one where it does not, the case holds a notice of default, and the decision
 * the case records (decidedAt) is of that day. The log may place an entry a millisecond after
 * the machine's moment (it keeps its entries in order), so the day is compared, not the moment.
 */
function penaltyStoppedBy(e: DecisionEntryRow, at: string): number {
  if (!stateHasTag(e.from_state!, 'open') || stateHasTag(e.to_state!, 'open')) return 0;
  const facts = migrateSnapshot(e.snapshot).context;
  if (facts.decidedAt === null || amsterdamDate(facts.decidedAt) !== amsterdamDate(at)) return 0;
  return penaltyOf(facts, at)?.amountCents ?? 0;
}

/** The decision as the report shows it. */
export function toReportDecision({ kind: _kind, ...view }: CountedDecision): ReportDecisionView {
  return view;
}

/** A reports row. */
export interface ReportRow {
  id: string;
  number: number;
  created_at: Date;
  log_head_seq: number;
  log_head_hash: string;
  body: ReportBody;
}

export const REPORT_COLUMNS = 'id, number, created_at, log_head_seq, log_head_hash, body';

export function toReportView(r: ReportRow): ReportView {
  return {
    id: r.id,
    number: Number(r.number),
    createdAt: new Date(r.created_at).toISOString(),
    issuedBy: r.body.issuedBy,
    logHead: { seq: Number(r.log_head_seq), hash: r.log_head_hash },
    // Reports issued before decisions were listed have none.
    decisions: r.body.decisions ?? [],
    cases: r.body.cases,
    transfers: r.body.transfers,
    totals: {
      ...withDecisionTotals(r.body.totals),
      byAreaTheme: (r.body.totals.byAreaTheme ?? []).map(withDecisionTotals),
      byArea: (r.body.totals.byArea ?? []).map(withDecisionTotals),
    },
  };
}

/**
 * Totals as stored by an earlier version lack the figures added since (settled and released
 * amounts when decisions came into the report, penalties later): nothing of the kind was
 * counted then, so 0.
 */
export function withDecisionTotals<T extends object>(x: T): T & DecisionTotals {
  return {
    honouredCount: 0,
    rejectedCount: 0,
    honouredAmountCents: 0,
    settledCount: 0,
    settledAmountCents: 0,
    releasedAmountCents: 0,
    penaltyAmountCents: 0,
    ...x,
  };
}

/** The case as the council reads it: what was decided; never contact data or the initiator's id. */
export function toReportCase(row: CaseRow, decidedByCouncil: boolean): ReportCaseView {
  // Reportable states accept no event but REPORT, so the state is the decision.
  const outcome = row.state;
  return {
    caseId: row.id,
    reference: row.reference,
    type: row.type,
    title: row.title,
    areaCode: row.area_code,
    theme: row.theme,
    outcome,
    decidedBy: decidedByCouncil ? 'council' : 'college',
    requestedAmountCents: Number(row.requested_amount_cents),
    // A revoked or terminated case was granted too: what it was granted stays in view.
    honouredAmountCents: cents(row.honoured_amount_cents),
    settledAmountCents: cents(row.settled_amount_cents),
    releasedAmountCents: cents(row.released_amount_cents),
    // Reportable states accept no event but REPORT, so the last change was the closing decision.
    decidedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A transfer as the report lists it: the transfer without the report it is in. */
export function toReportTransfer(row: TransferRow): ReportTransferView {
  const { reportId: _report, ...transfer } = toTransferView(row);
  return transfer;
}
