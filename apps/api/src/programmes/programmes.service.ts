import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { ProcessLogService } from '../audit/process-log.service.js';
import type { Actor } from '../auth/actor.js';
import { Database } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import type { AdoptProgrammeRequest, ProgrammeView } from './programme.dto.js';
import { euro, PROGRAMME_COLUMNS, type ProgrammeRow, toProgrammeView } from './programme-row.js';

/** The council's frame: per year and area a budget, a delegation limit and the programme goals. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly db: Database,
    private readonly areas: AreasService,
    private readonly log: ProcessLogService,
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
    return this.db.transaction(async (m) => {
      const now = new Date();
      const themes = JSON.stringify(body.themes);
      // DO NOTHING waits for a concurrent adoption of the same programme, then yields no row.
      const [created] = await sql<ProgrammeRow>(
        m,
        `INSERT INTO programmes (year, area_code, budget_cents, delegation_limit_cents, themes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6)
         ON CONFLICT (year, area_code) DO NOTHING
         RETURNING ${PROGRAMME_COLUMNS}`,
        [year, areaCode, body.budgetCents, body.delegationLimitCents, themes, now],
      );
      if (created) {
        await this.appendLog(m, actor, 'PROGRAMME_ADOPTED', year, areaCode, body, null);
        return toProgrammeView(created);
      }
      const [current] = await sql<ProgrammeRow>(
        m,
        `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE year = $1 AND area_code = $2 FOR UPDATE`,
        [year, areaCode],
      );
      const before = toProgrammeView(current);
      if (body.budgetCents < before.committedCents) {
        throw new DomainError(
          ErrorCode.RuleViolation,
          `The budget of ${euro(body.budgetCents)} is less than the ${euro(before.committedCents)} already honoured ` +
            `against this programme; it cannot go below that.`,
          { code: 'BUDGET_BELOW_COMMITTED', committedCents: before.committedCents },
        );
      }
      const unchanged =
        before.budgetCents === body.budgetCents &&
        before.delegationLimitCents === body.delegationLimitCents &&
        JSON.stringify(before.themes) === themes;
      // PUT is idempotent: adopting the same frame again changes nothing, so it logs nothing.
      if (unchanged) return before;
      const [revised] = await sql<ProgrammeRow>(
        m,
        `UPDATE programmes SET budget_cents = $3, delegation_limit_cents = $4, themes = $5::jsonb, updated_at = $6
         WHERE year = $1 AND area_code = $2
         RETURNING ${PROGRAMME_COLUMNS}`,
        [year, areaCode, body.budgetCents, body.delegationLimitCents, themes, now],
      );
      await this.appendLog(m, actor, 'PROGRAMME_REVISED', year, areaCode, body, before);
      return toProgrammeView(revised);
    });
  }

  async list(year: number): Promise<ProgrammeView[]> {
    const rows = await this.db.read((m) =>
      sql<ProgrammeRow>(m, `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE year = $1 ORDER BY area_code`, [
        year,
      ]),
    );
    return rows.map(toProgrammeView);
  }

  private async appendLog(
    m: EntityManager,
    actor: Actor,
    event: 'PROGRAMME_ADOPTED' | 'PROGRAMME_REVISED',
    year: number,
    areaCode: string,
    body: AdoptProgrammeRequest,
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
      role: 'council',
      payload: { year, ...frame(body), ...(before ? { previous: frame(before) } : {}) },
    });
  }
}
