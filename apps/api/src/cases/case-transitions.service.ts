import { type Language, msg, refusalMessage } from '../../../../libs/messages/src/index.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import {
  actingRole,
  applyEvent,
  letterOf,
  besluitTerms,
  budgetDelta,
  type CaseEventInput,
  type CaseState,
  EVENT_PERMISSIONS,
  type Frame,
  mayMoveBudget,
  migrateSnapshot,
  type PersistedCase,
  readsFrame,
  type Refusal,
} from '../../../../libs/workflows/src/index.js';
import type { Actor } from '../auth/actor.js';
import { Database } from '../database/database.service.js';
import { toFrame } from '../programmes/programme-row.js';
import { ProgrammesRepository } from '../programmes/programmes.repository.js';
import type { CaseView } from './case.dto.js';
import { type CaseRow, canSee, programmeYear } from './case-row.js';
import { CaseViews } from './case-views.service.js';
import { CasesRepository, type DecisionWrite } from './cases.repository.js';

/** A transition that keeps losing races gives up with 409 rather than spin. */
const MAX_TRANSITION_ATTEMPTS = 5;

/** The refusal's code travels in the problem document (`code`, and its `type`). */
export function refusalError(r: Refusal): DomainError {
  const extras = { code: r.code, fromState: r.fromState, event: r.event };
  // Exhaustive, so a new refusal code cannot fall into 409 by accident.
  switch (r.code) {
    case 'STATE':
      return new DomainError(ErrorCode.StateConflict, refusalMessage(r), extras);
    case 'ROLE':
    case 'CONFLICT_OF_INTEREST':
    case 'FOUR_EYES':
      return new DomainError(ErrorCode.Forbidden, refusalMessage(r), extras);
    case 'NO_PROGRAMME':
    case 'THEME_NOT_IN_PROGRAMME':
    case 'AMOUNT_ABOVE_REQUEST':
    case 'BUDGET_EXCEEDED':
    case 'ABOVE_DELEGATION_LIMIT':
    case 'NOT_ABOVE_DELEGATION_LIMIT':
    case 'BUDGET_BELOW_COMMITTED':
    case 'RESPOND_BY_NOT_PASSED':
    case 'TERM_NOT_EXPIRED':
    case 'NOTICE_ALREADY_GIVEN':
    case 'TERM_EXPIRED':
    case 'TERM_ALREADY_EXTENDED':
      return new DomainError(ErrorCode.RuleViolation, refusalMessage(r), extras);
    default: {
      const unmapped: never = r;
      throw new Error(`unmapped refusal code ${String((unmapped as Refusal).code)}`);
    }
  }
}

/** An accepted transition, ready to be written. */
export interface AcceptedTransition {
  row: CaseRow;
  actor: Actor;
  event: CaseEventInput;
  toState: CaseState;
  snapshot: PersistedCase;
  /** What the event adds to (a grant) or takes from the amount committed against the programme. */
  budgetDelta: number;
  /**
   * The programme year of the case's money: the current year for a grant, the grant's year
   * for whatever comes back later; null while no grant was made.
   */
  year: number | null;
  /** The moment the machine was given; also the row's updated_at. */
  at: Date;
  /** Set by the reports service on REPORT. */
  reportId?: string;
}

/** The one transition path of every case (see sendEvent). */
@Injectable()
export class CaseTransitions {
  constructor(
    private readonly db: Database,
    private readonly views: CaseViews,
    private readonly cases: CasesRepository,
    private readonly programmes: ProgrammesRepository,
  ) {}

  /**
   * The one transition path: every event on a case goes through here. Read the case, run the
   * machine, write state, snapshot, version + 1 and the log entry at once.
   *
   * An honour commits budget, so it runs in a transaction that locks the case and the area's
   * programme first: the decision is taken on rows nobody else can change until COMMIT.
   * Every other event needs no programme lock and is written by ONE autocommitted statement,
   * guarded by the version read (optimistic lock); when that statement finds the case changed,
   * the decision is taken again on fresh data, which gives the loser of a race its 409 or 412.
   */
  async sendEvent(
    actor: Actor,
    id: string,
    event: CaseEventInput,
    expectedVersion: number | null,
    /** The language of the view's sentences (blockedEvents). */
    lang: Language,
  ): Promise<CaseView> {
    const year = programmeYear();
    let updated: CaseRow | undefined;
    if (mayMoveBudget(event.type)) {
      // Who may not see the case is told so before any row is locked: locking the case and the
      // programme of an area not theirs would hold up that area's grants, and waiting for them
      // would show the case exists. Area and initiator never change, so this read stays true.
      const seen = await this.db.read((m) => this.cases.findById(m, id));
      if (!seen || !canSee(actor, seen)) throw DomainError.notFound('case');
      updated = await this.db.transaction(async (m) => {
        // Locks in the order case, programme, log head (the append comes last). The programme
        // is the one the case's grant was committed against, or this year's for a new grant.
        const row = await this.cases.findById(m, id, true);
        const budgetYear = row?.programme_year ?? year;
        const programme = row ? await this.programmes.findForUpdate(m, budgetYear, row.area_code) : undefined;
        const frame = readsFrame(event.type) ? toFrame(programme) : null;
        return this.commitTransition(m, this.decide(actor, row, frame, event, expectedVersion, budgetYear));
      });
    }
    for (let attempt = 1; !updated; attempt++) {
      if (attempt > MAX_TRANSITION_ATTEMPTS) {
        throw new DomainError(ErrorCode.ConcurrentUpdate, msg('detail.concurrentUpdate'));
      }
      const { row, frame } = await this.db.read(async (m) =>
        readsFrame(event.type)
          ? this.cases.findWithFrame(m, id, year)
          : { row: await this.cases.findById(m, id), frame: null },
      );
      const accepted = this.decide(actor, row, frame, event, expectedVersion, row?.programme_year ?? null);
      // Money only moves under the programme's lock (above): an event that moves it here would
      // mean mayMoveBudget no longer knows the machine's actions.
      if (accepted.budgetDelta !== 0) throw new Error(`${event.type} moved money outside the programme lock`);
      updated = await this.db.statement((m) => this.tryCommitTransition(m, accepted));
    }
    const result = updated;
    return this.db.read((m) => this.views.toView(m, result, actor, lang));
  }

  /** Visibility (404), If-Match (412), then the machine: the refusal or the accepted outcome. */
  private decide(
    actor: Actor,
    row: CaseRow | undefined,
    frame: Frame | null,
    event: CaseEventInput,
    expectedVersion: number | null,
    year: number | null,
  ): AcceptedTransition {
    if (!row || !canSee(actor, row)) throw DomainError.notFound('case');
    if (expectedVersion !== null && expectedVersion !== row.version) {
      throw new DomainError(
        ErrorCode.VersionMismatch,
        msg('detail.versionMismatch', { current: row.version, expected: expectedVersion }),
        { currentVersion: row.version },
      );
    }
    return this.accept(actor, row, frame, event, year, new Date());
  }

  /** The machine's verdict on the stored snapshot: the accepted transition, or its refusal. */
  private accept(
    actor: Actor,
    row: CaseRow,
    frame: Frame | null,
    event: CaseEventInput,
    year: number | null,
    at: Date,
  ): AcceptedTransition {
    const outcome = applyEvent(row.snapshot, event, actor, frame, at.toISOString());
    if (!outcome.accepted) {
      if ('invalidFields' in outcome) throw DomainError.invalid(outcome.invalidFields);
      throw refusalError(outcome.refusal);
    }
    const before = migrateSnapshot(row.snapshot).context;
    return {
      row,
      actor,
      event,
      toState: outcome.toState,
      snapshot: outcome.snapshot,
      budgetDelta: budgetDelta(before, outcome.facts),
      year,
      at,
    };
  }

  /**
   * A system event (REPORT; later REOPEN) on a case the caller holds locked in its own
   * transaction: the same machine, refusals and writer as a person's event, without the
   * visibility and If-Match checks that belong to a request.
   */
  async sendSystemEvent(
    m: EntityManager,
    actor: Actor,
    row: CaseRow,
    event: CaseEventInput,
    reportId?: string,
  ): Promise<CaseRow> {
    const at = new Date();
    return this.commitTransition(m, {
      ...this.accept(actor, row, null, event, row.programme_year, at),
      reportId,
    });
  }

  /** Like tryCommitTransition, inside a transaction that holds the case row locked. */
  private async commitTransition(m: EntityManager, t: AcceptedTransition): Promise<CaseRow> {
    const updated = await this.tryCommitTransition(m, t);
    if (!updated) {
      throw new DomainError(ErrorCode.ConcurrentUpdate, msg('detail.concurrentUpdate'));
    }
    return updated;
  }

  /**
   * Writes an accepted transition in one statement (CasesRepository.commitTransition): the case
   * row (if still at row.version), the money it moves to or from its programme, and the log
   * entry with its notification. Returns undefined when the case was no longer at row.version.
   *
   * Moving money always runs when the statement does: an event that moves it must therefore
   * only be written where the caller holds the case and programme rows locked (the budget
   * transaction in sendEvent).
   */
  tryCommitTransition(m: EntityManager, t: AcceptedTransition): Promise<CaseRow | undefined> {
    const { row, actor, event, toState, snapshot } = t;
    // The row's columns are projections of the machine's context, never computed here.
    const facts = snapshot.context;
    const { type, ...payload } = event;
    return this.cases.commitTransition(m, {
      id: row.id,
      version: row.version,
      toState,
      snapshot,
      details: row.details,
      decisionDueAt: facts.decisionDueAt,
      at: t.at,
      honouredCents: facts.honouredAmountCents,
      settledCents: facts.settledAmountCents,
      releasedCents: facts.releasedAmountCents,
      accountBy: facts.accountBy,
      budgetDelta: t.budgetDelta,
      year: t.budgetDelta > 0 ? t.year : row.programme_year,
      areaCode: row.area_code,
      theme: row.theme,
      // The delegation limit binds the alderman (HONOUR), not the council (COUNCIL_HONOUR).
      delegationLimitBinds: EVENT_PERMISSIONS[type].roles.includes('alderman'),
      reportId: t.reportId ?? null,
      decision: decisionOf(t),
      log: {
        caseId: row.id,
        caseReference: row.reference,
        areaCode: row.area_code,
        event: type,
        fromState: row.state,
        toState,
        actor,
        role: actingRole(type, actor),
        payload,
        notify: {
          topic: 'case.state_changed',
          payload: { caseId: row.id, reference: row.reference, toState, recipient: row.initiator_id },
        },
      },
    });
  }
}

/**
 * The letter an accepted transition sends, as it will say it: kind, legal basis, the
 * motivation (or reason) and obligations sent with the event, the amount it decides (the
 * grant, or the settled amount), and until when the initiator may object; a verdaging, which
 * is no besluit, has no objection deadline and names the new term. Null for an event that
 * sends no letter.
 */
function decisionOf(t: AcceptedTransition): DecisionWrite | null {
  const letter = letterOf(t.row.type, t.row.state, t.event.type);
  if (letter === null) return null;
  const { kind } = letter;
  const facts = t.snapshot.context;
  const sent = t.event as unknown as { motivation?: string; reason?: string; conditions?: string };
  const amountCents =
    kind === 'grant' ? facts.honouredAmountCents : kind === 'settlement' ? facts.settledAmountCents : null;
  // The term to object is the case's own, as its type had it when the case was submitted.
  const terms = besluitTerms(kind, t.row.type, t.at.toISOString(), facts.terms.objectionTermDays);
  return {
    kind,
    year: programmeYear(t.at),
    motivation: sent.motivation ?? sent.reason ?? '',
    conditions: sent.conditions ?? null,
    amountCents,
    legalBasis: terms.legalBasis,
    objectionDeadline: letter.besluit ? terms.objectionDeadline : null,
    dueAt: kind === 'extension' ? facts.decisionDueAt : null,
  };
}
