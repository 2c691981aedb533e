import { Injectable } from '@nestjs/common';
import { statesTagged } from '../../../../libs/workflows/src/index.js';
import { Database } from '../database/database.service.js';
import { toAreaSpending } from '../programmes/programme-row.js';
import { ProgrammesRepository } from '../programmes/programmes.repository.js';
import type { AreaSpending } from './spending.dto.js';

@Injectable()
export class OpenDataService {
  constructor(
    private readonly db: Database,
    private readonly programmes: ProgrammesRepository,
  ) {}

  /**
   * Every area, adopted or not, so the list has the same shape each year. A case counts for
   * the year whose programme it was honoured against (cases.programme_year), also once it has
   * been reported to the council.
   */
  async spending(year: number): Promise<AreaSpending[]> {
    const rows = await this.db.read((m) =>
      this.programmes.spending(m, year, statesTagged('funds_committed')),
    );
    return rows.map(toAreaSpending);
  }
}
