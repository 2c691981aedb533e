/**
 * The floor of this machine for an HTTP transition, without any framework: node:http, a JSON
 * body, and the same two round trips a Wijkflow transition makes (read the case; one
 * autocommitted statement that updates it at the version read and appends a log entry), on
 * the reference schema. Started by bench/bare-floor.ts; prints `listening <port>`.
 */
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const PATH = /^\/cases\/(\d+)\/events$/;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const match = PATH.exec(req.url ?? '');
    let event: { type?: unknown };
    try {
      event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: unknown };
    } catch {
      return reply(400, { title: 'Bad request' });
    }
    if (req.method !== 'POST' || !match || typeof event.type !== 'string') return reply(400, {});
    const id = Number(match[1]);
    void (async () => {
      const { rows } = await pool.query<{ state: string; version: number }>(
        'SELECT state, version FROM ref_cases WHERE id = $1',
        [id],
      );
      if (rows.length === 0) return reply(404, {});
      const written = await pool.query(
        `WITH u AS (
           UPDATE ref_cases SET state = 'assessed', version = version + 1,
             snapshot = '{"value":"assessed","context":{}}'
           WHERE id = $1 AND version = $2 RETURNING id, version)
         INSERT INTO ref_log (case_id, event, prev_hash, hash)
         SELECT id, $3::jsonb, '\\x00', sha256('x'::bytea) FROM u RETURNING case_id`,
        [id, rows[0].version, JSON.stringify(event)],
      );
      reply(written.rowCount === 1 ? 200 : 409, { id, state: 'assessed', version: rows[0].version + 1 });
    })().catch(() => reply(503, {}));
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
