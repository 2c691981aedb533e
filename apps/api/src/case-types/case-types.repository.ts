import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseTerms, CouncilDecision } from '../../../../libs/workflows/src/index.js';
import { prepared, query } from '../database/sql.js';

/** A case_types row: a case type, its Dutch name, its terms and what they rest on. */
export interface CaseTypeRow {
  type: string;
  name: string;
  decision_term_days: number;
  max_extension_days: number;
  default_respond_by_days: number;
  objection_term_days: number;
  legal_basis: string;
  /** The raad's meeting that set the terms last; null while they are the law's. */
  council_decision: CouncilDecision | null;
}

const COLUMNS = `type, name, decision_term_days, max_extension_days, default_respond_by_days,
  objection_term_days, legal_basis, council_decision`;

/** The terms of a row, as a case keeps them. */
export function termsOf(row: CaseTypeRow): CaseTerms {
  return {
    decisionTermDays: Number(row.decision_term_days),
    maxExtensionDays: Number(row.max_extension_days),
    defaultRespondByDays: Number(row.default_respond_by_days),
    objectionTermDays: Number(row.objection_term_days),
  };
}

/** The case types and their terms (seeded by the migrations; the raad changes the terms only). */
@Injectable()
export class CaseTypesRepository {
  list(m: EntityManager): Promise<CaseTypeRow[]> {
    return query<CaseTypeRow>(m, `SELECT ${COLUMNS} FROM case_types ORDER BY position`);
  }

  /** The case type; with `lock`, locked until the caller's transaction ends. */
  async find(m: EntityManager, type: string, lock = false): Promise<CaseTypeRow | undefined> {
    // Prepared: every submission reads its type's terms.
    const [row] = await prepared<CaseTypeRow>(
      m,
      `SELECT ${COLUMNS} FROM case_types WHERE type = :type${lock ? ' FOR UPDATE' : ''}`,
      { type },
    );
    return row;
  }

  /** Sets the terms of a case type, as the raad decided in `councilDecision`. */
  async setTerms(
    m: EntityManager,
    type: string,
    terms: CaseTerms,
    councilDecision: CouncilDecision,
    at: Date,
  ): Promise<CaseTypeRow> {
    const [row] = await query<CaseTypeRow>(
      m,
      `UPDATE case_types SET decision_term_days = :decisionTermDays, max_extension_days = :maxExtensionDays,
         default_respond_by_days = :defaultRespondByDays, objection_term_days = :objectionTermDays,
         council_decision = :councilDecision::jsonb, updated_at = :at
       WHERE type = :type RETURNING ${COLUMNS}`,
      { type, ...terms, councilDecision: JSON.stringify(councilDecision), at },
    );
    return row;
  }
}
