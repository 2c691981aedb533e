import { stateHasTag } from '../../../../libs/workflows/src/index.js';
import type { CaseRow } from '../cases/case-row.js';
import type { TransferRow } from '../programmes/transfer-row.js';
import { toTransferView } from '../programmes/transfer-row.js';
import type { ReportCaseView, ReportTransferView, ReportView } from './report.dto.js';

/** What a report stores in its body column; the rest of ReportView has columns of its own. */
export type ReportBody = Pick<ReportView, 'issuedBy' | 'cases' | 'transfers' | 'totals'>;

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
    cases: r.body.cases,
    transfers: r.body.transfers,
    totals: r.body.totals,
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
    honouredAmountCents:
      stateHasTag(outcome, 'granted') && row.honoured_amount_cents !== null
        ? Number(row.honoured_amount_cents)
        : null,
    // honoured and rejected accept no event but REPORT, so the last change was the decision.
    decidedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A transfer as the report lists it: the transfer without the report it is in. */
export function toReportTransfer(row: TransferRow): ReportTransferView {
  const { reportId: _report, ...transfer } = toTransferView(row);
  return transfer;
}
