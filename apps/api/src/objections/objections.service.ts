import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { initialCase } from '../../../../libs/workflows/src/index.js';
import type { Actor } from '../auth/actor.js';
import type { CaseView } from '../cases/case.dto.js';
import { type CaseRow, canSee } from '../cases/case-row.js';
import { CaseViews } from '../cases/case-views.service.js';
import { refusalError } from '../cases/case-transitions.service.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { Database } from '../database/database.service.js';
import { CaseTypesService } from '../case-types/case-types.service.js';
import { DecisionsRepository } from '../decisions/decisions.repository.js';
import type { ObjectionRequest } from './objection.dto.js';

/** Objections get references of their own: BZW-2026-000001. */
const REFERENCE_PREFIX = 'BZW';

/**
 * Objections (bezwaar, Awb chapter 6 and 7): the initiator of a case objects to one of its
 * besluiten. The objection is a case of type `objection` in the same area, submitted in one
 * transaction with its log entry and notification, like an application.
 */
@Injectable()
export class ObjectionSubmissions {
  constructor(
    private readonly db: Database,
    private readonly cases: CasesRepository,
    private readonly decisions: DecisionsRepository,
    private readonly views: CaseViews,
    private readonly caseTypes: CaseTypesService,
  ) {}

  async submit(actor: Actor, caseId: string, number: string, body: ObjectionRequest): Promise<CaseView> {
    return this.db.transaction(async (m) => {
      const original = await this.cases.findById(m, caseId);
      // Visibility first (404), then who may object: only the initiator (403).
      if (!original || !canSee(actor, original)) throw DomainError.notFound('The case');
      const decision = await this.decisions.find(m, caseId, number);
      if (!decision) throw DomainError.notFound('The decision');
      if (!(actor.roles.includes('resident') && actor.id === original.initiator_id)) {
        throw new DomainError(
          ErrorCode.Forbidden,
          'Only the resident who submitted the case may object to its decisions.',
          { code: 'ROLE' },
        );
      }
      if (!decision.objection_possible || decision.objection_deadline === null) {
        throw refusalError({
          code: 'NOT_OBJECTIONABLE',
          fromState: original.state,
          event: 'DECIDE_OBJECTION',
          detail: `Decision ${number} is not one to object to: a decision on an objection can be appealed to the court instead.`,
        });
      }
      return this.insertObjection(m, actor, original, number, decision.objection_deadline, body.grounds);
    });
  }

  private async insertObjection(
    m: EntityManager,
    actor: Actor,
    original: CaseRow,
    decisionNumber: string,
    objectionDeadline: string,
    grounds: string,
  ): Promise<CaseView> {
    const id = randomUUID();
    const now = new Date();
    const snapshot = initialCase({
      type: 'objection',
      areaCode: original.area_code,
      theme: original.theme,
      initiatorId: actor.id,
      requestedAmountCents: 0,
      submittedAt: now.toISOString(),
      objectionTo: { decisionNumber, caseId: original.id, objectionDeadline },
      // The objection type's terms as the raad has set them now (GET /case-types).
      terms: await this.caseTypes.termsAt(m, 'objection'),
    });
    // The same one statement as an application's submission: the next number of its own series
    // (BZW-<year>-NNNNNN), the case, and the SUBMIT entry with its notification.
    const row = await this.cases.submit(
      m,
      {
        id,
        prefix: REFERENCE_PREFIX,
        year: now.getUTCFullYear(),
        type: 'objection',
        title: `Bezwaar tegen besluit ${decisionNumber}`,
        description: grounds,
        areaCode: original.area_code,
        theme: original.theme,
        requestedAmountCents: 0,
        initiatorId: actor.id,
        // The objector is the initiator: their contact e-mail of the case reaches them.
        contactEmail: original.contact_email,
        details: { grounds },
        snapshot,
        at: now,
      },
      {
        caseId: id,
        areaCode: original.area_code,
        event: 'SUBMIT',
        fromState: null,
        toState: snapshot.value,
        actor,
        role: 'resident',
        payload: {
          type: 'objection',
          decisionNumber,
          objectsTo: { caseId: original.id, reference: original.reference },
          grounds,
          late: snapshot.context.objection!.late,
        },
        // The statement adds the reference it gives the objection.
        notify: {
          topic: 'case.submitted',
          payload: { caseId: id, toState: snapshot.value, recipient: actor.id },
        },
      },
    );
    return this.views.toView(m, row, actor);
  }
}
