import type { TransferView } from './programme.dto.js';

/** A budget_transfers row. */
export interface TransferRow {
  id: string;
  year: number;
  from_area_code: string;
  to_area_code: string;
  amount_cents: string | number;
  reason: string;
  actor_id: string;
  created_at: Date | string;
  report_id: string | null;
}

export const TRANSFER_COLUMNS =
  'id, year, from_area_code, to_area_code, amount_cents, reason, actor_id, created_at, report_id';

export function toTransferView(row: TransferRow): TransferView {
  return {
    id: row.id,
    year: Number(row.year),
    fromAreaCode: row.from_area_code,
    toAreaCode: row.to_area_code,
    amountCents: Number(row.amount_cents),
    reason: row.reason,
    createdAt: new Date(row.created_at).toISOString(),
    actorId: row.actor_id,
    reportId: row.report_id,
  };
}
