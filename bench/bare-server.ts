/**
 * The floor of this machine for an HTTP transition, without any framework: node:http, a JSON
 * body, and the same two round trips a Wijkflow transition makes (bare-transition.ts), on the
 * reference schema. Started by bench/bare-floor.ts; prints `listening <port>`.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { bareTransition } from './bare-transition.js';

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
    bareTransition(pool, Number(match[1]), event).then(
      (answer) => reply(answer.status, answer.body),
      () => reply(503, {}),
    );
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
