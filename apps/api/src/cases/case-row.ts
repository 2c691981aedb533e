import { type Language, renderRefusal } from '../../../../libs/messages/src/index.js';
import {
  availableEvents,
  blockedEvents,
  migrateSnapshot,
  penaltyOf,
  type CaseState,
  type CaseType,
  type Frame,
  type PersistedCase,
} from '../../../../libs/workflows/src/index.js';
import type { Actor } from '../auth/actor.js';
import type { CaseView } from './case.dto.js';

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
  /** The programme year a grant was committed against; null before a grant. */
  programme_year: number | null;
  settled_amount_cents: number | null;
  released_amount_cents: number | null;
  /** The reports that listed this case's decisions. */
  reported_in: string[];
}

export const CASE_COLUMNS = `id, reference, type, title, description, area_code, theme, requested_amount_cents,
  honoured_amount_cents, state, version, initiator_id, contact_email, details, snapshot, created_at, updated_at,
  decision_due_at, programme_year, settled_amount_cents, released_amount_cents, reported_in`;

/**
 * The council's members read every case, and so does its clerk (griffier), who registers the
 * raad's decisions on the cases referred to it; neither sees contact data.
 */
export function readsEveryCase(actor: Actor): boolean {
  return actor.roles.includes('council') || actor.roles.includes('clerk');
}

/** Who may see a case: the initiator, the area's officials and aldermen, the council and its clerk. */
export function canSee(actor: Actor, row: Pick<CaseRow, 'initiator_id' | 'area_code'>): boolean {
  if (readsEveryCase(actor)) return true;
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

/** What happened after the decision, from the machine's facts: only what applies to the case. */
function afterDecision(row: CaseRow): Partial<CaseView> {
  const f = migrateSnapshot(row.snapshot).context;
  const view: Partial<CaseView> = {};
  if (f.accountBy !== null) view.accountBy = f.accountBy;
  if (f.conditions !== null) view.conditions = f.conditions;
  if (f.account !== null) view.account = f.account;
  if (f.accountReview !== null) view.accountReview = f.accountReview;
  if (f.settledAmountCents !== null) view.settledAmountCents = f.settledAmountCents;
  if (f.releasedAmountCents !== null) view.releasedAmountCents = f.releasedAmountCents;
  if (f.agreement !== null) view.agreement = f.agreement;
  if (f.agreementMonths !== null) view.agreementMonths = f.agreementMonths;
  if (f.respondBy !== null) view.respondBy = f.respondBy;
  view.termExtended = f.termExtended;
  const penalty = penaltyOf(f, new Date().toISOString());
  if (penalty !== null) view.penalty = penalty;
  return view;
}

/** The case as `actor` may see it, with the events they may send now given the area's programme. */
export function toCaseView(row: CaseRow, actor: Actor, frame: Frame | null, lang: Language): CaseView {
  const view: CaseView = {
    id: row.id,
    reference: row.reference,
    type: row.type,
    title: row.title,
    description: row.description,
    areaCode: row.area_code,
    theme: row.theme,
    requestedAmountCents: Number(row.requested_amount_cents),
    honouredAmountCents: row.honoured_amount_cents === null ? null : Number(row.honoured_amount_cents),
    state: row.state,
    version: row.version,
    initiatorId: row.initiator_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    decisionDueAt: new Date(row.decision_due_at).toISOString(),
    availableEvents: availableEvents(row.snapshot, actor, frame),
    blockedEvents: blockedEvents(row.snapshot, actor, frame).map(({ type, violation }) => ({
      type,
      code: violation.code,
      detail: renderRefusal(violation, lang),
    })),
    reportedIn: row.reported_in ?? [],
    ...row.details,
    ...afterDecision(row),
  };
  if (canSeeContact(actor, row)) view.contactEmail = row.contact_email;
  return view;
}

/** Programmes are per calendar year in the municipality's time zone. */
const AMSTERDAM_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric' });

export function programmeYear(at: Date = new Date()): number {
  return Number(AMSTERDAM_YEAR.format(at));
}
