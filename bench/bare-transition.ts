import type pg from 'pg';

/**
 * The two round trips of a Wijkflow transition on the reference schema (read the case; one
 * autocommitted statement that updates it at the version read and appends a log entry), as
 * named prepared statements: the best a Node service can send. The bare floors
 * (bare-server.ts on node:http, bare-nest.ts on NestJS) run exactly this.
 */
const READ: pg.QueryConfig = {
  name: 'bench_read_case',
  text: 'SELECT state, version FROM ref_cases WHERE id = $1',
};
const WRITE_TEXT = `WITH u AS (
    UPDATE ref_cases SET state = 'assessed', version = version + 1,
      snapshot = '{"value":"assessed","context":{}}'
    WHERE id = $1 AND version = $2 RETURNING id, version)
  INSERT INTO ref_log (case_id, event, prev_hash, hash)
  SELECT id, $3::jsonb, '\\x00', sha256('x'::bytea) FROM u RETURNING case_id`;

export interface BareAnswer {
  status: number;
  body: unknown;
}

export async function bareTransition(pool: pg.Pool, id: number, event: unknown): Promise<BareAnswer> {
  const { rows } = await pool.query<{ state: string; version: number }>({ ...READ, values: [id] });
  if (rows.length === 0) return { status: 404, body: {} };
  const written = await pool.query({
    name: 'bench_write_case',
    text: WRITE_TEXT,
    values: [id, rows[0].version, JSON.stringify(event)],
  });
  return {
    status: written.rowCount === 1 ? 200 : 409,
    body: { id, state: 'assessed', version: rows[0].version + 1 },
  };
}
