import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { query } from '../database/sql.js';
import { TRANSFER_COLUMNS, type TransferRow } from './transfer-row.js';

/** A budget transfer as it is recorded. */
export interface NewTransfer {
  id: string;
  year: number;
  fromAreaCode: string;
  toAreaCode: string;
  amountCents: number;
  reason: string;
  actorId: string;
  at: Date;
}

/** Budget transfers between two areas' programmes; the next report claims the unreported ones. */
@Injectable()
export class TransfersRepository {
  async insert(m: EntityManager, t: NewTransfer): Promise<TransferRow> {
    const [row] = await query<TransferRow>(
      m,
      `INSERT INTO budget_transfers (id, year, from_area_code, to_area_code, amount_cents, reason, actor_id, created_at)
       VALUES (:id, :year, :fromAreaCode, :toAreaCode, :amountCents, :reason, :actorId, :at)
       RETURNING ${TRANSFER_COLUMNS}`,
      { ...t },
    );
    return row;
  }

  async listByYear(m: EntityManager, year: number): Promise<TransferRow[]> {
    return query<TransferRow>(
      m,
      `SELECT ${TRANSFER_COLUMNS} FROM budget_transfers WHERE year = :year ORDER BY created_at, id`,
      { year },
    );
  }

  /** Makes every transfer not yet in a report this report's; returns them oldest first. */
  async claimUnreported(m: EntityManager, reportId: string): Promise<TransferRow[]> {
    const rows = await query<TransferRow>(
      m,
      `UPDATE budget_transfers SET report_id = :reportId WHERE report_id IS NULL RETURNING ${TRANSFER_COLUMNS}`,
      { reportId },
    );
    // RETURNING keeps no order.
    return rows.sort(
      (a, b) =>
        new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id),
    );
  }
}
