import { msg } from '../../../../libs/messages/src/index.js';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { ProcessLogRepository } from '../audit/process-log.repository.js';
import type { Actor } from '../auth/actor.js';
import { Database } from '../database/database.service.js';
import type { TransferRequest, TransferView } from './programme.dto.js';
import { type ProgrammeRow, toProgrammeView } from './programme-row.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { toTransferView } from './transfer-row.js';
import { TransfersRepository } from './transfers.repository.js';

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
    private readonly log: ProcessLogRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly transfers: TransfersRepository,
  ) {}

  async transfer(actor: Actor, year: number, body: TransferRequest): Promise<TransferView> {
    const unknown = [];
    for (const name of ['fromAreaCode', 'toAreaCode'] as const) {
      if (!(await this.areas.isKnown(body[name])))
        unknown.push({ name, reason: msg('reason.unknownArea', { codes: [body[name]] }) });
    }
    if (unknown.length > 0) throw DomainError.invalid(unknown);
    // Scope: the alderman must work for the area that gives up budget. That area's alderman
    // answers to the council for its programme; the receiving area only gains, so it needs
    // no say. An alderman can therefore push budget out of their areas, never pull it in.
    if (!actor.areas.includes(body.fromAreaCode)) {
      throw DomainError.forbidden(msg('detail.transferFromOwnArea', { areaCode: body.fromAreaCode }));
    }
    return this.db.transaction(async (m) => {
      const locked = await this.lockBoth(m, year, body.fromAreaCode, body.toAreaCode);
      const missing = [body.fromAreaCode, body.toAreaCode].filter((code) => !locked.has(code));
      if (missing.length > 0) {
        throw new DomainError(
          ErrorCode.RuleViolation,
          msg('detail.transferNoProgramme', { year, areaCodes: missing }),
          { code: 'NO_PROGRAMME' },
        );
      }
      const source = toProgrammeView(locked.get(body.fromAreaCode)!);
      if (source.availableCents < body.amountCents) {
        throw new DomainError(
          ErrorCode.RuleViolation,
          msg('detail.transferBudgetExceeded', {
            year,
            areaCode: body.fromAreaCode,
            availableCents: source.availableCents,
            amountCents: body.amountCents,
          }),
          { code: 'BUDGET_EXCEEDED', availableCents: source.availableCents },
        );
      }
      const moved = {
        year,
        fromAreaCode: body.fromAreaCode,
        toAreaCode: body.toAreaCode,
        amountCents: body.amountCents,
        at: new Date(),
      };
      await this.programmes.moveBudget(m, moved);
      const view = toTransferView(
        await this.transfers.insert(m, {
          ...moved,
          id: randomUUID(),
          reason: body.reason,
          actorId: actor.id,
        }),
      );
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
    const rows = await this.db.read((m) => this.transfers.listByYear(m, year));
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
      const row = await this.programmes.findForUpdate(m, year, code);
      if (row) locked.set(code, row);
    }
    return locked;
  }
}
