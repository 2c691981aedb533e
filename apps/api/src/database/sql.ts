import pg from 'pg';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { named, type Params, type Statement } from './named.js';

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

/**
 * Like `query`, for a statement of fixed text on the hot path (a transition's read and write, a
 * submission's insert): on PostgreSQL it goes to the `pg` client as a named prepared statement
 * (`{ name, text, values }`, the name a hash of the text), which the server parses once per
 * connection and, after a few runs, plans once; TypeORM's `query()` sends every statement
 * unnamed, parsed and planned anew each time. The connection is the one TypeORM uses for `m`:
 * inside a transaction its connection, else one from the pool for this statement alone.
 *
 * Only for texts written in the code: each name stays prepared on every connection of the pool
 * for its lifetime. PGlite (one session, no pool) runs it like `query`.
 */
export async function prepared<T = Record<string, unknown>>(
  m: EntityManager,
  text: string,
  params: Params = {},
): Promise<T[]> {
  const statement = named(text, params);
  if (!takesNamedStatements(m)) return sql<T>(m, statement.text, statement.values);
  const runner = m.queryRunner ?? m.dataSource.createQueryRunner();
  try {
    // Outside the catch below, as in TypeORM's query(): a failed connection is not a failed query.
    const client = (await runner.connect()) as pg.PoolClient;
    return await send<T>(client, statement);
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

async function send<T>(client: pg.PoolClient, statement: Statement): Promise<T[]> {
  try {
    const result = await client.query<T & pg.QueryResultRow>({
      name: statement.name,
      text: statement.text,
      values: statement.values,
    });
    return result.rows;
  } catch (error) {
    // The same error TypeORM's query() throws, so callers (pgCode, the problem filter) see no difference.
    throw error instanceof QueryFailedError
      ? error
      : new QueryFailedError(statement.text, statement.values, error as Error);
  }
}

/** A `pg` pool behind the data source (PGlite's stand-in takes no query config). */
function takesNamedStatements(m: EntityManager): boolean {
  return (m.dataSource.driver as { master?: unknown }).master instanceof pg.Pool;
}
