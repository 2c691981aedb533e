import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson, DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { initialCase } from '../../../../libs/workflows/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { ProcessLogService } from '../audit/process-log.service.js';
import type { Actor } from '../auth/actor.js';
import { Database, pgCode } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import { type CaseView, RTC_FIELDS, type SubmitCaseRequest } from './case.dto.js';
import { CASE_COLUMNS, type CaseRow } from './case-row.js';
import { CaseViews } from './case-views.service.js';

const REFERENCE_PREFIX = { initiative: 'INI', right_to_challenge: 'RTC' } as const;
export interface SubmitResult {
  view: CaseView;
  replayed: boolean;
}

/** Submission of new cases: idempotent, numbered per type and year, logged. */
@Injectable()
export class CaseSubmissions {
  constructor(
    private readonly db: Database,
    private readonly areas: AreasService,
    private readonly log: ProcessLogService,
    private readonly views: CaseViews,
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
    const caseRow = await this.views.loadRow(m, row.case_id, false);
    return { view: await this.views.toView(m, caseRow!, actor), replayed: true };
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
      submittedAt: now.toISOString(),
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
        // The machine computed the term; the column is its projection, for filters and indexes.
        snapshot.context.decisionDueAt,
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
    return { view: await this.views.toView(m, row, actor), replayed: false };
  }
}
