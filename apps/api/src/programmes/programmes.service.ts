import { refusalMessage } from '../../../../libs/messages/src/index.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { ProcessLogRepository } from '../audit/process-log.repository.js';
import type { CouncilDecision, RefusalCode } from '../../../../libs/workflows/src/index.js';
import type { Actor } from '../auth/actor.js';
import { Database } from '../database/database.service.js';
import { councilDecisionOf, sameCouncilDecision } from '../common/council-decision.js';
import type { AdoptProgrammeRequest, ProgrammeView } from './programme.dto.js';
import { toProgrammeView } from './programme-row.js';
import { ProgrammesRepository } from './programmes.repository.js';

/**
 * The council's frame: per year and area a budget, a delegation limit and the programme goals,
 * adopted by the raad in a meeting and registered by its clerk (griffier) with that meeting.
 */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly db: Database,
    private readonly areas: AreasService,
    private readonly log: ProcessLogRepository,
    private readonly programmes: ProgrammesRepository,
  ) {}

  /**
   * Adopts the programme, or revises it when one exists. The row is locked for the whole
   * transaction (inserted, or SELECT … FOR UPDATE), the same lock HONOUR takes, so a revision
   * and an honour cannot both read the old committed amount.
   */
  async adopt(
    actor: Actor,
    year: number,
    areaCode: string,
    body: AdoptProgrammeRequest,
  ): Promise<ProgrammeView> {
    await this.areas.assertKnown([areaCode], 'areaCode');
    const councilDecision = councilDecisionOf(body.councilDecision);
    return this.db.transaction(async (m) => {
      const values = {
        year,
        areaCode,
        budgetCents: body.budgetCents,
        delegationLimitCents: body.delegationLimitCents,
        themes: body.themes,
        councilDecision,
        at: new Date(),
      };
      // A concurrent adoption of the same programme is waited for; then this one yields no row.
      const created = await this.programmes.insertIfAbsent(m, values);
      if (created) {
        await this.appendLog(m, actor, 'PROGRAMME_ADOPTED', year, areaCode, values, null);
        return toProgrammeView(created);
      }
      const before = toProgrammeView((await this.programmes.findForUpdate(m, year, areaCode))!);
      if (body.budgetCents < before.committedCents) {
        throw new DomainError(
          ErrorCode.RuleViolation,
          refusalMessage({
            code: 'BUDGET_BELOW_COMMITTED',
            params: { budgetCents: body.budgetCents, committedCents: before.committedCents },
          }),
          { code: 'BUDGET_BELOW_COMMITTED' satisfies RefusalCode, committedCents: before.committedCents },
        );
      }
      const unchanged =
        before.budgetCents === body.budgetCents &&
        before.delegationLimitCents === body.delegationLimitCents &&
        JSON.stringify(before.themes) === JSON.stringify(body.themes) &&
        sameCouncilDecision(before.councilDecision, councilDecision);
      // PUT is idempotent: the same frame by the same council decision again changes nothing, so
      // it logs nothing. Another meeting's decision is a revision, even of the same figures.
      if (unchanged) return before;
      const revised = await this.programmes.update(m, values);
      await this.appendLog(m, actor, 'PROGRAMME_REVISED', year, areaCode, values, before);
      return toProgrammeView(revised);
    });
  }

  async list(year: number): Promise<ProgrammeView[]> {
    const rows = await this.db.read((m) => this.programmes.listByYear(m, year));
    return rows.map(toProgrammeView);
  }

  private async appendLog(
    m: EntityManager,
    actor: Actor,
    event: 'PROGRAMME_ADOPTED' | 'PROGRAMME_REVISED',
    year: number,
    areaCode: string,
    adopted: Pick<ProgrammeView, 'budgetCents' | 'delegationLimitCents' | 'themes'> & {
      councilDecision: CouncilDecision;
    },
    before: ProgrammeView | null,
  ): Promise<void> {
    const frame = (p: Pick<ProgrammeView, 'budgetCents' | 'delegationLimitCents' | 'themes'>) => ({
      budgetCents: p.budgetCents,
      delegationLimitCents: p.delegationLimitCents,
      themes: p.themes,
    });
    await this.log.append(m, {
      caseId: null,
      caseReference: null,
      areaCode,
      event,
      fromState: null,
      toState: null,
      actor,
      role: 'clerk',
      payload: {
        year,
        ...frame(adopted),
        councilDecision: adopted.councilDecision,
        ...(before ? { previous: frame(before) } : {}),
      },
    });
  }
}
