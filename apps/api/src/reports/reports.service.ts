import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { stateHasTag, statesTagged } from '../../../../libs/workflows/src/index.js';
import { CheckpointService } from '../audit/checkpoints.service.js';
import { ProcessLogService } from '../audit/process-log.service.js';
import type { Actor } from '../auth/actor.js';
import { CASE_COLUMNS, type CaseRow, programmeYear } from '../cases/case-row.js';
import { CaseTransitions } from '../cases/case-transitions.service.js';
import { Database } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import { computeTotals } from './report-totals.js';
import type {
  ListReportsQuery,
  ReportCaseView,
  ReportPage,
  ReportTransferView,
  ReportView,
} from './report.dto.js';

/**
 * Key of the transaction-scoped advisory lock that serializes report creation on PostgreSQL
 * (PGlite runs one transaction at a time anyway). Two reports at once would otherwise race
 * for the same decided cases and for the next report number. Arbitrary but fixed: the ASCII
 * of "WFREPORT" as a bigint.
 */
const REPORT_LOCK_KEY = '6288804387323073108';

/** What a report stores in its body column; the rest of ReportView has columns of its own. */
type ReportBody = Pick<ReportView, 'issuedBy' | 'cases' | 'transfers' | 'totals'>;

interface ReportRow {
  id: string;
  number: number;
  created_at: Date;
  log_head_seq: number;
  log_head_hash: string;
  body: ReportBody;
}

interface TransferRow {
  id: string;
  year: number;
  from_area_code: string;
  to_area_code: string;
  amount_cents: number;
  reason: string;
  actor_id: string;
  created_at: Date;
}

const REPORT_COLUMNS = 'id, number, created_at, log_head_seq, log_head_hash, body';

function toView(r: ReportRow): ReportView {
  return {
    id: r.id,
    number: Number(r.number),
    createdAt: new Date(r.created_at).toISOString(),
    issuedBy: r.body.issuedBy,
    logHead: { seq: Number(r.log_head_seq), hash: r.log_head_hash },
    cases: r.body.cases,
    transfers: r.body.transfers,
    totals: r.body.totals,
  };
}

/** The case as the council reads it: what was decided; never contact data or the initiator's id. */
function reportCase(row: CaseRow, decidedByCouncil: boolean): ReportCaseView {
  // Reportable states accept no event but REPORT, so the state is the decision.
  const outcome = row.state;
  return {
    caseId: row.id,
    reference: row.reference,
    type: row.type,
    title: row.title,
    areaCode: row.area_code,
    theme: row.theme,
    outcome,
    decidedBy: decidedByCouncil ? 'council' : 'college',
    requestedAmountCents: Number(row.requested_amount_cents),
    honouredAmountCents:
      stateHasTag(outcome, 'granted') && row.honoured_amount_cents !== null
        ? Number(row.honoured_amount_cents)
        : null,
    // honoured and rejected accept no event but REPORT, so the last change was the decision.
    decidedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Raadsinformatiebrieven: the college informs the council afterwards of what it decided
 * ("De Raad wordt hierover achteraf geïnformeerd").
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseTransitions,
    private readonly log: ProcessLogService,
    private readonly checkpoints: CheckpointService,
  ) {}

  /**
   * Issues the next report in one transaction. The college reports as a whole: any alderman
   * issues the report for every area, not only their own, so no decided case waits for
   * "its" alderman and the council gets one complete picture (the REPORT event is
   * alderman/scope "all" in EVENT_PERMISSIONS for the same reason). A report with nothing
   * new is still issued: it anchors the process log, which is worth doing on a schedule.
   */
  async create(actor: Actor): Promise<ReportView> {
    return this.db.transaction(async (m) => {
      await sql(m, `SELECT pg_advisory_xact_lock($1::bigint)`, [REPORT_LOCK_KEY]);
      const id = randomUUID();
      const now = new Date();
      const year = programmeYear(now);
      const [{ next }] = await sql<{ next: number }>(
        m,
        `SELECT COALESCE(MAX(number), 0) + 1 AS next FROM reports`,
      );
      const number = Number(next);

      // Everything read before the first log append: the log head row stays locked from
      // that append until COMMIT, and every other transition in the system waits for it.
      const decided = await sql<CaseRow>(
        m,
        `SELECT ${CASE_COLUMNS} FROM cases WHERE state = ANY($1::text[])
         ORDER BY updated_at, reference FOR UPDATE`,
        [statesTagged('reportable')],
      );
      const byCouncil = await this.decidedByCouncil(m, decided);
      const cases = decided.map((row) => reportCase(row, byCouncil.has(row.id)));
      const transfers = await this.claimTransfers(m, id);
      const programmes = await sql<{ area_code: string; budget_cents: number; committed_cents: number }>(
        m,
        `SELECT area_code, budget_cents, committed_cents FROM programmes WHERE year = $1`,
        [year],
      );
      const areas = await sql<{ code: string }>(m, `SELECT code FROM areas ORDER BY code`);
      const totals = computeTotals(
        cases,
        transfers,
        programmes.map((p) => ({
          areaCode: p.area_code,
          budgetCents: Number(p.budget_cents),
          committedCents: Number(p.committed_cents),
        })),
        areas.map((a) => a.code),
        year,
      );

      // Through the one transition path, one log entry each, like every other transition.
      for (const row of decided) {
        await this.cases.sendSystemEvent(m, actor, row, { type: 'REPORT', reportId: id }, id);
      }

      // The report's own entry comes last, so the head it stores anchors all of the above.
      const head = await this.log.append(m, {
        caseId: null,
        caseReference: null,
        areaCode: null,
        event: 'REPORT_ISSUED',
        fromState: null,
        toState: null,
        actor,
        role: 'alderman',
        payload: { reportId: id, number, caseCount: cases.length, transferCount: transfers.length },
      });
      const body: ReportBody = { issuedBy: { id: actor.id, name: actor.name }, cases, transfers, totals };
      const [row] = await sql<ReportRow>(
        m,
        `INSERT INTO reports (id, number, created_at, created_by, log_head_seq, log_head_hash, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING ${REPORT_COLUMNS}`,
        [id, number, now, actor.id, head.seq, head.hash, JSON.stringify(body)],
      );
      // Every report also publishes a signed checkpoint of the head it anchors, in its transaction.
      await this.checkpoints.record(m, head, 'report');
      return toView(row);
    });
  }

  async get(id: string): Promise<ReportView> {
    const [row] = await this.db.read((m) =>
      sql<ReportRow>(m, `SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $1`, [id]),
    );
    if (!row) throw DomainError.notFound('The report');
    return toView(row);
  }

  /** Newest first; the cursor is the number of the last report on the previous page. */
  async list(q: ListReportsQuery): Promise<ReportPage> {
    const limit = q.limit ?? 20;
    const params: unknown[] = [limit + 1];
    if (q.cursor) params.push(Number(q.cursor));
    const rows = await this.db.read((m) =>
      sql<ReportRow>(
        m,
        `SELECT ${REPORT_COLUMNS} FROM reports ${q.cursor ? 'WHERE number < $2' : ''} ORDER BY number DESC LIMIT $1`,
        params,
      ),
    );
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].number) : null };
  }

  /** Which of these cases the council decided itself (after a referral) rather than the college. */
  private async decidedByCouncil(m: EntityManager, rows: CaseRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const found = await sql<{ case_id: string }>(
      m,
      `SELECT case_id FROM process_log
       WHERE case_id = ANY($1::uuid[]) AND event IN ('COUNCIL_HONOUR', 'COUNCIL_REJECT')`,
      [rows.map((r) => r.id)],
    );
    return new Set(found.map((f) => f.case_id));
  }

  /** Budget transfers not yet in any report become this report's. */
  private async claimTransfers(m: EntityManager, reportId: string): Promise<ReportTransferView[]> {
    const rows = await sql<TransferRow>(
      m,
      `UPDATE budget_transfers SET report_id = $1 WHERE report_id IS NULL
       RETURNING id, year, from_area_code, to_area_code, amount_cents, reason, actor_id, created_at`,
      [reportId],
    );
    return rows
      .map((t) => ({
        id: t.id,
        year: Number(t.year),
        fromAreaCode: t.from_area_code,
        toAreaCode: t.to_area_code,
        amountCents: Number(t.amount_cents),
        reason: t.reason,
        actorId: t.actor_id,
        createdAt: new Date(t.created_at).toISOString(),
      }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
}
