import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { DECISION_EVENTS, statesTagged } from '../../../../libs/workflows/src/index.js';
import { AreasRepository } from '../areas/areas.repository.js';
import { CheckpointService } from '../audit/checkpoints.service.js';
import { ProcessLogRepository } from '../audit/process-log.repository.js';
import type { Actor } from '../auth/actor.js';
import { programmeYear } from '../cases/case-row.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { CaseTransitions } from '../cases/case-transitions.service.js';
import { Database } from '../database/database.service.js';
import { ProgrammesRepository } from '../programmes/programmes.repository.js';
import { TransfersRepository } from '../programmes/transfers.repository.js';
import { computeTotals } from './report-totals.js';
import type { ListReportsQuery, ReportPage, ReportView } from './report.dto.js';
import {
  type CountedDecision,
  type ReportBody,
  toCountedDecision,
  toReportCase,
  toReportDecision,
  toReportTransfer,
  toReportView,
} from './report-row.js';
import { ReportsRepository } from './reports.repository.js';

/**
 * Raadsinformatiebrieven: the college informs the council afterwards of what it decided
 * ("De Raad wordt hierover achteraf geïnformeerd").
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: Database,
    private readonly transitions: CaseTransitions,
    private readonly log: ProcessLogRepository,
    private readonly checkpoints: CheckpointService,
    private readonly reports: ReportsRepository,
    private readonly cases: CasesRepository,
    private readonly transfers: TransfersRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly areas: AreasRepository,
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
      await this.reports.lockIssuing(m);
      const id = randomUUID();
      const now = new Date();
      const year = programmeYear(now);
      const number = await this.reports.nextNumber(m);

      // Everything read before the first log append: the log head row stays locked from
      // that append until COMMIT, and every other transition in the system waits for it.
      // The closed cases first, so the decisions read next include the one that closed each.
      const closed = await this.cases.lockInStates(m, statesTagged('reportable'));
      const byCouncil = await this.log.casesThatLeft(
        m,
        closed.map((r) => r.id),
        statesTagged('referred'),
      );
      const cases = closed.map((row) => toReportCase(row, byCouncil.has(row.id)));
      // Every decision since the previous report, up to the head in the same snapshot: a
      // decision committed after that read lands in the next report, never in neither.
      const after = await this.reports.decisionsReadThrough(m);
      const read = await this.reports.decisionEntries(m, after, DECISION_EVENTS);
      const counted = read.entries.map(toCountedDecision).filter((d): d is CountedDecision => d !== null);
      const decisions = counted.map(toReportDecision);
      const transfers = (await this.transfers.claimUnreported(m, id)).map(toReportTransfer);
      const programmes = await this.programmes.listByYear(m, year);
      const areas = await this.areas.list(m);
      const totals = computeTotals(
        counted,
        cases.length,
        transfers,
        programmes.map((p) => ({
          areaCode: p.area_code,
          budgetCents: Number(p.budget_cents),
          committedCents: Number(p.committed_cents),
        })),
        areas.map((a) => a.code),
        year,
      );

      // Each case the report lists (a decision, or filed as closed) records it: reportedIn.
      await this.reports.markReported(m, id, [...decisions.map((d) => d.caseId), ...closed.map((r) => r.id)]);

      // Through the one transition path, one log entry each, like every other transition.
      for (const row of closed) {
        await this.transitions.sendSystemEvent(m, actor, row, { type: 'REPORT', reportId: id }, id);
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
        payload: {
          reportId: id,
          number,
          caseCount: cases.length,
          decisionCount: decisions.length,
          transferCount: transfers.length,
        },
      });
      const body: ReportBody = {
        issuedBy: { id: actor.id, name: actor.name },
        decisions,
        decisionsThroughSeq: read.throughSeq,
        cases,
        transfers,
        totals,
      };
      const row = await this.reports.insert(m, {
        id,
        number,
        at: now,
        createdBy: actor.id,
        logHead: head,
        body,
      });
      // Every report also publishes a signed checkpoint of the head it anchors, in its transaction.
      await this.checkpoints.record(m, head, 'report');
      return toReportView(row);
    });
  }

  async get(id: string): Promise<ReportView> {
    const row = await this.db.read((m) => this.reports.findById(m, id));
    if (!row) throw DomainError.notFound('report');
    return toReportView(row);
  }

  /** Newest first; the cursor is the number of the last report on the previous page. */
  async list(q: ListReportsQuery): Promise<ReportPage> {
    const limit = q.limit ?? 20;
    const before = q.cursor === undefined ? undefined : Number(q.cursor);
    const rows = await this.db.read((m) => this.reports.page(m, limit, before));
    const items = rows.slice(0, limit).map(toReportView);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].number) : null };
  }
}
