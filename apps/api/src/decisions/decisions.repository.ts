import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { query } from '../database/sql.js';

/** A decisions row (written with its transition by CasesRepository's statement; never changed). */
export interface DecisionRow {
  number: string;
  case_id: string;
  kind: string;
  event: string;
  seq: number;
  decided_at: Date;
  decided_by_name: string | null;
  decided_by_role: string;
  motivation: string;
  conditions: string | null;
  amount_cents: number | null;
  legal_basis: string;
  objection_possible: boolean;
  /** YYYY-MM-DD, as text: a day, not a moment. */
  objection_deadline: string | null;
  /** A verdaging: the moment the decision is now due by; null for any other letter. */
  due_at: Date | null;
}

const COLUMNS = `number, case_id, kind, event, seq, decided_at, decided_by_name, decided_by_role, motivation,
  conditions, amount_cents, legal_basis, objection_possible, to_char(objection_deadline, 'YYYY-MM-DD') AS objection_deadline,
  due_at`;

/** The decisions (besluiten) of cases, oldest first. */
@Injectable()
export class DecisionsRepository {
  async listByCase(m: EntityManager, caseId: string): Promise<DecisionRow[]> {
    return query<DecisionRow>(m, `SELECT ${COLUMNS} FROM decisions WHERE case_id = :caseId ORDER BY seq`, {
      caseId,
    });
  }

  async find(m: EntityManager, caseId: string, number: string): Promise<DecisionRow | undefined> {
    const [row] = await query<DecisionRow>(
      m,
      `SELECT ${COLUMNS} FROM decisions WHERE case_id = :caseId AND number = :number`,
      { caseId, number },
    );
    return row;
  }
}
