import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson, DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import {
  type PersistedCase,
  applyEvent,
  availableEvents,
  type CaseEventInput,
  type CaseState,
  EVENT_PERMISSIONS,
  type EventType,
  type Frame,
  initialCase,
  type Refusal,
} from '../../../../libs/workflows/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { logAppendCtes, ProcessLogService } from '../audit/process-log.service.js';
import type { Actor } from '../auth/actor.js';
import { Database, pgCode } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import { type CaseView, type ListCasesQuery, RTC_FIELDS, type SubmitCaseRequest } from './case.dto.js';
import {
  CASE_COLUMNS,
  type CaseRow,
  canSee,
  canSeeContact,
  type FrameRow,
  programmeYear,
  toFrame,
} from './case-row.js';

/** Eight weeks: the longest "reasonable term" for a decision on an application (Awb 4:13). */
const DECISION_TERM_MS = 8 * 7 * 24 * 3600 * 1000;
/** States in which the decision term runs (it is suspended in awaiting_info). */
const OPEN_STATES_WITH_RUNNING_TERM: CaseState[] = ['submitted', 'assessed', 'awaiting_council'];
const REFERENCE_PREFIX = { initiative: 'INI', right_to_challenge: 'RTC' } as const;
/** Events whose rules read the area's programme. */
const FRAME_EVENTS = new Set<EventType>(['HONOUR', 'COUNCIL_HONOUR', 'REFER_TO_COUNCIL']);
const HONOURING = new Set<EventType>(['HONOUR', 'COUNCIL_HONOUR']);
/** A transition that keeps losing races gives up with 409 rather than spin. */
const MAX_TRANSITION_ATTEMPTS = 5;
const CASE_COLUMNS_OF_C = CASE_COLUMNS.split(',')
  .map((c) => `c.${c.trim()}`)
  .join(', ');

export function refusalError(r: Refusal): DomainError {
  const extras = { code: r.code, fromState: r.fromState, event: r.event };
  switch (r.code) {
    case 'STATE':
      return new DomainError(ErrorCode.StateConflict, r.detail, extras);
    case 'ROLE':
    case 'FOUR_EYES':
      return new DomainError(ErrorCode.Forbidden, r.detail, extras);
    default:
      return new DomainError(ErrorCode.RuleViolation, r.detail, extras);
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
  /** Set by the reports service on REPORT. */
  reportId?: string;
}

export interface SubmitResult {
  view: CaseView;
  replayed: boolean;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly db: Database,
    private readonly areas: AreasService,
    private readonly log: ProcessLogService,
  ) {}

  async submit(actor: Actor, body: SubmitCaseRequest, idempotencyKey: string | null): Promise<SubmitResult> {
    await this.areas.assertKnown([body.areaCode], 'areaCode');
    if (body.type === 'initiative') {
      const stray = RTC_FIELDS.filter((f) => body[f] !== undefined);
      if (stray.length > 0) {
        throw DomainError.invalid(
          stray.map((name) => ({ name, reason: 'only for type right_to_challenge' })),
        );
      }
    }
    const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    try {
      return await this.db.transaction((m) => this.insertCase(m, actor, body, idempotencyKey, requestHash));
    } catch (error) {
      // A concurrent request with the same key won the race: answer with its case.
      if (idempotencyKey && pgCode(error) === '23505') {
        const existing = await this.db.transaction((m) =>
          this.findByKey(m, actor, idempotencyKey, requestHash),
        );
        if (existing) return existing;
      }
      throw error;
    }
  }

  private async findByKey(
    m: EntityManager,
    actor: Actor,
    key: string,
    requestHash: string,
  ): Promise<SubmitResult | null> {
    const [row] = await sql<{ case_id: string; request_hash: string }>(
      m,
      `SELECT case_id, request_hash FROM idempotency_keys WHERE actor_id = $1 AND key = $2`,
      [actor.id, key],
    );
    if (!row) return null;
    if (row.request_hash !== requestHash) {
      throw new DomainError(
        ErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used before with a different request body.',
      );
    }
    const caseRow = await this.loadRow(m, row.case_id, false);
    return { view: await this.toView(m, caseRow!, actor), replayed: true };
  }

  private async insertCase(
    m: EntityManager,
    actor: Actor,
    body: SubmitCaseRequest,
    key: string | null,
    requestHash: string,
  ): Promise<SubmitResult> {
    const id = randomUUID();
    if (key) {
      const replay = await this.findByKey(m, actor, key, requestHash);
      if (replay) return replay;
      // Claims the key first; a concurrent twin blocks here until we commit, then fails with 23505.
      await sql(
        m,
        `INSERT INTO idempotency_keys (actor_id, key, request_hash, case_id) VALUES ($1, $2, $3, $4)`,
        [actor.id, key, requestHash, id],
      );
    }
    const now = new Date();
    const year = now.getUTCFullYear();
    const prefix = REFERENCE_PREFIX[body.type];
    const [counter] = await sql<{ last: number }>(
      m,
      `INSERT INTO case_counters (prefix, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = case_counters.last + 1 RETURNING last`,
      [prefix, year],
    );
    const reference = `${prefix}-${year}-${String(counter.last).padStart(6, '0')}`;
    const snapshot = initialCase({
      type: body.type,
      areaCode: body.areaCode,
      theme: body.theme,
      initiatorId: actor.id,
      requestedAmountCents: body.requestedAmountCents,
    });
    const details: Record<string, unknown> =
      body.type === 'right_to_challenge'
        ? {
            challengedTask: body.challengedTask,
            organisation: body.organisation,
            claim: body.claim,
            proposedCostCents: body.proposedCostCents,
            ...(body.currentCostCents !== undefined ? { currentCostCents: body.currentCostCents } : {}),
          }
        : {};
    const [row] = await sql<CaseRow>(
      m,
      `INSERT INTO cases (id, reference, type, title, description, area_code, theme, requested_amount_cents, state,
         version, initiator_id, contact_email, details, snapshot, machine_version, created_at, updated_at, decision_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12::jsonb, $13::jsonb, $14, $15, $15, $16)
       RETURNING ${CASE_COLUMNS}`,
      [
        id,
        reference,
        body.type,
        body.title,
        body.description,
        body.areaCode,
        body.theme,
        body.requestedAmountCents,
        snapshot.value,
        actor.id,
        body.contactEmail,
        JSON.stringify(details),
        JSON.stringify(snapshot),
        snapshot.machineVersion,
        now,
        new Date(now.getTime() + DECISION_TERM_MS),
      ],
    );
    const { contactEmail: _contact, ...payload } = body;
    await this.log.append(m, {
      caseId: id,
      caseReference: reference,
      areaCode: body.areaCode,
      event: 'SUBMIT',
      fromState: null,
      toState: snapshot.value,
      actor,
      role: 'resident',
      payload: { ...payload },
      notify: {
        topic: 'case.submitted',
        payload: { caseId: id, reference, toState: snapshot.value, recipient: actor.id },
      },
    });
    return { view: await this.toView(m, row, actor), replayed: false };
  }

  async get(actor: Actor, id: string): Promise<CaseView> {
    return this.db.read(async (m) => {
      const row = await this.loadRow(m, id, false);
      if (!row || !canSee(actor, row)) throw DomainError.notFound('The case');
      return this.toView(m, row, actor);
    });
  }

  async list(actor: Actor, q: ListCasesQuery): Promise<{ items: CaseView[]; nextCursor: string | null }> {
    if (q.areaCode) await this.areas.assertKnown([q.areaCode], 'areaCode');
    const limit = q.limit ?? 20;
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (!actor.roles.includes('council')) {
      const visible: string[] = [];
      if (actor.roles.includes('resident')) visible.push(`initiator_id = ${param(actor.id)}`);
      if ((actor.roles.includes('official') || actor.roles.includes('alderman')) && actor.areas.length > 0) {
        visible.push(`area_code = ANY(${param(actor.areas)}::text[])`);
      }
      if (visible.length === 0) return { items: [], nextCursor: null };
      where.push(`(${visible.join(' OR ')})`);
    }
    if (q.state) where.push(`state = ${param(q.state)}`);
    if (q.type) where.push(`type = ${param(q.type)}`);
    if (q.areaCode) where.push(`area_code = ${param(q.areaCode)}`);
    if (q.overdue === 'true') {
      // While the initiator is asked for information the term is suspended: not overdue then.
      where.push(`decision_due_at < now() AND state = ANY(${param(OPEN_STATES_WITH_RUNNING_TERM)}::text[])`);
    } else if (q.overdue === 'false') {
      where.push(
        `NOT (decision_due_at < now() AND state = ANY(${param(OPEN_STATES_WITH_RUNNING_TERM)}::text[]))`,
      );
    }
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      where.push(`(created_at, id) < (${param(c.createdAt)}::timestamptz, ${param(c.id)}::uuid)`);
    }
    const text = `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`;
    return this.db.read(async (m) => {
      const rows = await sql<CaseRow>(m, text, params);
      const page = rows.slice(0, limit);
      const frames = await this.framesFor(m, page);
      const items = page.map((row) => this.viewOf(row, actor, frames.get(row.area_code) ?? null));
      const last = page[page.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null;
      return { items, nextCursor };
    });
  }

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
      updated = await this.db.transaction(async (m) => {
        const row = await this.loadRow(m, id, true);
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
    return this.db.read((m) => this.toView(m, result, actor));
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
    const outcome = applyEvent(row.snapshot, event, actor, frame);
    if (!outcome.accepted) throw refusalError(outcome.refusal);
    return { row, actor, event, toState: outcome.toState, snapshot: outcome.snapshot, year };
  }

  /** Like tryCommitTransition, inside a transaction that holds the case row locked (reports). */
  async commitTransition(m: EntityManager, t: AcceptedTransition): Promise<CaseRow> {
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
    const { row, actor, event, toState, snapshot, year } = t;
    const now = new Date();
    const honouring = HONOURING.has(event.type) ? (event as { amountCents: number }).amountCents : null;
    const details = { ...row.details };
    let dueAt = row.decision_due_at;
    if (event.type === 'REQUEST_INFO') details.infoRequestedAt = now.toISOString();
    if (event.type === 'SUPPLY_INFO' && typeof details.infoRequestedAt === 'string') {
      // The decision term is suspended while the initiator is asked for information (Awb 4:15).
      dueAt = new Date(dueAt.getTime() + (now.getTime() - Date.parse(details.infoRequestedAt)));
      delete details.infoRequestedAt;
    }
    if (snapshot.context.agreementMonths !== null) details.agreementMonths = snapshot.context.agreementMonths;
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

  async loadRow(m: EntityManager, id: string, forUpdate: boolean): Promise<CaseRow | undefined> {
    const [row] = await sql<CaseRow>(
      m,
      `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row;
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
    if (!withFrame) return { row: await this.loadRow(m, id, false), frame: null };
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

  private async framesFor(m: EntityManager, rows: CaseRow[]): Promise<Map<string, Frame>> {
    const areas = [
      ...new Set(
        rows.filter((r) => r.state === 'assessed' || r.state === 'awaiting_council').map((r) => r.area_code),
      ),
    ];
    if (areas.length === 0) return new Map();
    const found = await sql<FrameRow & { area_code: string }>(
      m,
      `SELECT area_code, budget_cents, committed_cents, delegation_limit_cents, themes FROM programmes
       WHERE year = $1 AND area_code = ANY($2::text[])`,
      [programmeYear(), areas],
    );
    return new Map(found.map((r) => [r.area_code, toFrame(r)!]));
  }

  async toView(m: EntityManager, row: CaseRow, actor: Actor): Promise<CaseView> {
    // Only deciding roles have events that depend on the programme: spare the others the read.
    const decides = actor.roles.includes('alderman') || actor.roles.includes('council');
    const frames = decides ? await this.framesFor(m, [row]) : new Map<string, Frame>();
    return this.viewOf(row, actor, frames.get(row.area_code) ?? null);
  }

  viewOf(row: CaseRow, actor: Actor, frame: Frame | null): CaseView {
    const { infoRequestedAt: _internal, ...details } = row.details;
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
      ...details,
    };
    if (canSeeContact(actor, row)) view.contactEmail = row.contact_email;
    return view;
  }
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(createdAt).toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (
      typeof createdAt === 'string' &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof id === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ) {
      return { createdAt, id };
    }
  } catch {
    // fall through
  }
  throw DomainError.invalid([{ name: 'cursor', reason: 'is not a cursor this API gave out' }]);
}
