import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import {
  applyEvent,
  type CaseEventInput,
  type CaseState,
  EVENT_PERMISSIONS,
  type EventType,
  type Frame,
  type PersistedCase,
  type Refusal,
} from '../../../../libs/workflows/src/index.js';
import { logAppendCtes } from '../audit/process-log.service.js';
import type { Actor } from '../auth/actor.js';
import { Database } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import type { CaseView } from './case.dto.js';
import { CASE_COLUMNS, type CaseRow, canSee, type FrameRow, programmeYear, toFrame } from './case-row.js';
import { CaseViews } from './case-views.service.js';

/** Events whose rules read the area's programme. */
const FRAME_EVENTS = new Set<EventType>(['HONOUR', 'COUNCIL_HONOUR', 'REFER_TO_COUNCIL']);
const HONOURING = new Set<EventType>(['HONOUR', 'COUNCIL_HONOUR']);
/** A transition that keeps losing races gives up with 409 rather than spin. */
const MAX_TRANSITION_ATTEMPTS = 5;
const CASE_COLUMNS_OF_C = CASE_COLUMNS.split(',')
  .map((c) => `c.${c.trim()}`)
  .join(', ');

/** The refusal's code travels in the problem document (`code`, and its `type`). */
export function refusalError(r: Refusal): DomainError {
  const extras = { code: r.code, fromState: r.fromState, event: r.event };
  // Exhaustive, so a new refusal code cannot fall into 409 by accident.
  switch (r.code) {
    case 'STATE':
      return new DomainError(ErrorCode.StateConflict, r.detail, extras);
    case 'ROLE':
    case 'CONFLICT_OF_INTEREST':
    case 'FOUR_EYES':
      return new DomainError(ErrorCode.Forbidden, r.detail, extras);
    case 'NO_PROGRAMME':
    case 'THEME_NOT_IN_PROGRAMME':
    case 'AMOUNT_ABOVE_REQUEST':
    case 'BUDGET_EXCEEDED':
    case 'ABOVE_DELEGATION_LIMIT':
    case 'NOT_ABOVE_DELEGATION_LIMIT':
    case 'AGREEMENT_MONTHS_REQUIRED':
      return new DomainError(ErrorCode.RuleViolation, r.detail, extras);
    default: {
      const unmapped: never = r.code;
      throw new Error(`unmapped refusal code ${String(unmapped)}`);
    }
  }
}

/** An accepted transition, ready to be written. */
export interface AcceptedTransition {
  row: CaseRow;
  actor: Actor;
  event: CaseEventInput;
  toState: CaseState;
  snapshot: PersistedCase;
  /** The programme year an honour commits against. */
  year: number;
  /** The moment the machine was given; also the row's updated_at. */
  at: Date;
  /** Set by the reports service on REPORT. */
  reportId?: string;
}

/** The one transition path of every case (see sendEvent). */
@Injectable()
export class CaseTransitions {
  constructor(
    private readonly db: Database,
    private readonly views: CaseViews,
  ) {}

  /**
   * The one transition path: every event on a case goes through here. Read the case, run the
   * machine, write state, snapshot, version + 1 and the log entry at once.
   *
   * An honour commits budget, so it runs in a transaction that locks the case and the area's
   * programme first: the decision is taken on rows nobody else can change until COMMIT.
   * Every other event needs no programme lock and is written by ONE autocommitted statement,
   * guarded by the version read (optimistic lock); when that statement finds the case changed,
   * the decision is taken again on fresh data, which gives the loser of a race its 409 or 412.
   */
  async sendEvent(
    actor: Actor,
    id: string,
    event: CaseEventInput,
    expectedVersion: number | null,
  ): Promise<CaseView> {
    const year = programmeYear();
    let updated: CaseRow | undefined;
    if (HONOURING.has(event.type)) {
      // Who may not see the case is told so before any row is locked: locking the case and the
      // programme of an area not theirs would hold up that area's honours, and waiting for them
      // would show the case exists. Area and initiator never change, so this read stays true.
      const seen = await this.db.read((m) => this.views.loadRow(m, id, false));
      if (!seen || !canSee(actor, seen)) throw DomainError.notFound('The case');
      updated = await this.db.transaction(async (m) => {
        const row = await this.views.loadRow(m, id, true);
        const frame = row ? await this.lockFrame(m, row.area_code, year) : null;
        return this.commitTransition(m, this.decide(actor, row, frame, event, expectedVersion, year));
      });
    }
    for (let attempt = 1; !updated; attempt++) {
      if (attempt > MAX_TRANSITION_ATTEMPTS) {
        throw new DomainError(
          ErrorCode.ConcurrentUpdate,
          'The case was changed at the same time. Reload it and try again.',
        );
      }
      const { row, frame } = await this.db.read((m) =>
        this.loadWithFrame(m, id, year, FRAME_EVENTS.has(event.type)),
      );
      const accepted = this.decide(actor, row, frame, event, expectedVersion, year);
      updated = await this.db.statement((m) => this.tryCommitTransition(m, accepted));
    }
    const result = updated;
    return this.db.read((m) => this.views.toView(m, result, actor));
  }

  /** Visibility (404), If-Match (412), then the machine: the refusal or the accepted outcome. */
  private decide(
    actor: Actor,
    row: CaseRow | undefined,
    frame: Frame | null,
    event: CaseEventInput,
    expectedVersion: number | null,
    year: number,
  ): AcceptedTransition {
    if (!row || !canSee(actor, row)) throw DomainError.notFound('The case');
    if (expectedVersion !== null && expectedVersion !== row.version) {
      throw new DomainError(
        ErrorCode.VersionMismatch,
        `The case is at version ${row.version}, not ${expectedVersion}. Reload it and try again.`,
        { currentVersion: row.version },
      );
    }
    return this.accept(actor, row, frame, event, year, new Date());
  }

  /** The machine's verdict on the stored snapshot: the accepted transition, or its refusal. */
  private accept(
    actor: Actor,
    row: CaseRow,
    frame: Frame | null,
    event: CaseEventInput,
    year: number,
    at: Date,
  ): AcceptedTransition {
    const outcome = applyEvent(row.snapshot, event, actor, frame, at.toISOString());
    if (!outcome.accepted) throw refusalError(outcome.refusal);
    return { row, actor, event, toState: outcome.toState, snapshot: outcome.snapshot, year, at };
  }

  /**
   * A system event (REPORT; later REOPEN) on a case the caller holds locked in its own
   * transaction: the same machine, refusals and writer as a person's event, without the
   * visibility and If-Match checks that belong to a request.
   */
  async sendSystemEvent(
    m: EntityManager,
    actor: Actor,
    row: CaseRow,
    event: CaseEventInput,
    reportId?: string,
  ): Promise<CaseRow> {
    const at = new Date();
    return this.commitTransition(m, {
      ...this.accept(actor, row, null, event, programmeYear(at), at),
      reportId,
    });
  }

  /** Like tryCommitTransition, inside a transaction that holds the case row locked. */
  private async commitTransition(m: EntityManager, t: AcceptedTransition): Promise<CaseRow> {
    const updated = await this.tryCommitTransition(m, t);
    if (!updated) {
      throw new DomainError(
        ErrorCode.ConcurrentUpdate,
        'The case was changed at the same time. Reload it and try again.',
      );
    }
    return updated;
  }

  /**
   * Writes an accepted transition in one statement: the case row (if still at row.version),
   * for an honour the budget commitment, and the log entry. The log head, the one lock all
   * changes share, is taken last and held only until the commit. Returns undefined when the
   * case was no longer at row.version.
   *
   * A data-modifying CTE always runs, whatever the main query reads: the budget update `p`
   * must therefore only run where the caller holds the case and programme rows locked (the
   * honour transaction in sendEvent); its guards are a second line of defence, and so is
   * the CHECK (committed <= budget) on programmes.
   */
  async tryCommitTransition(m: EntityManager, t: AcceptedTransition): Promise<CaseRow | undefined> {
    const { row, actor, event, toState, snapshot, year, at: now } = t;
    // The row's columns are projections of the machine's context, never computed here.
    const facts = snapshot.context;
    const honouring = HONOURING.has(event.type) ? facts.honouredAmountCents : null;
    const details = { ...row.details };
    if (facts.agreementMonths !== null) details.agreementMonths = facts.agreementMonths;
    const dueAt = facts.decisionDueAt;
    const params: unknown[] = [
      row.id,
      row.version,
      toState,
      JSON.stringify(snapshot),
      snapshot.machineVersion,
      honouring,
      JSON.stringify(details),
      now,
      dueAt,
      year,
      t.reportId ?? null,
      row.area_code,
      row.theme,
      // The delegation limit binds the alderman (HONOUR), not the council (COUNCIL_HONOUR).
      event.type === 'HONOUR',
    ];
    const { type, ...payload } = event;
    const logCtes = logAppendCtes(
      {
        caseId: row.id,
        caseReference: row.reference,
        areaCode: row.area_code,
        event: type,
        fromState: row.state,
        toState,
        actor,
        role: EVENT_PERMISSIONS[type].role,
        payload,
        notify: {
          topic: 'case.state_changed',
          payload: { caseId: row.id, reference: row.reference, toState, recipient: row.initiator_id },
        },
      },
      params,
      'EXISTS (SELECT 1 FROM c)',
    );
    const [updated] = await sql<CaseRow>(
      m,
      `WITH p AS (
         UPDATE programmes SET committed_cents = committed_cents + $6, updated_at = $8
         WHERE $6::bigint IS NOT NULL AND year = $10 AND area_code = $12
           AND committed_cents + $6 <= budget_cents
           AND themes ? $13::text
           AND ($14::boolean IS FALSE OR $6 <= delegation_limit_cents)
         RETURNING 1),
       c AS (
         UPDATE cases SET state = $3, snapshot = $4::jsonb, machine_version = $5, version = version + 1,
           honoured_amount_cents = COALESCE($6, honoured_amount_cents), details = $7::jsonb, updated_at = $8,
           decision_due_at = $9, programme_year = CASE WHEN $6::bigint IS NULL THEN programme_year ELSE $10 END,
           report_id = COALESCE($11, report_id)
         WHERE id = $1 AND version = $2 AND ($6::bigint IS NULL OR EXISTS (SELECT 1 FROM p))
         RETURNING ${CASE_COLUMNS}),
       ${logCtes}
       SELECT c.* FROM c`,
      params,
    );
    return updated;
  }

  /** Locks the area's programme row so concurrent honours see each other's commitments. */
  private async lockFrame(m: EntityManager, areaCode: string, year: number): Promise<Frame | null> {
    const [row] = await sql<FrameRow>(
      m,
      `SELECT budget_cents, committed_cents, delegation_limit_cents, themes FROM programmes
       WHERE year = $1 AND area_code = $2 FOR UPDATE`,
      [year, areaCode],
    );
    return toFrame(row);
  }

  /** The case and, when the event needs it, its area's programme of the year, in one read. */
  private async loadWithFrame(
    m: EntityManager,
    id: string,
    year: number,
    withFrame: boolean,
  ): Promise<{ row: CaseRow | undefined; frame: Frame | null }> {
    if (!withFrame) return { row: await this.views.loadRow(m, id, false), frame: null };
    type Joined = CaseRow & {
      p_budget: number | null;
      p_committed: number;
      p_limit: number;
      p_themes: string[];
    };
    const [found] = await sql<Joined>(
      m,
      `SELECT ${CASE_COLUMNS_OF_C}, p.budget_cents AS p_budget, p.committed_cents AS p_committed,
              p.delegation_limit_cents AS p_limit, p.themes AS p_themes
       FROM cases c LEFT JOIN programmes p ON p.area_code = c.area_code AND p.year = $2
       WHERE c.id = $1`,
      [id, year],
    );
    if (!found) return { row: undefined, frame: null };
    const { p_budget, p_committed, p_limit, p_themes, ...row } = found;
    const frame =
      p_budget === null
        ? null
        : toFrame({
            budget_cents: p_budget,
            committed_cents: p_committed,
            delegation_limit_cents: p_limit,
            themes: p_themes,
          });
    return { row: row as CaseRow, frame };
  }
}
