import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LogHead } from '../audit/process-log.repository.js';
import { lockForTransaction } from '../database/advisory-lock.js';
import { query } from '../database/sql.js';
import { REPORT_COLUMNS, type ReportBody, type ReportRow } from './report-row.js';

/**
 * Key of the transaction-scoped advisory lock that serializes report creation on PostgreSQL
 * (PGlite runs one transaction at a time anyway). Two reports at once would otherwise race
 * for the same decided cases and for the next report number. Arbitrary but fixed: the ASCII
 * of "WFREPORT" as a bigint.
 */
const REPORT_LOCK_KEY = '6288804387323073108';

/** A report as it is issued. */
export interface NewReport {
  id: string;
  number: number;
  at: Date;
  createdBy: string;
  logHead: LogHead;
  body: ReportBody;
}

/** The raadsinformatiebrieven; the database refuses to change or delete one (WF002). */
@Injectable()
export class ReportsRepository {
  /** Makes the caller's transaction the only one issuing a report until it ends. */
  lockIssuing(m: EntityManager): Promise<void> {
    return lockForTransaction(m, REPORT_LOCK_KEY);
  }

  /** The next report's number (under lockIssuing). */
  async nextNumber(m: EntityManager): Promise<number> {
    const [{ next }] = await query<{ next: number }>(
      m,
      `SELECT COALESCE(MAX(number), 0) + 1 AS next FROM reports`,
    );
    return Number(next);
  }

  async insert(m: EntityManager, r: NewReport): Promise<ReportRow> {
    const [row] = await query<ReportRow>(
      m,
      `INSERT INTO reports (id, number, created_at, created_by, log_head_seq, log_head_hash, body)
       VALUES (:id, :number, :at, :createdBy, :logHeadSeq, :logHeadHash, :body::jsonb)
       RETURNING ${REPORT_COLUMNS}`,
      {
        id: r.id,
        number: r.number,
        at: r.at,
        createdBy: r.createdBy,
        logHeadSeq: r.logHead.seq,
        logHeadHash: r.logHead.hash,
        body: JSON.stringify(r.body),
      },
    );
    return row;
  }

  async findById(m: EntityManager, id: string): Promise<ReportRow | undefined> {
    const [row] = await query<ReportRow>(m, `SELECT ${REPORT_COLUMNS} FROM reports WHERE id = :id`, { id });
    return row;
  }

  /** Newest first, `limit` + 1 at most (the one more tells there is a next page); `before` a number. */
  async page(m: EntityManager, limit: number, before?: number): Promise<ReportRow[]> {
    return before === undefined
      ? query<ReportRow>(m, `SELECT ${REPORT_COLUMNS} FROM reports ORDER BY number DESC LIMIT :limit`, {
          limit: limit + 1,
        })
      : query<ReportRow>(
          m,
          `SELECT ${REPORT_COLUMNS} FROM reports WHERE number < :before ORDER BY number DESC LIMIT :limit`,
          { limit: limit + 1, before },
        );
  }

  /** The log heads the reports anchored, by seq (verify checks the log still holds them). */
  async anchoredHeads(m: EntityManager): Promise<LogHead[]> {
    const rows = await query<LogHead>(
      m,
      `SELECT log_head_seq AS seq, log_head_hash AS hash FROM reports ORDER BY log_head_seq`,
    );
    return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
  }
}
