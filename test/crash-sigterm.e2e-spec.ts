import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initiative } from './support/fixtures.js';
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
  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await app?.exited;
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
  }, 90000);
});
