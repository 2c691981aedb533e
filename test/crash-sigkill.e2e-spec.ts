import pg from 'pg';
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { councilDecision } from './support/council.js';
import { initiative, grantTerms } from './support/cases.js';
import { call, type SpawnedApp, spawnApp } from './support/spawn-app.js';
import { createTestDatabase, onPostgres } from './support/test-app.js';

/**
 * Crash safety: the API is killed with SIGKILL in the middle of a burst of transitions and
 * started again. Whatever was answered 2xx must be in the database and in the log; no case
 * may have changed state without its log entry or the other way round; the chain verifies.
 */
const suite = onPostgres ? describe : describe.skip;
const YEAR = programmeYear();

interface Answered {
  caseId: string;
  event: string;
  state: string;
  version: number;
}

suite('crash safety: SIGKILL during a burst of transitions (needs TEST_DATABASE_URL)', () => {
  let app: SpawnedApp | undefined;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let db: pg.Client;

  beforeAll(async () => {
    const created = (await createTestDatabase())!;
    databaseUrl = created.url;
    drop = created.drop;
  });
  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await app?.exited;
    await db?.end();
    await drop?.();
  });

  it('keeps every answered transition, and state and log in step, across a SIGKILL', async () => {
    app = await spawnApp({ databaseUrl });
    const first = app;
    const resident = await first.token('resident-1', ['resident']);
    const official = await first.token('official-1', ['official'], ['oost']);
    const alderman = await first.token('alderman-1', ['alderman'], ['oost']);
    const clerk = await first.token('clerk-1', ['clerk']);
    expect(
      (
        await call(`${first.url}/api/v1/programmes/${YEAR}/oost`, 'PUT', clerk, {
          budgetCents: 100_000_000,
          delegationLimitCents: 1_000_000,
          themes: ['speelruimte'],
          councilDecision: councilDecision(),
        })
      ).status,
    ).toBe(200);

    // Cases for every kind of step in the burst: submitted ones to assess or question,
    // assessed ones to honour or reject.
    const submitted: string[] = [];
    const assessed: string[] = [];
    for (let i = 0; i < 90; i++) {
      const c = await call(
        `${first.url}/api/v1/cases`,
        'POST',
        resident,
        initiative({ requestedAmountCents: 10_000 }),
      );
      const id = (c.body as { id: string }).id;
      if (i < 60) submitted.push(id);
      else {
        await call(`${first.url}/api/v1/cases/${id}/events`, 'POST', official, {
          type: 'ASSESS',
          advice: 'honour',
          motivation: 'Past.',
        });
        assessed.push(id);
      }
    }

    const steps: (() => Promise<Answered | null>)[] = [];
    const event = async (token: string, id: string, body: { type: string } & Record<string, unknown>) => {
      const r = await call(`${first.url}/api/v1/cases/${id}/events`, 'POST', token, body);
      if (r.status !== 200) return null;
      const c = r.body as { state: string; version: number };
      return { caseId: id, event: body.type, state: c.state, version: c.version };
    };
    for (let i = 0; i < 60; i++) {
      steps.push(async () => {
        const r = await call(
          `${first.url}/api/v1/cases`,
          'POST',
          resident,
          initiative({ title: `Burst ${i}` }),
        );
        if (r.status !== 201) return null;
        const c = r.body as { id: string; state: string; version: number };
        return { caseId: c.id, event: 'SUBMIT', state: c.state, version: c.version };
      });
      const id = submitted[i];
      steps.push(() =>
        i % 3 === 0
          ? event(official, id, { type: 'REQUEST_INFO', question: 'Hoeveel bewoners?' })
          : event(official, id, { type: 'ASSESS', advice: 'honour', motivation: 'Past.' }),
      );
      if (i < 30) {
        steps.push(() =>
          i % 4 === 0
            ? event(alderman, assessed[i], { type: 'REJECT', motivation: 'Niet nu.' })
            : event(alderman, assessed[i], {
                ...grantTerms(),
                type: 'HONOUR',
                amountCents: 10_000,
                motivation: 'Akkoord.',
              }),
        );
      }
    }

    // 16 clients through the steps; the process dies once a third of them are answered.
    const answered: Answered[] = [];
    let failures = 0;
    let done = 0;
    let killed = false;
    let nextStep = 0;
    const client = async () => {
      while (nextStep < steps.length) {
        const step = steps[nextStep++];
        try {
          const a = await step();
          if (a) answered.push(a);
        } catch {
          failures++; // the connection died with the process
        }
        if (++done >= steps.length / 3 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, client));
    expect((await first.exited).signal).toBe('SIGKILL');
    // The kill came mid-burst: some steps were answered, some were cut off.
    expect(answered.length).toBeGreaterThan(10);
    expect(failures).toBeGreaterThan(0);

    app = await spawnApp({ databaseUrl });
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();

    // Every answered transition is there, as answered: its log entry at its version.
    for (const a of answered) {
      const { rows } = await db.query<{ event: string; to_state: string }>(
        `SELECT event, to_state FROM process_log WHERE case_id = $1 ORDER BY seq OFFSET $2 LIMIT 1`,
        [a.caseId, a.version - 1],
      );
      expect({ ...a, entry: rows[0] }).toEqual({ ...a, entry: { event: a.event, to_state: a.state } });
    }

    // No state without its entry, no entry without its state: for every case the number of
    // entries is its version and the last entry's toState is its state.
    const { rows: mismatches } = await db.query(
      `SELECT c.id, c.state, c.version, count(l.seq)::int AS entries,
              (array_agg(l.to_state ORDER BY l.seq DESC))[1] AS last_to_state
       FROM cases c LEFT JOIN process_log l ON l.case_id = c.id
       GROUP BY c.id, c.state, c.version
       HAVING count(l.seq) <> c.version OR (array_agg(l.to_state ORDER BY l.seq DESC))[1] IS DISTINCT FROM c.state`,
    );
    expect(mismatches).toEqual([]);
    const { rows: orphans } = await db.query(
      `SELECT l.seq FROM process_log l LEFT JOIN cases c ON c.id = l.case_id WHERE l.case_id IS NOT NULL AND c.id IS NULL`,
    );
    expect(orphans).toEqual([]);

    // The money follows the log: committed is the sum of the HONOUR entries.
    const { rows: money } = await db.query<{ committed: number; honoured: number }>(
      `SELECT (SELECT committed_cents FROM programmes WHERE year = $1 AND area_code = 'oost')::bigint AS committed,
              (SELECT coalesce(sum((payload->>'amountCents')::bigint), 0) FROM process_log WHERE event = 'HONOUR')::bigint AS honoured`,
      [YEAR],
    );
    expect(Number(money[0].committed)).toBe(Number(money[0].honoured));

    // The chain verifies, and the restarted API carries on.
    const council2 = await app.token('council-1', ['council']);
    const verify = await call(`${app.url}/api/v1/audit/verify`, 'GET', council2);
    expect(verify.body).toMatchObject({ valid: true });
    const { rows: head } = await db.query<{ seq: number; n: number }>(
      `SELECT (SELECT seq FROM log_head) AS seq, (SELECT count(*) FROM process_log)::int AS n`,
    );
    expect(Number(head[0].seq)).toBe(head[0].n);
    const fresh = await call(`${app.url}/api/v1/cases`, 'POST', resident, initiative());
    expect(fresh.status).toBe(201);
  }, 120000);
});
