import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CouncilDecision, Frame } from '../../../../libs/workflows/src/index.js';
import { prepared, query } from '../database/sql.js';
import {
  type FrameRow,
  PROGRAMME_COLUMNS,
  type ProgrammeRow,
  type SpendingRow,
  toFrame,
} from './programme-row.js';

/** A programme's frame as the council adopts it. */
export interface ProgrammeValues {
  year: number;
  areaCode: string;
  budgetCents: number;
  delegationLimitCents: number;
  themes: string[];
  /** The raad's meeting that took this decision, as its clerk registered it. */
  councilDecision: CouncilDecision;
  /** created_at and updated_at of a new programme; updated_at of a revised one. */
  at: Date;
}

const INSERT = `INSERT INTO programmes (year, area_code, budget_cents, delegation_limit_cents, themes, council_decision, created_at, updated_at)
  VALUES (:year, :areaCode, :budgetCents, :delegationLimitCents, :themes::jsonb, :councilDecision::jsonb, :at, :at)
  ON CONFLICT (year, area_code) DO NOTHING
  RETURNING ${PROGRAMME_COLUMNS}`;

const UPDATE = `UPDATE programmes
  SET budget_cents = :budgetCents, delegation_limit_cents = :delegationLimitCents, themes = :themes::jsonb,
      council_decision = :councilDecision::jsonb, updated_at = :at
  WHERE year = :year AND area_code = :areaCode
  RETURNING ${PROGRAMME_COLUMNS}`;

/**
 * Programmes per year and area (the council's frame), and the budget they hold. The honour's
 * budget commitment is written by the transition's statement (CasesRepository.commitTransition),
 * which holds this row locked.
 */
@Injectable()
export class ProgrammesRepository {
  /** Adopts a programme; none when one exists (a concurrent adoption is waited for, then none). */
  async insertIfAbsent(m: EntityManager, p: ProgrammeValues): Promise<ProgrammeRow | undefined> {
    const [row] = await query<ProgrammeRow>(m, INSERT, valuesOf(p));
    return row;
  }

  /**
   * The programme, locked until the caller's transaction ends: the lock an honour, a revision
   * and a transfer all take, so none of them decides on an amount another is changing.
   */
  async findForUpdate(m: EntityManager, year: number, areaCode: string): Promise<ProgrammeRow | undefined> {
    const [row] = await prepared<ProgrammeRow>(
      m,
      `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE year = :year AND area_code = :areaCode FOR UPDATE`,
      { year, areaCode },
    );
    return row;
  }

  /** Revises the frame of an existing programme; the committed amount stays. */
  async update(m: EntityManager, p: ProgrammeValues): Promise<ProgrammeRow> {
    const [row] = await query<ProgrammeRow>(m, UPDATE, valuesOf(p));
    return row;
  }

  async listByYear(m: EntityManager, year: number): Promise<ProgrammeRow[]> {
    return query<ProgrammeRow>(
      m,
      `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE year = :year ORDER BY area_code`,
      { year },
    );
  }

  /** The frames of these areas' programmes of the year, by area code (areas without one are absent). */
  async frames(m: EntityManager, year: number, areaCodes: string[]): Promise<Map<string, Frame>> {
    if (areaCodes.length === 0) return new Map();
    const rows = await prepared<FrameRow & { area_code: string }>(
      m,
      `SELECT area_code, budget_cents, committed_cents, delegation_limit_cents, themes FROM programmes
       WHERE year = :year AND area_code = ANY(:areaCodes::text[])`,
      { year, areaCodes },
    );
    return new Map(rows.map((r) => [r.area_code, toFrame(r)!]));
  }

  /**
   * Moves budget from one area's programme to another's in one statement, so there is no
   * moment where only one side has changed. The caller holds both rows locked.
   */
  async moveBudget(
    m: EntityManager,
    t: { year: number; fromAreaCode: string; toAreaCode: string; amountCents: number; at: Date },
  ): Promise<void> {
    await query(
      m,
      `UPDATE programmes
       SET budget_cents = budget_cents + CASE WHEN area_code = :fromAreaCode THEN -:amountCents::bigint ELSE :amountCents::bigint END,
           updated_at = :at
       WHERE year = :year AND area_code IN (:fromAreaCode, :toAreaCode)`,
      t,
    );
  }

  /**
   * Every area, adopted or not, with its programme's figures, how many cases in `states` were
   * honoured against that year's programme (cases.programme_year), and what the cases granted
   * against it were settled at and gave back to it, whatever state they are in now, for open data.
   */
  async spending(m: EntityManager, year: number, states: readonly string[]): Promise<SpendingRow[]> {
    return query<SpendingRow>(
      m,
      `SELECT a.code AS area_code,
              p.year IS NOT NULL AS programme_adopted,
              COALESCE(p.budget_cents, 0) AS budget_cents,
              COALESCE(p.committed_cents, 0) AS committed_cents,
              (SELECT count(*) FROM cases c
                WHERE c.area_code = a.code AND c.programme_year = :year
                  AND c.honoured_amount_cents IS NOT NULL
                  AND c.state = ANY(:states::text[])) AS honoured_count,
              COALESCE(m.settled, 0) AS settled_amount_cents,
              COALESCE(m.released, 0) AS released_amount_cents
       FROM areas a
       LEFT JOIN (
         SELECT area_code, SUM(settled_amount_cents) AS settled, SUM(released_amount_cents) AS released
         FROM cases WHERE programme_year = :year GROUP BY area_code
       ) m ON m.area_code = a.code
       LEFT JOIN programmes p ON p.area_code = a.code AND p.year = :year
       ORDER BY a.code`,
      { year, states },
    );
  }
}

function valuesOf(p: ProgrammeValues): Record<string, unknown> {
  return { ...p, themes: JSON.stringify(p.themes), councilDecision: JSON.stringify(p.councilDecision) };
}
