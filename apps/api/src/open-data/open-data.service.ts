import { Injectable } from '@nestjs/common';
import { statesTagged } from '../../../../libs/workflows/src/index.js';
import { Database } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import type { AreaSpending } from './spending.dto.js';

interface SpendingRow {
  area_code: string;
  programme_adopted: boolean;
  budget_cents: string | number;
  committed_cents: string | number;
  honoured_count: string | number;
}

@Injectable()
export class OpenDataService {
  constructor(private readonly db: Database) {}

  /**
   * Every area, adopted or not, so the list has the same shape each year. A case counts for
   * the year whose programme it was honoured against (cases.programme_year), also once it has
   * been reported to the council.
   */
  async spending(year: number): Promise<AreaSpending[]> {
    const rows = await this.db.read((m) =>
      sql<SpendingRow>(
        m,
        `SELECT a.code AS area_code,
                p.year IS NOT NULL AS programme_adopted,
                COALESCE(p.budget_cents, 0) AS budget_cents,
                COALESCE(p.committed_cents, 0) AS committed_cents,
                (SELECT count(*) FROM cases c
                  WHERE c.area_code = a.code AND c.programme_year = $1
                    AND c.honoured_amount_cents IS NOT NULL
                    AND c.state = ANY($2::text[])) AS honoured_count
         FROM areas a
         LEFT JOIN programmes p ON p.area_code = a.code AND p.year = $1
         ORDER BY a.code`,
        [year, statesTagged('funds_committed')],
      ),
    );
    return rows.map((r) => ({
      areaCode: r.area_code,
      programmeAdopted: Boolean(r.programme_adopted),
      budgetCents: Number(r.budget_cents),
      committedCents: Number(r.committed_cents),
      honouredCount: Number(r.honoured_count),
    }));
  }
}
