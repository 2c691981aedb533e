import { type Language, msg } from '../../../../libs/messages/src/index.js';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson, DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { initialCase } from '../../../../libs/workflows/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import type { Actor } from '../auth/actor.js';
import { CaseTypesService } from '../case-types/case-types.service.js';
import { Database, pgCode } from '../database/database.service.js';
import { type CaseView, RTC_FIELDS, type SubmitCaseRequest } from './case.dto.js';
import { CaseViews } from './case-views.service.js';
import { CasesRepository } from './cases.repository.js';

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
    private readonly views: CaseViews,
    private readonly cases: CasesRepository,
    private readonly caseTypes: CaseTypesService,
  ) {}

  async submit(
    actor: Actor,
    body: SubmitCaseRequest,
    idempotencyKey: string | null,
    lang: Language,
  ): Promise<SubmitResult> {
    await this.areas.assertKnown([body.areaCode], 'areaCode');
    if (body.type === 'initiative') {
      const stray = RTC_FIELDS.filter((f) => body[f] !== undefined);
      if (stray.length > 0) {
        throw DomainError.invalid(
          stray.map((name) => ({ name, reason: msg('reason.onlyForRightToChallenge') })),
        );
      }
    }
    const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const write = (m: EntityManager) => this.insertCase(m, actor, body, idempotencyKey, requestHash, lang);
    try {
      // Without a key the submission writes in one statement, its own transaction (CasesRepository.submit),
      // after reading its type's terms.
      return await (idempotencyKey ? this.db.transaction(write) : this.db.statement(write));
    } catch (error) {
      // A concurrent request with the same key won the race: answer with its case.
      if (idempotencyKey && pgCode(error) === '23505') {
        const existing = await this.db.transaction((m) =>
          this.findByKey(m, actor, idempotencyKey, requestHash, lang),
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
    lang: Language,
  ): Promise<SubmitResult | null> {
    const claimed = await this.cases.findIdempotencyKey(m, actor.id, key);
    if (!claimed) return null;
    if (claimed.requestHash !== requestHash) {
      throw new DomainError(ErrorCode.IdempotencyKeyReused, msg('detail.idempotencyKeyReused'));
    }
    const caseRow = await this.cases.findById(m, claimed.caseId);
    return { view: await this.views.toView(m, caseRow!, actor, lang), replayed: true };
  }

  private async insertCase(
    m: EntityManager,
    actor: Actor,
    body: SubmitCaseRequest,
    key: string | null,
    requestHash: string,
    lang: Language,
  ): Promise<SubmitResult> {
    const id = randomUUID();
    if (key) {
      const replay = await this.findByKey(m, actor, key, requestHash, lang);
      if (replay) return replay;
      // Claims the key first; a concurrent twin blocks here until we commit, then fails with 23505.
      await this.cases.claimIdempotencyKey(m, { actorId: actor.id, key, requestHash, caseId: id });
    }
    const now = new Date();
    const snapshot = initialCase({
      type: body.type,
      areaCode: body.areaCode,
      theme: body.theme,
      initiatorId: actor.id,
      requestedAmountCents: body.requestedAmountCents,
      submittedAt: now.toISOString(),
      // The case keeps its type's terms as they are now; a later change by the raad leaves it.
      terms: await this.caseTypes.termsAt(m, body.type),
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
    const { contactEmail: _contact, ...payload } = body;
    const row = await this.cases.submit(
      m,
      {
        id,
        prefix: REFERENCE_PREFIX[body.type],
        year: now.getUTCFullYear(),
        type: body.type,
        title: body.title,
        description: body.description,
        areaCode: body.areaCode,
        theme: body.theme,
        requestedAmountCents: body.requestedAmountCents,
        initiatorId: actor.id,
        contactEmail: body.contactEmail,
        details,
        snapshot,
        at: now,
      },
      {
        caseId: id,
        areaCode: body.areaCode,
        event: 'SUBMIT',
        fromState: null,
        toState: snapshot.value,
        actor,
        role: 'resident',
        payload: { ...payload },
        // The statement adds the reference it gives the case.
        notify: {
          topic: 'case.submitted',
          payload: { caseId: id, toState: snapshot.value, recipient: actor.id },
        },
      },
    );
    return { view: await this.views.toView(m, row, actor, lang), replayed: false };
  }
}
