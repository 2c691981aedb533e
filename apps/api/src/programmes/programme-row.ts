import type { CouncilDecision, Frame } from '../../../../libs/workflows/src/index.js';
import type { AreaSpending } from '../open-data/spending.dto.js';
import type { ProgrammeView } from './programme.dto.js';

/** A programmes row; bigint columns arrive as strings from pg, as numbers from PGlite. */
export interface ProgrammeRow {
  year: number;
  area_code: string;
  budget_cents: string | number;
  committed_cents: string | number;
  delegation_limit_cents: string | number;
  themes: string[];
  /** The raad's meeting that adopted or last revised it; null before v1.1. */
  council_decision: CouncilDecision | null;
}

export const PROGRAMME_COLUMNS =
  'year, area_code, budget_cents, committed_cents, delegation_limit_cents, themes, council_decision';

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
    councilDecision: row.council_decision ?? null,
  };
}

/** What a case's rules read of its area's programme. */
export type FrameRow = Pick<
  ProgrammeRow,
  'budget_cents' | 'committed_cents' | 'delegation_limit_cents' | 'themes'
>;

export function toFrame(row: FrameRow | undefined): Frame | null {
  if (!row) return null;
  return {
    themes: row.themes,
    availableCents: Number(row.budget_cents) - Number(row.committed_cents),
    delegationLimitCents: Number(row.delegation_limit_cents),
  };
}

/** An area's figures of a year for open data (ProgrammesRepository.spending). */
export interface SpendingRow {
  area_code: string;
  programme_adopted: boolean;
  budget_cents: string | number;
  committed_cents: string | number;
  honoured_count: string | number;
  settled_amount_cents: string | number;
  released_amount_cents: string | number;
}

export function toAreaSpending(r: SpendingRow): AreaSpending {
  return {
    areaCode: r.area_code,
    programmeAdopted: Boolean(r.programme_adopted),
    budgetCents: Number(r.budget_cents),
    committedCents: Number(r.committed_cents),
    honouredCount: Number(r.honoured_count),
    settledAmountCents: Number(r.settled_amount_cents),
    releasedAmountCents: Number(r.released_amount_cents),
  };
}
