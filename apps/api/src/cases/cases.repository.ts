import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseState, CaseType, Frame, PersistedCase } from '../../../../libs/workflows/src/index.js';
import { type LogAppend, logAppendCtes, logAppendParams } from '../audit/process-log.repository.js';
import { notificationCte, type QueuedNotification } from '../notifications/outbox.repository.js';
import { prepared, query } from '../database/sql.js';
import { type FrameRow, toFrame } from '../programmes/programme-row.js';
import { CASE_COLUMNS, type CaseRow } from './case-row.js';

/** A new case as submitted, with its machine's initial snapshot (and the submission's log entry, see submit). */
export interface NewCase {
  id: string;
  reference: string;
  type: CaseType;
  title: string;
  description: string;
  areaCode: string;
  theme: string;
  requestedAmountCents: number;
  initiatorId: string;
  contactEmail: string;
  details: Record<string, unknown>;
  snapshot: PersistedCase;
  at: Date;
}

/**
 * An accepted transition as it is written: the case's new columns (projections of the
 * machine's snapshot), for an honour the budget it commits, and its log entry.
 */
export interface TransitionWrite {
  id: string;
  /** The version the decision was taken on; nothing is written if the case moved on. */
  version: number;
  toState: CaseState;
  snapshot: PersistedCase;
  details: Record<string, unknown>;
  decisionDueAt: string | Date;
  /** The moment of the event; the row's updated_at (and the programme's, when money moves). */
  at: Date;
  /** Projections of the machine's facts. */
  honouredCents: number | null;
  settledCents: number | null;
  releasedCents: number | null;
  accountBy: string | null;
  /**
   * What the event adds to (a grant) or takes from (a settlement, revocation, withdrawal,
   * termination) the amount committed against the programme of `year` of `areaCode`; 0 when
   * no money moves. The programme of the grant is the case's programme_year from then on.
   */
  budgetDelta: number;
  year: number | null;
  areaCode: string;
  /** The programme must hold this theme for a grant. */
  theme: string;
  /** The alderman's delegation limit binds a grant by HONOUR, not by COUNCIL_HONOUR. */
  delegationLimitBinds: boolean;
  reportId: string | null;
  log: LogAppend;
  /** The besluit the event is, written with its log entry; null for an event that is none. */
  decision: DecisionWrite | null;
}

/** A numbered decision (besluit) as written with its transition (see DECISION_CTES). */
export interface DecisionWrite {
  kind: string;
  /** The year of its number (BES-<year>-000001), in Europe/Amsterdam. */
  year: number;
  motivation: string;
  conditions: string | null;
  amountCents: number | null;
  legalBasis: string;
  /** The last day to object (YYYY-MM-DD); null when no objection is possible (a letter that is no besluit). */
  objectionDeadline: string | null;
  /** A verdaging: the moment the decision is now due by (ISO 8601); null for any other letter. */
  dueAt: string | null;
}

/** The values of a new case's columns, as INSERT and SUBMIT name them. */
function caseValues(c: Omit<NewCase, 'reference'> & { reference?: string }): Record<string, unknown> {
  const { snapshot, details, ...rest } = c;
  return {
    ...rest,
    state: snapshot.value,
    details: JSON.stringify(details),
    snapshot: JSON.stringify(snapshot),
    machineVersion: snapshot.machineVersion,
    // The machine computed the term; the column is its projection, for filters and indexes.
    decisionDueAt: snapshot.context.decisionDueAt,
  };
}

/** What a list of cases is restricted to; every member given narrows it. */
export interface CaseFilter {
  /** Visibility: cases of this initiator, or (OR) of these areas. Absent: every case. */
  visibleTo?: { initiatorId?: string; areaCodes?: string[] };
  state?: CaseState;
  type?: CaseType;
  areaCode?: string;
  /** true: in one of `openStates` and past its decision term; false: the others. */
  overdue?: { overdue: boolean; openStates: readonly string[] };
  /**
   * true: in one of `accountDueStates` (a grant waiting for its account) and `accountBy` is
   * before `today` (YYYY-MM-DD, Amsterdam); false: the others.
   */
  accountOverdue?: { overdue: boolean; accountDueStates: readonly string[]; today: string };
  /** Keyset paging: cases before this one in (created_at, id) descending order. */
  before?: { createdAt: string; id: string };
  limit: number;
}

const COLUMNS_OF_C = CASE_COLUMNS.split(',')
  .map((c) => `c.${c.trim()}`)
  .join(', ');

/**
 * The decision of a transition that is a besluit, with the next number of its year's series,
 * tied to the log entry (`seq`). The number is taken from the appended head (`FROM log_h`),
 * so the log head is always locked before the counter: no two transitions take them in
 * opposite order.
 */
const DECISION_CTES = `n AS (
    INSERT INTO case_counters (prefix, year, last)
    SELECT 'BES', :decisionYear::integer, 1 FROM log_h WHERE :decisionKind::text IS NOT NULL
    ON CONFLICT (prefix, year) DO UPDATE SET last = case_counters.last + 1
    RETURNING last),
  d AS (
    INSERT INTO decisions (number, case_id, kind, event, seq, decided_at, decided_by_id, decided_by_name,
                           decided_by_role, motivation, conditions, amount_cents, legal_basis,
                           objection_possible, objection_deadline, due_at)
    SELECT 'BES-' || :decisionYear::text || '-' || lpad(n.last::text, 6, '0'), :id::uuid, :decisionKind::text,
           :logEvent::text, log_e.seq, :at::timestamptz, :logActorId::text, :logActorName::text,
           :logActorRole::text, :decisionMotivation::text, :decisionConditions::text, :decisionAmount::bigint,
           :decisionLegalBasis::text, :objectionDeadline::date IS NOT NULL, :objectionDeadline::date,
           :letterDueAt::timestamptz
    FROM n, log_e
    RETURNING number)`;

/**
 * The transition's ONE statement (docs/adr/0001-raw-sql-in-one-statement.md): `p` moves money
 * between the case and its programme (a grant commits, a settlement or revocation releases),
 * `c` moves the case on if it is still at :version, and the log append (with its notification)
 * happens only if `c` did. A data-modifying CTE always runs, whatever the main query reads: `p`
 * may therefore only move money where the caller holds the case and programme rows locked (the
 * budget transaction in CaseTransitions); its guards are a second line of defence, and so are
 * the CHECKs (0 <= committed <= budget) on programmes. The head of the log is taken last.
 */
const TRANSITION = `WITH p AS (
    UPDATE programmes SET committed_cents = committed_cents + :budgetDelta::bigint, updated_at = :at
    WHERE :budgetDelta::bigint <> 0 AND year = :year AND area_code = :areaCode
      AND committed_cents + :budgetDelta::bigint BETWEEN 0 AND budget_cents
      AND (:budgetDelta::bigint < 0 OR (themes ? :theme::text
        AND (:delegationLimitBinds::boolean IS FALSE OR :budgetDelta::bigint <= delegation_limit_cents)))
    RETURNING 1),
  c AS (
    UPDATE cases SET state = :toState, snapshot = :snapshot::jsonb, machine_version = :machineVersion,
      version = version + 1, honoured_amount_cents = :honouredCents::bigint,
      settled_amount_cents = :settledCents::bigint, released_amount_cents = :releasedCents::bigint,
      account_by = :accountBy::date,
      details = :details::jsonb, updated_at = :at, decision_due_at = :decisionDueAt,
      programme_year = :year::integer,
      report_id = COALESCE(:reportId, report_id)
    WHERE id = :id AND version = :version AND (:budgetDelta::bigint = 0 OR EXISTS (SELECT 1 FROM p))
    RETURNING ${CASE_COLUMNS}),
  ${logAppendCtes({ notify: false, condition: 'EXISTS (SELECT 1 FROM c)' })},
  ${DECISION_CTES},
  ${notificationCte('log_o', 'log_h', `jsonb_strip_nulls(jsonb_build_object('decisionNumber', (SELECT number FROM d)))`)}
  SELECT c.*, (SELECT number FROM d) AS decision_number FROM c`;

const INSERT = `INSERT INTO cases (id, reference, type, title, description, area_code, theme, requested_amount_cents,
    state, version, initiator_id, contact_email, details, snapshot, machine_version, created_at, updated_at,
    decision_due_at)
  VALUES (:id, :reference, :type, :title, :description, :areaCode, :theme, :requestedAmountCents, :state, 1,
    :initiatorId, :contactEmail, :details::jsonb, :snapshot::jsonb, :machineVersion, :at, :at, :decisionDueAt)
  RETURNING ${CASE_COLUMNS}`;

/**
 * A submission's ONE statement: `n` takes the next number of the series (prefix and year) for
 * the reference, `c` inserts the case under it, and the SUBMIT entry is appended to the log with
 * its notification, both naming the reference the statement made. Sent on its own it is its own
 * transaction: the counter row and the log head are held for one statement and its commit, not
 * across round trips.
 */
const SUBMIT = `WITH n AS (
    INSERT INTO case_counters (prefix, year, last) VALUES (:prefix::text, :year::integer, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last = case_counters.last + 1
    RETURNING last),
  c AS (
    INSERT INTO cases (id, reference, type, title, description, area_code, theme, requested_amount_cents,
      state, version, initiator_id, contact_email, details, snapshot, machine_version, created_at, updated_at,
      decision_due_at)
    SELECT :id, :prefix::text || '-' || :year::integer || '-' || lpad(n.last::text, greatest(6, length(n.last::text)), '0'),
      :type, :title, :description, :areaCode, :theme, :requestedAmountCents, :state, 1, :initiatorId, :contactEmail,
      :details::jsonb, :snapshot::jsonb, :machineVersion, :at, :at, :decisionDueAt
    FROM n
    RETURNING ${CASE_COLUMNS}),
  ${logAppendCtes({
    notify: true,
    condition: 'EXISTS (SELECT 1 FROM c)',
    caseReference: '(SELECT reference FROM c)',
    notifyAdds: `jsonb_build_object('reference', (SELECT reference FROM c))`,
  })}
  SELECT c.* FROM c`;

/** Cases, their submission's idempotency keys and reference counters, and the transition's statement. */
@Injectable()
export class CasesRepository {
  /** The case; with `lock`, locked until the caller's transaction ends. */
  async findById(m: EntityManager, id: string, lock = false): Promise<CaseRow | undefined> {
    const [row] = await prepared<CaseRow>(
      m,
      lock
        ? `SELECT ${CASE_COLUMNS} FROM cases WHERE id = :id FOR UPDATE`
        : `SELECT ${CASE_COLUMNS} FROM cases WHERE id = :id`,
      { id },
    );
    return row;
  }

  /** The case and its area's programme of `year` in one read, without locks. */
  async findWithFrame(
    m: EntityManager,
    id: string,
    year: number,
  ): Promise<{ row: CaseRow | undefined; frame: Frame | null }> {
    type Joined = CaseRow & {
      p_budget: number | null;
      p_committed: number;
      p_limit: number;
      p_themes: string[];
    };
    const [found] = await prepared<Joined>(
      m,
      `SELECT ${COLUMNS_OF_C}, p.budget_cents AS p_budget, p.committed_cents AS p_committed,
              p.delegation_limit_cents AS p_limit, p.themes AS p_themes
       FROM cases c LEFT JOIN programmes p ON p.area_code = c.area_code AND p.year = :year
       WHERE c.id = :id`,
      { id, year },
    );
    if (!found) return { row: undefined, frame: null };
    const { p_budget, p_committed, p_limit, p_themes, ...row } = found;
    const frame: FrameRow | undefined =
      p_budget === null
        ? undefined
        : {
            budget_cents: p_budget,
            committed_cents: p_committed,
            delegation_limit_cents: p_limit,
            themes: p_themes,
          };
    return { row: row as CaseRow, frame: toFrame(frame) };
  }

  /** Newest first, `limit` + 1 rows at most (the one more tells there is a next page). */
  async list(m: EntityManager, f: CaseFilter): Promise<CaseRow[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: f.limit + 1 };
    if (f.visibleTo) {
      const visible: string[] = [];
      if (f.visibleTo.initiatorId !== undefined) {
        visible.push('initiator_id = :initiatorId');
        params.initiatorId = f.visibleTo.initiatorId;
      }
      if (f.visibleTo.areaCodes !== undefined) {
        visible.push('area_code = ANY(:visibleAreas::text[])');
        params.visibleAreas = f.visibleTo.areaCodes;
      }
      where.push(visible.length > 0 ? `(${visible.join(' OR ')})` : 'FALSE');
    }
    if (f.state !== undefined) {
      where.push('state = :state');
      params.state = f.state;
    }
    if (f.type !== undefined) {
      where.push('type = :type');
      params.type = f.type;
    }
    if (f.areaCode !== undefined) {
      where.push('area_code = :areaCode');
      params.areaCode = f.areaCode;
    }
    if (f.overdue) {
      // decision_due_at already holds the longest a request for information can suspend the term.
      const overdue = 'decision_due_at < now() AND state = ANY(:openStates::text[])';
      where.push(f.overdue.overdue ? overdue : `NOT (${overdue})`);
      params.openStates = f.overdue.openStates;
    }
    if (f.accountOverdue) {
      const overdue = 'account_by < :today::date AND state = ANY(:accountDueStates::text[])';
      // A case without accountBy is never overdue (the comparison is NULL for it).
      where.push(f.accountOverdue.overdue ? overdue : `NOT COALESCE(${overdue}, false)`);
      params.today = f.accountOverdue.today;
      params.accountDueStates = f.accountOverdue.accountDueStates;
    }
    if (f.before) {
      where.push('(created_at, id) < (:beforeCreatedAt::timestamptz, :beforeId::uuid)');
      params.beforeCreatedAt = f.before.createdAt;
      params.beforeId = f.before.id;
    }
    return query<CaseRow>(
      m,
      `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY created_at DESC, id DESC LIMIT :limit`,
      params,
    );
  }

  async insert(m: EntityManager, c: NewCase): Promise<CaseRow> {
    const [row] = await prepared<CaseRow>(m, INSERT, caseValues(c));
    return row;
  }

  /**
   * Submits a case in one statement (see SUBMIT): its reference is `prefix`-`year`-the next
   * number of that series (000001, 000002, …, without gaps), and `log` (without a case
   * reference: the statement makes it) is appended with its notification, whose payload gets
   * the reference too.
   */
  async submit(
    m: EntityManager,
    c: Omit<NewCase, 'reference'> & { prefix: string; year: number },
    log: Omit<LogAppend, 'caseReference'> & { notify: QueuedNotification },
  ): Promise<CaseRow> {
    const { prefix, year, ...values } = c;
    // The statement makes the reference: the entry's is not a value.
    const { logCaseReference: _made, ...logValues } = logAppendParams({ ...log, caseReference: null });
    const [row] = await prepared<CaseRow>(m, SUBMIT, { ...caseValues(values), prefix, year, ...logValues });
    return row;
  }

  /**
   * Writes an accepted transition in one statement (see TRANSITION). Returns the updated row,
   * or undefined when the case was no longer at `version` (or, for an honour, the programme's
   * guards refused): nothing was written then.
   */
  async commitTransition(
    m: EntityManager,
    t: TransitionWrite,
  ): Promise<(CaseRow & { decision_number: string | null }) | undefined> {
    const [updated] = await prepared<CaseRow & { decision_number: string | null }>(m, TRANSITION, {
      id: t.id,
      version: t.version,
      toState: t.toState,
      snapshot: JSON.stringify(t.snapshot),
      machineVersion: t.snapshot.machineVersion,
      honouredCents: t.honouredCents,
      settledCents: t.settledCents,
      releasedCents: t.releasedCents,
      accountBy: t.accountBy,
      budgetDelta: t.budgetDelta,
      details: JSON.stringify(t.details),
      at: t.at,
      decisionDueAt: t.decisionDueAt,
      year: t.year,
      reportId: t.reportId,
      areaCode: t.areaCode,
      theme: t.theme,
      delegationLimitBinds: t.delegationLimitBinds,
      ...logAppendParams(t.log),
      decisionKind: t.decision?.kind ?? null,
      decisionYear: t.decision?.year ?? null,
      decisionMotivation: t.decision?.motivation ?? null,
      decisionConditions: t.decision?.conditions ?? null,
      decisionAmount: t.decision?.amountCents ?? null,
      decisionLegalBasis: t.decision?.legalBasis ?? null,
      objectionDeadline: t.decision?.objectionDeadline ?? null,
      letterDueAt: t.decision?.dueAt ?? null,
    });
    return updated;
  }

  /** Every case in one of `states`, locked until the caller's transaction ends, in decision order. */
  async lockInStates(m: EntityManager, states: readonly string[]): Promise<CaseRow[]> {
    return query<CaseRow>(
      m,
      `SELECT ${CASE_COLUMNS} FROM cases WHERE state = ANY(:states::text[])
       ORDER BY updated_at, reference FOR UPDATE`,
      { states },
    );
  }

  /** The contact e-mail as it is now (a notifier reads it at delivery, never from the outbox). */
  async contactEmail(m: EntityManager, id: string): Promise<string | null> {
    const [row] = await query<{ contact_email: string }>(
      m,
      `SELECT contact_email FROM cases WHERE id = :id`,
      { id },
    );
    return row?.contact_email ?? null;
  }

  /** The case an actor's Idempotency-Key was claimed for, with the hash of that request. */
  async findIdempotencyKey(
    m: EntityManager,
    actorId: string,
    key: string,
  ): Promise<{ caseId: string; requestHash: string } | undefined> {
    const [row] = await prepared<{ case_id: string; request_hash: string }>(
      m,
      `SELECT case_id, request_hash FROM idempotency_keys WHERE actor_id = :actorId AND key = :key`,
      { actorId, key },
    );
    return row && { caseId: row.case_id, requestHash: row.request_hash };
  }

  /**
   * Claims the key for a case about to be inserted. A concurrent claim of the same key waits
   * for this transaction, then fails with a unique violation (23505).
   */
  async claimIdempotencyKey(
    m: EntityManager,
    k: { actorId: string; key: string; requestHash: string; caseId: string },
  ): Promise<void> {
    await prepared(
      m,
      `INSERT INTO idempotency_keys (actor_id, key, request_hash, case_id)
       VALUES (:actorId, :key, :requestHash, :caseId)`,
      { ...k },
    );
  }

  /** The next number of a reference series (per prefix and year): 1, 2, 3…, without gaps. */
  async nextNumber(m: EntityManager, prefix: string, year: number): Promise<number> {
    const [counter] = await prepared<{ last: number }>(
      m,
      `INSERT INTO case_counters (prefix, year, last) VALUES (:prefix, :year, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = case_counters.last + 1 RETURNING last`,
      { prefix, year },
    );
    return Number(counter.last);
  }
}
