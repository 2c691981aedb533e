import type { ProgrammeView, TransferView } from './programme.dto.js';

/** A programmes row; bigint columns arrive as strings from pg, as numbers from PGlite. */
export interface ProgrammeRow {
  year: number;
  area_code: string;
  budget_cents: string | number;
  committed_cents: string | number;
  delegation_limit_cents: string | number;
  themes: string[];
}

/** An amount for a problem detail (which is English): €1234.50. */
export function euro(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}

export const PROGRAMME_COLUMNS =
  'year, area_code, budget_cents, committed_cents, delegation_limit_cents, themes';

export function toProgrammeView(row: ProgrammeRow): ProgrammeView {
  const budgetCents = Number(row.budget_cents);
  const committedCents = Number(row.committed_cents);
  return {
    year: Number(row.year),
    areaCode: row.area_code,
    budgetCents,
    committedCents,
    availableCents: budgetCents - committedCents,
    delegationLimitCents: Number(row.delegation_limit_cents),
    themes: row.themes,
  };
}

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
