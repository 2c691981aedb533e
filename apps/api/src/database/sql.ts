import type { EntityManager } from 'typeorm';
import { named, type Params } from './named.js';

/**
 * Runs parameterised SQL and returns its rows, the same way on `pg` and on PGlite
 * (TypeORM returns `[rows, count]` for UPDATE/DELETE on pg, but plain rows on PGlite).
 * Rows are objects, never arrays, so the two shapes cannot be confused.
 */
export async function sql<T = Record<string, unknown>>(
  m: EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result = (await m.query(text, params)) as unknown;
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}

/** Runs SQL written with `:named` parameters (see named.ts) and returns its rows. The repositories' way. */
export function query<T = Record<string, unknown>>(
  m: EntityManager,
  text: string,
  params: Params = {},
): Promise<T[]> {
  const statement = named(text, params);
  return sql<T>(m, statement.text, statement.values);
}
