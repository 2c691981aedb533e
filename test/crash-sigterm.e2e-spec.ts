import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { initiative } from './support/cases.js';
import { call, type SpawnedApp, spawnApp } from './support/spawn-app.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * Graceful shutdown: on SIGTERM the API stops taking connections, finishes the requests it
 * has started (their transactions commit) and only then closes the database. Runs on the
 * embedded database (on disk, so a restart can look), and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */

interface Outcome {
  status?: number;
  body?: { id?: string; state?: string };
  error?: string;
}

/**
 * A submission sent with `Expect: 100-continue`: the server answers "100 Continue" once it
 * has read the headers, so `started` proves the request is in the server's hands. The body
 * follows only when `sendBody()` is called.
 */
function heldSubmission(url: string, token: string, body: unknown) {
  const text = JSON.stringify(body);
  const u = new URL(`${url}/api/v1/cases`);
  let req!: http.ClientRequest;
  const started = new Promise<void>((resolve) => {
    req = http.request({
      host: u.hostname,
      port: u.port,
      path: u.pathname,
      method: 'POST',
      agent: false,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        Expect: '100-continue',
      },
    });
    req.once('continue', () => resolve());
    req.flushHeaders();
  });
  const done = new Promise<Outcome>((resolve) => {
    req.on('response', (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(data || 'null') }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
  return { started, done, sendBody: () => req.end(text) };
}

/** Sends a whole request, then hangs up (300 ms later, time for a slow server to read it) without waiting for the answer. */
function abandonedRequest(url: string, method: string, token: string, body: unknown): Promise<void> {
  const text = JSON.stringify(body);
  const u = new URL(url);
  return new Promise((resolve) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: u.pathname,
      method,
      agent: false,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      },
    });
    req.on('error', () => undefined);
    req.end(text, () =>
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300),
    );
  });
}

describe('graceful shutdown on SIGTERM', () => {
  let app: SpawnedApp | undefined;
  let databaseUrl: string | null = null;
  let drop: (() => Promise<void>) | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-sigterm-'));

  beforeAll(async () => {
    const db = await createTestDatabase();
    databaseUrl = db?.url ?? null;
    drop = db?.drop;
  });
  // One process at a time on the data directory: each test stops what it started.
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the requests it has started, refuses new connections, never answers 5xx', async () => {
    app = await spawnApp({ databaseUrl, dataDir });
    const first = app;
    const resident = await first.token('resident-1', ['resident']);
    const official = await first.token('official-1', ['official'], ['oost']);

    // Ordinary traffic from 8 clients, running into the shutdown.
    const outcomes: Outcome[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        try {
          const created = await call(`${first.url}/api/v1/cases`, 'POST', resident, initiative());
          outcomes.push({ status: created.status, body: created.body as Outcome['body'] });
          if (created.status !== 201) continue;
          const id = (created.body as { id: string }).id;
          const assessed = await call(`${first.url}/api/v1/cases/${id}/events`, 'POST', official, {
            type: 'ASSESS',
            advice: 'honour',
            motivation: 'Goed plan.',
          });
          outcomes.push({ status: assessed.status, body: assessed.body as Outcome['body'] });
        } catch (error) {
          // A request the server had not read when it closed fails at the connection.
          outcomes.push({ error: String((error as { cause?: { code?: string } }).cause?.code ?? error) });
          running = false;
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (outcomes.length < 20) await new Promise((r) => setTimeout(r, 10));

    // Four submissions the server has started on, whose bodies arrive only after the signal.
    const held = Array.from({ length: 4 }, (_, i) =>
      heldSubmission(first.url, resident, initiative({ title: `Verzoek ${i}` })),
    );
    await Promise.all(held.map((h) => h.started));
    first.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    held.forEach((h) => h.sendBody());
    const heldOutcomes = await Promise.all(held.map((h) => h.done));
    const exit = await first.exited;
    running = false;
    await Promise.all(workers);

    expect(heldOutcomes.map((o) => [o.status, o.body?.state])).toEqual(Array(4).fill([201, 'submitted']));
    const answered = outcomes.filter((o) => o.status !== undefined);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((o) => o.status !== 200 && o.status !== 201)).toEqual([]);
    const refused = await fetch(`${first.url}/health`).then(
      (r) => r.status,
      (e: { cause?: { code?: string } }) => e.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(first.output()).not.toMatch(/"level":(50|60)/);

    // After a restart on the same database, what was answered 201 is there, and the log holds.
    app = await spawnApp({ databaseUrl, dataDir });
    const council = await app.token('council-1', ['council']);
    for (const o of [...heldOutcomes, ...answered]) {
      const got = await call(`${app.url}/api/v1/cases/${o.body!.id}`, 'GET', council);
      expect(got.status).toBe(200);
    }
    const verify = await call(`${app.url}/api/v1/audit/verify`, 'GET', council);
    expect(verify.body).toMatchObject({ valid: true });
  }, 150_000);

  it('lets handlers whose clients hung up finish their transactions before the database closes', async () => {
    app = await spawnApp({ databaseUrl, dataDir });
    const first = app;
    const resident = await first.token('resident-2', ['resident']);
    const official = await first.token('official-2', ['official'], ['oost']);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        ((await call(`${first.url}/api/v1/cases`, 'POST', resident, initiative())).body as { id: string }).id,
      );
    }
    // On PostgreSQL the test holds the cases' row locks, so the ASSESS transactions are surely
    // still waiting when the signal comes; on PGlite they queue behind each other.
    let locker: pg.Client | null = null;
    if (databaseUrl) {
      locker = new pg.Client({ connectionString: databaseUrl });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM cases WHERE id = ANY($1::uuid[]) FOR UPDATE', [ids]);
    }
    const assess = { type: 'ASSESS', advice: 'honour', motivation: 'Goed plan.' };
    await Promise.all(
      ids.map((id) => abandonedRequest(`${first.url}/api/v1/cases/${id}/events`, 'POST', official, assess)),
    );
    if (locker) {
      // Until the six are inside their transactions, waiting for the lock.
      for (;;) {
        const { rows } = await locker.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].n === ids.length) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    first.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await locker?.query('ROLLBACK');
    await locker?.end();
    await first.exited;
    expect(first.output()).not.toMatch(/"level":(50|60)/);

    app = await spawnApp({ databaseUrl, dataDir });
    const council = await app.token('council-1', ['council']);
    for (const id of ids) {
      const c = (await call(`${app.url}/api/v1/cases/${id}`, 'GET', council)).body as {
        state: string;
        version: number;
      };
      const entries = (await call(`${app.url}/api/v1/cases/${id}/log`, 'GET', council)).body as {
        toState: string;
      }[];
      // PostgreSQL: the server surely read them, so it must have carried them out.
      // PGlite: a request not yet read when the client hung up may be lost, never half done.
      if (databaseUrl) expect(c).toMatchObject({ state: 'assessed', version: 2 });
      expect(entries).toHaveLength(c.version);
      expect(entries[entries.length - 1].toState).toBe(c.state);
    }
    const verify = await call(`${app.url}/api/v1/audit/verify`, 'GET', council);
    expect(verify.body).toMatchObject({ valid: true });
  }, 150_000);
});
