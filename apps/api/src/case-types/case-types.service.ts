import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { type CaseTerms, TERM_NAMES } from '../../../../libs/workflows/src/index.js';
import { ProcessLogRepository } from '../audit/process-log.repository.js';
import type { Actor } from '../auth/actor.js';
import { councilDecisionOf, sameCouncilDecision } from '../common/council-decision.js';
import { Database } from '../database/database.service.js';
import type { CaseTypeView, SetCaseTermsRequest } from './case-type.dto.js';
import { type CaseTypeRow, CaseTypesRepository, termsOf } from './case-types.repository.js';

function toView(row: CaseTypeRow): CaseTypeView {
  return {
    type: row.type,
    name: row.name,
    ...termsOf(row),
    legalBasis: row.legal_basis,
    councilDecision: row.council_decision ?? null,
  };
}

function sameTerms(a: CaseTerms, b: CaseTerms): boolean {
  return TERM_NAMES.every((name) => a[name] === b[name]);
}

/**
 * The case types and their terms. The raad sets the terms in a meeting, its clerk (griffier)
 * registers it; a case keeps the terms of its type at submission (CaseSubmissions reads them
 * with termsAt), so a change applies to cases submitted afterwards.
 */
@Injectable()
export class CaseTypesService {
  constructor(
    private readonly db: Database,
    private readonly caseTypes: CaseTypesRepository,
    private readonly log: ProcessLogRepository,
  ) {}

  async list(): Promise<CaseTypeView[]> {
    return (await this.db.read((m) => this.caseTypes.list(m))).map(toView);
  }

  /**
   * The terms of `type` now, in the caller's transaction. Every case type has its row from
   * the migrations, so a missing one is a fault of the installation, not of the request.
   */
  async termsAt(m: EntityManager, type: string): Promise<CaseTerms> {
    const row = await this.caseTypes.find(m, type);
    if (!row) throw new Error(`No terms for case type ${type}: run the database migrations`);
    return termsOf(row);
  }

  /**
   * Sets the terms of a case type, with the raad's meeting, and logs it in the same
   * transaction; the row is locked so two registrations are logged one after the other. The
   * same terms by the same meeting again change nothing and log nothing (PUT is idempotent).
   */
  async setTerms(actor: Actor, type: string, body: SetCaseTermsRequest): Promise<CaseTypeView> {
    const councilDecision = councilDecisionOf(body.councilDecision);
    const terms: CaseTerms = {
      decisionTermDays: body.decisionTermDays,
      maxExtensionDays: body.maxExtensionDays,
      defaultRespondByDays: body.defaultRespondByDays,
      objectionTermDays: body.objectionTermDays,
    };
    return this.db.transaction(async (m) => {
      const before = await this.caseTypes.find(m, type, true);
      if (!before) throw DomainError.notFound('caseType');
      const previous = termsOf(before);
      if (sameTerms(previous, terms) && sameCouncilDecision(before.council_decision, councilDecision)) {
        return toView(before);
      }
      const after = await this.caseTypes.setTerms(m, type, terms, councilDecision, new Date());
      await this.log.append(m, {
        caseId: null,
        caseReference: null,
        areaCode: null,
        event: 'CASE_TYPE_TERMS_SET',
        fromState: null,
        toState: null,
        actor,
        role: 'clerk',
        payload: { type, ...terms, councilDecision, previous },
      });
      return toView(after);
    });
  }
}
