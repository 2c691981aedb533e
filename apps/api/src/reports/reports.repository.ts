import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LogHead } from '../audit/process-log.repository.js';
import { lockForTransaction } from '../database/advisory-lock.js';
import { query } from '../database/sql.js';
import { type DecisionEntryRow, REPORT_COLUMNS, type ReportBody, type ReportRow } from './report-row.js';

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

  /**
   * Where the previous report stopped reading decisions: the seq it read them up to (in its
   * body), or for a report issued before decisions were listed its anchored head; 0 before the
   * first report. Only the REPORT entries of that report and its own REPORT_ISSUED can lie
   * between the two, unless a decision was committed while it was being issued: then that
   * decision is the next report's.
   */
  async decisionsReadThrough(m: EntityManager): Promise<number> {
    const [row] = await query<{ seq: string | number }>(
      m,
      `SELECT COALESCE((body->>'decisionsThroughSeq')::bigint, log_head_seq) AS seq
       FROM reports ORDER BY number DESC LIMIT 1`,
    );
    return row ? Number(row.seq) : 0;
  }

  /**
   * The log entries of cases with one of `events` after `afterSeq`, in log order, with the
   * case they are about, and the head of the log in the same snapshot (`throughSeq`): every
   * entry up to that head is committed and among them, every later one is not.
   */
  async decisionEntries(
    m: EntityManager,
    afterSeq: number,
    events: readonly string[],
  ): Promise<{ throughSeq: number; entries: DecisionEntryRow[] }> {
    type Joined = DecisionEntryRow & { through_seq: string | number };
    const rows = await query<Joined>(
      m,
      `SELECT h.seq AS through_seq, e.*
       FROM log_head h
       LEFT JOIN (
         SELECT l.seq, l.at, l.case_id, l.event, l.from_state, l.to_state, c.reference, c.type, c.title,
                c.area_code, c.theme, c.honoured_amount_cents, c.settled_amount_cents, c.released_amount_cents,
                c.snapshot
         FROM process_log l JOIN cases c ON c.id = l.case_id
         WHERE l.seq > :afterSeq AND l.event = ANY(:events::text[])
       ) e ON e.seq <= h.seq
       WHERE h.id = 1
       ORDER BY e.seq`,
      { afterSeq, events },
    );
    const throughSeq = rows.length > 0 ? Number(rows[0].through_seq) : afterSeq;
    const entries = rows
      .filter((r) => r.seq !== null)
      .map(({ through_seq: _head, ...e }) => ({ ...e, seq: Number(e.seq) }));
    return { throughSeq, entries };
  }

  /**
   * Records on each case that `reportId` listed it (cases.reported_in, shown as reportedIn),
   * once. Locks those rows until the caller's transaction ends; the version stays, since the
   * case itself did not move.
   */
  async markReported(m: EntityManager, reportId: string, caseIds: readonly string[]): Promise<number> {
    if (caseIds.length === 0) return 0;
    const rows = await query<{ id: string }>(
      m,
      `UPDATE cases SET reported_in = array_append(reported_in, :reportId::uuid)
       WHERE id = ANY(:caseIds::uuid[]) AND NOT (:reportId::uuid = ANY(reported_in))
       RETURNING id`,
      { reportId, caseIds: [...new Set(caseIds)] },
    );
    return rows.length;
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
