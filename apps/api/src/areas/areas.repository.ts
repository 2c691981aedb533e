import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { query } from '../database/sql.js';

/** An area of the municipality (an areas row). */
export interface Area {
  code: string;
  name: string;
  /** The wijken the area covers, in the order people know them. */
  neighbourhoods: string[];
}

/** The areas; the migrations write them, the application only reads. */
@Injectable()
export class AreasRepository {
  list(m: EntityManager): Promise<Area[]> {
    return query<Area>(m, `SELECT code, name, neighbourhoods FROM areas ORDER BY code`);
  }
}
