import type { CaseState, CaseType, Frame, PersistedCase } from '../../../../libs/workflows/src/index.js';
import type { Actor } from '../auth/actor.js';

/** A cases row as selected by CASE_COLUMNS. */
export interface CaseRow {
  id: string;
  reference: string;
  type: CaseType;
  title: string;
  description: string;
  area_code: string;
  theme: string;
  requested_amount_cents: number;
  honoured_amount_cents: number | null;
  state: CaseState;
  version: number;
  initiator_id: string;
  contact_email: string;
  details: Record<string, unknown>;
  snapshot: PersistedCase;
  created_at: Date;
  updated_at: Date;
  decision_due_at: Date;
}

export const CASE_COLUMNS = `id, reference, type, title, description, area_code, theme, requested_amount_cents,
  honoured_amount_cents, state, version, initiator_id, contact_email, details, snapshot, created_at, updated_at,
  decision_due_at`;

/** Who may see a case: the initiator, the area's officials and aldermen, the council. */
export function canSee(actor: Actor, row: Pick<CaseRow, 'initiator_id' | 'area_code'>): boolean {
  if (actor.roles.includes('council')) return true;
  if (
    (actor.roles.includes('official') || actor.roles.includes('alderman')) &&
    actor.areas.includes(row.area_code)
  )
    return true;
  return actor.roles.includes('resident') && row.initiator_id === actor.id;
}

/** Contact data is for the initiator and the area team, never for the council (AVG). */
export function canSeeContact(actor: Actor, row: Pick<CaseRow, 'initiator_id' | 'area_code'>): boolean {
  if (actor.roles.includes('resident') && row.initiator_id === actor.id) return true;
  return (
    (actor.roles.includes('official') || actor.roles.includes('alderman')) &&
    actor.areas.includes(row.area_code)
  );
}

export interface FrameRow {
  budget_cents: number;
  committed_cents: number;
  delegation_limit_cents: number;
  themes: string[];
}

export function toFrame(row: FrameRow | undefined): Frame | null {
  if (!row) return null;
  return {
    themes: row.themes,
    availableCents: Number(row.budget_cents) - Number(row.committed_cents),
    delegationLimitCents: Number(row.delegation_limit_cents),
  };
}

/** Programmes are per calendar year in the municipality's time zone. */
const AMSTERDAM_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric' });

export function programmeYear(at: Date = new Date()): number {
  return Number(AMSTERDAM_YEAR.format(at));
}
