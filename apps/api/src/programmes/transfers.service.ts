import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { ProcessLogService } from '../audit/process-log.service.js';
import type { Actor } from '../auth/actor.js';
import { Database } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import type { TransferRequest, TransferView } from './programme.dto.js';
import {
  euro,
  PROGRAMME_COLUMNS,
  type ProgrammeRow,
  TRANSFER_COLUMNS,
  type TransferRow,
  toProgrammeView,
  toTransferView,
} from './programme-row.js';

/**
 * Budget shifts between two areas' programmes of one year (the college may do this within
 * the council's frame). They are listed in the next report to the council, which picks up
 * `budget_transfers WHERE report_id IS NULL`.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly db: Database,
    private readonly areas: AreasService,
    private readonly log: ProcessLogService,
  ) {}

  async transfer(actor: Actor, year: number, body: TransferRequest): Promise<TransferView> {
    const unknown = [];
    for (const name of ['fromAreaCode', 'toAreaCode'] as const) {
      if (!(await this.areas.isKnown(body[name])))
        unknown.push({ name, reason: `unknown area code: ${body[name]}` });
    }
    if (unknown.length > 0) throw DomainError.invalid(unknown);
    // Scope: the alderman must work for the area that gives up budget. That area's alderman
    // answers to the council for its programme; the receiving area only gains, so it needs
    // no say. An alderman can therefore push budget out of their areas, never pull it in.
    if (!actor.areas.includes(body.fromAreaCode)) {
      throw DomainError.forbidden(
        `Only an alderman of ${body.fromAreaCode}, the area that gives up budget, may transfer from its programme.`,
      );
    }
    return this.db.transaction(async (m) => {
      const locked = await this.lockBoth(m, year, body.fromAreaCode, body.toAreaCode);
      const missing = [body.fromAreaCode, body.toAreaCode].filter((code) => !locked.has(code));
      if (missing.length > 0) {
        throw new DomainError(
          ErrorCode.RuleViolation,
          `The council has adopted no ${year} programme for ${missing.join(' and ')}, so no budget can move there or from there.`,
          { code: 'NO_PROGRAMME' },
        );
      }
      const source = toProgrammeView(locked.get(body.fromAreaCode)!);
      if (source.availableCents < body.amountCents) {
        throw new DomainError(
          ErrorCode.RuleViolation,
          `The ${year} programme of ${body.fromAreaCode} has ${euro(source.availableCents)} available, ` +
            `less than the ${euro(body.amountCents)} to transfer.`,
          { code: 'BUDGET_EXCEEDED', availableCents: source.availableCents },
        );
      }
      const now = new Date();
      // One statement moves both sides, so there is no moment where only one has changed.
      await sql(
        m,
        `UPDATE programmes
         SET budget_cents = budget_cents + CASE WHEN area_code = $2 THEN -$4::bigint ELSE $4::bigint END, updated_at = $5
         WHERE year = $1 AND area_code IN ($2, $3)`,
        [year, body.fromAreaCode, body.toAreaCode, body.amountCents, now],
      );
      const [row] = await sql<TransferRow>(
        m,
        `INSERT INTO budget_transfers (id, year, from_area_code, to_area_code, amount_cents, reason, actor_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING ${TRANSFER_COLUMNS}`,
        [
          randomUUID(),
          year,
          body.fromAreaCode,
          body.toAreaCode,
          body.amountCents,
          body.reason,
          actor.id,
          now,
        ],
      );
      const view = toTransferView(row);
      await this.log.append(m, {
        caseId: null,
        caseReference: null,
        areaCode: body.fromAreaCode,
        event: 'BUDGET_TRANSFERRED',
        fromState: null,
        toState: null,
        actor,
        role: 'alderman',
        payload: {
          transferId: view.id,
          year,
          fromAreaCode: view.fromAreaCode,
          toAreaCode: view.toAreaCode,
          amountCents: view.amountCents,
          reason: view.reason,
        },
      });
      return view;
    });
  }

  async list(year: number): Promise<TransferView[]> {
    const rows = await this.db.read((m) =>
      sql<TransferRow>(
        m,
        `SELECT ${TRANSFER_COLUMNS} FROM budget_transfers WHERE year = $1 ORDER BY created_at, id`,
        [year],
      ),
    );
    return rows.map(toTransferView);
  }

  /**
   * Locks both programme rows one statement at a time in area-code order: two opposite
   * transfers (A→B, B→A) then queue on the same first row instead of deadlocking.
   */
  private async lockBoth(
    m: EntityManager,
    year: number,
    a: string,
    b: string,
  ): Promise<Map<string, ProgrammeRow>> {
    const locked = new Map<string, ProgrammeRow>();
    for (const code of [a, b].sort()) {
      const [row] = await sql<ProgrammeRow>(
        m,
        `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE year = $1 AND area_code = $2 FOR UPDATE`,
        [year, code],
      );
      if (row) locked.set(code, row);
    }
    return locked;
  }
}
