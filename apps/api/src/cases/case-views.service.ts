import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../../libs/domain/src/index.js';
import {
  availableEvents,
  type Frame,
  stateHasTag,
  statesTagged,
} from '../../../../libs/workflows/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import type { Actor } from '../auth/actor.js';
import { Database } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import { decodeCursor, encodeCursor } from './case-cursor.js';
import type { CaseView, ListCasesQuery } from './case.dto.js';
import {
  CASE_COLUMNS,
  type CaseRow,
  canSee,
  canSeeContact,
  type FrameRow,
  programmeYear,
  toFrame,
} from './case-row.js';

/** States in which the decision term runs (it stands still while information is asked for). */
const OPEN_STATES_WITH_RUNNING_TERM = statesTagged('term_running');
/** Reading cases as their callers may see them: one case, lists, and the view of a row. */
@Injectable()
export class CaseViews {
  constructor(
    private readonly db: Database,
    private readonly areas: AreasService,
  ) {}

  async get(actor: Actor, id: string): Promise<CaseView> {
    return this.db.read(async (m) => {
      const row = await this.loadRow(m, id, false);
      if (!row || !canSee(actor, row)) throw DomainError.notFound('The case');
      return this.toView(m, row, actor);
    });
  }

  async list(actor: Actor, q: ListCasesQuery): Promise<{ items: CaseView[]; nextCursor: string | null }> {
    if (q.areaCode) await this.areas.assertKnown([q.areaCode], 'areaCode');
    const limit = q.limit ?? 20;
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (!actor.roles.includes('council')) {
      const visible: string[] = [];
      if (actor.roles.includes('resident')) visible.push(`initiator_id = ${param(actor.id)}`);
      if ((actor.roles.includes('official') || actor.roles.includes('alderman')) && actor.areas.length > 0) {
        visible.push(`area_code = ANY(${param(actor.areas)}::text[])`);
      }
      if (visible.length === 0) return { items: [], nextCursor: null };
      where.push(`(${visible.join(' OR ')})`);
    }
    if (q.state) where.push(`state = ${param(q.state)}`);
    if (q.type) where.push(`type = ${param(q.type)}`);
    if (q.areaCode) where.push(`area_code = ${param(q.areaCode)}`);
    if (q.overdue === 'true') {
      // While the initiator is asked for information the term is suspended: not overdue then.
      where.push(`decision_due_at < now() AND state = ANY(${param(OPEN_STATES_WITH_RUNNING_TERM)}::text[])`);
    } else if (q.overdue === 'false') {
      where.push(
        `NOT (decision_due_at < now() AND state = ANY(${param(OPEN_STATES_WITH_RUNNING_TERM)}::text[]))`,
      );
    }
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      where.push(`(created_at, id) < (${param(c.createdAt)}::timestamptz, ${param(c.id)}::uuid)`);
    }
    const text = `SELECT ${CASE_COLUMNS} FROM cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`;
    return this.db.read(async (m) => {
      const rows = await sql<CaseRow>(m, text, params);
      const page = rows.slice(0, limit);
      const frames = await this.framesFor(m, page);
      const items = page.map((row) => this.viewOf(row, actor, frames.get(row.area_code) ?? null));
      const last = page[page.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null;
      return { items, nextCursor };
    });
  }

  async loadRow(m: EntityManager, id: string, forUpdate: boolean): Promise<CaseRow | undefined> {
    const [row] = await sql<CaseRow>(
      m,
      `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  private async framesFor(m: EntityManager, rows: CaseRow[]): Promise<Map<string, Frame>> {
    const areas = [
      ...new Set(rows.filter((r) => stateHasTag(r.state, 'awaiting_decision')).map((r) => r.area_code)),
    ];
    if (areas.length === 0) return new Map();
    const found = await sql<FrameRow & { area_code: string }>(
      m,
      `SELECT area_code, budget_cents, committed_cents, delegation_limit_cents, themes FROM programmes
       WHERE year = $1 AND area_code = ANY($2::text[])`,
      [programmeYear(), areas],
    );
    return new Map(found.map((r) => [r.area_code, toFrame(r)!]));
  }

  async toView(m: EntityManager, row: CaseRow, actor: Actor): Promise<CaseView> {
    // Only deciding roles have events that depend on the programme: spare the others the read.
    const decides = actor.roles.includes('alderman') || actor.roles.includes('council');
    const frames = decides ? await this.framesFor(m, [row]) : new Map<string, Frame>();
    return this.viewOf(row, actor, frames.get(row.area_code) ?? null);
  }

  viewOf(row: CaseRow, actor: Actor, frame: Frame | null): CaseView {
    const view: CaseView = {
      id: row.id,
      reference: row.reference,
      type: row.type,
      title: row.title,
      description: row.description,
      areaCode: row.area_code,
      theme: row.theme,
      requestedAmountCents: Number(row.requested_amount_cents),
      honouredAmountCents: row.honoured_amount_cents === null ? null : Number(row.honoured_amount_cents),
      state: row.state,
      version: row.version,
      initiatorId: row.initiator_id,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      decisionDueAt: new Date(row.decision_due_at).toISOString(),
      availableEvents: availableEvents(row.snapshot, actor, frame),
      ...row.details,
    };
    if (canSeeContact(actor, row)) view.contactEmail = row.contact_email;
    return view;
  }
}
