import type { Language } from '../../../../libs/messages/src/index.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../../libs/domain/src/index.js';
import {
  amsterdamDate,
  type Frame,
  stateHasTag,
  statesTagged,
} from '../../../../libs/workflows/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import type { Actor } from '../auth/actor.js';
import { Database } from '../database/database.service.js';
import { ProgrammesRepository } from '../programmes/programmes.repository.js';
import { decodeCursor, encodeCursor } from './case-cursor.js';
import type { CaseView, ListCasesQuery } from './case.dto.js';
import { type CaseRow, canSee, programmeYear, readsEveryCase, toCaseView } from './case-row.js';
import { type CaseFilter, CasesRepository } from './cases.repository.js';

/**
 * The states still waiting for a decision. decisionDueAt already holds the longest a request
 * for information can suspend the term (until respondBy), so it is overdue in any of them.
 */
const OPEN_STATES = statesTagged('open');
/** States in which a grant waits for its account (only initiatives have an accountBy). */
const ACCOUNT_DUE_STATES = statesTagged('account_due');
/** Reading cases as their callers may see them: one case, lists, and the view of a row. */
@Injectable()
export class CaseViews {
  constructor(
    private readonly db: Database,
    private readonly areas: AreasService,
    private readonly cases: CasesRepository,
    private readonly programmes: ProgrammesRepository,
  ) {}

  async get(actor: Actor, id: string, lang: Language): Promise<CaseView> {
    return this.db.read(async (m) => {
      const row = await this.cases.findById(m, id);
      if (!row || !canSee(actor, row)) throw DomainError.notFound('case');
      return this.toView(m, row, actor, lang);
    });
  }

  async list(
    actor: Actor,
    q: ListCasesQuery,
    lang: Language,
  ): Promise<{ items: CaseView[]; nextCursor: string | null }> {
    if (q.areaCode) await this.areas.assertKnown([q.areaCode], 'areaCode');
    const limit = q.limit ?? 20;
    const filter: CaseFilter = { state: q.state, type: q.type, areaCode: q.areaCode, limit };
    if (!readsEveryCase(actor)) {
      const visibleTo: CaseFilter['visibleTo'] = {};
      if (actor.roles.includes('resident')) visibleTo.initiatorId = actor.id;
      if ((actor.roles.includes('official') || actor.roles.includes('alderman')) && actor.areas.length > 0) {
        visibleTo.areaCodes = actor.areas;
      }
      if (Object.keys(visibleTo).length === 0) return { items: [], nextCursor: null };
      filter.visibleTo = visibleTo;
    }
    if (q.overdue !== undefined) {
      filter.overdue = { overdue: q.overdue === 'true', openStates: OPEN_STATES };
    }
    if (q.accountOverdue !== undefined) {
      filter.accountOverdue = {
        overdue: q.accountOverdue === 'true',
        accountDueStates: ACCOUNT_DUE_STATES,
        today: amsterdamDate(new Date().toISOString()),
      };
    }
    if (q.cursor) filter.before = decodeCursor(q.cursor);
    return this.db.read(async (m) => {
      const rows = await this.cases.list(m, filter);
      const page = rows.slice(0, limit);
      const frames = await this.framesFor(m, page);
      const items = page.map((row) => toCaseView(row, actor, frames.get(row.area_code) ?? null, lang));
      const last = page[page.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null;
      return { items, nextCursor };
    });
  }

  /** The programmes of the areas of the cases awaiting a decision: their available events depend on them. */
  private framesFor(m: EntityManager, rows: CaseRow[]): Promise<Map<string, Frame>> {
    const areas = [
      ...new Set(rows.filter((r) => stateHasTag(r.state, 'awaiting_decision')).map((r) => r.area_code)),
    ];
    return this.programmes.frames(m, programmeYear(), areas);
  }

  async toView(m: EntityManager, row: CaseRow, actor: Actor, lang: Language): Promise<CaseView> {
    // Only deciding roles have events that depend on the programme: spare the others the read.
    const decides = actor.roles.includes('alderman') || actor.roles.includes('clerk');
    const frames = decides ? await this.framesFor(m, [row]) : new Map<string, Frame>();
    return toCaseView(row, actor, frames.get(row.area_code) ?? null, lang);
  }
}
