import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { migrateSnapshot } from '../../../../libs/workflows/src/index.js';
import type { Actor } from '../auth/actor.js';
import { canSee } from '../cases/case-row.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database } from '../database/database.service.js';
import { type DecisionView, toDecisionView } from './decision.dto.js';
import { letterText, renderLetter } from './decision-letter.js';
import { DecisionsRepository } from './decisions.repository.js';

/** The decisions on a case, for whoever may see the case, and each as a letter. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly db: Database,
    private readonly cases: CasesRepository,
    private readonly decisions: DecisionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, caseId: string): Promise<DecisionView[]> {
    return this.db.read(async (m) => {
      await this.visibleCase(m, actor, caseId);
      return (await this.decisions.listByCase(m, caseId)).map(toDecisionView);
    });
  }

  async get(actor: Actor, caseId: string, number: string): Promise<DecisionView> {
    return (await this.withCase(actor, caseId, number)).decision;
  }

  /** The letter of a decision as PDF. */
  async letter(actor: Actor, caseId: string, number: string): Promise<Buffer> {
    const { decision, row } = await this.withCase(actor, caseId, number);
    const facts = migrateSnapshot(row.snapshot).context;
    const text = letterText(
      decision,
      {
        reference: row.reference,
        type: row.type,
        title: row.title,
        honouredAmountCents: facts.honouredAmountCents,
        releasedAmountCents: facts.releasedAmountCents,
        accountBy: facts.accountBy,
        agreementMonths: facts.agreementMonths,
      },
      this.config.municipalityName,
    );
    return renderLetter(text);
  }

  private async withCase(actor: Actor, caseId: string, number: string) {
    return this.db.read(async (m) => {
      const row = await this.visibleCase(m, actor, caseId);
      const found = await this.decisions.find(m, caseId, number);
      if (!found) throw DomainError.notFound('decision');
      return { row, decision: toDecisionView(found) };
    });
  }

  /** 404 for a case the actor may not see, as for the case itself. */
  private async visibleCase(m: Parameters<CasesRepository['findById']>[0], actor: Actor, caseId: string) {
    const row = await this.cases.findById(m, caseId);
    if (!row || !canSee(actor, row)) throw DomainError.notFound('case');
    return row;
  }
}
