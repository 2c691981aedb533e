/**
 * npm run bench: the throughput, latency, memory and verify figures of README.md, measured
 * against the reference floor on the same PostgreSQL server. See bench/README.md.
 *
 * A benchmark, not a test: it asserts nothing; it prints a table, writes bench/results.json
 * and marks each figure against its target.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type ApiProcess, startApi } from './api-process.js';
import { runBareFloor } from './bare-floor.js';
import { CONNECTIONS, load } from './load.js';
import { createReferenceSchema, runReference } from './reference.js';
import { startRoundTripCounter } from './round-trip-counter.js';
import { AREAS, type Kind, Seeder } from './seed.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH_DB = process.env.BENCH_DATABASE_NAME || 'wijkflow_bench';
const SECONDS = 10;
/** Submitted cases for the transition run: enough distinct ones for 10 s at up to 4,000/s. */
const ACTIVE_CASES = 40_000;
const TOTAL_CASES = 100_000;
const LOG_ENTRIES = 1_000_000;
const LIST_REQUESTS = 1000;
const ASSESS_BODY = JSON.stringify({
  type: 'ASSESS',
  advice: 'honour',
  motivation: 'Past in het programma.',
});

const TARGETS = {
  ratio: { min: 0.5 },
  p99Ms: { max: 25 },
  peakRssMb: { max: 250 },
  verifyEntriesPerSecond: { min: 200_000 },
  listP95Ms: { max: 20 },
};

/**
 * Extra node flags for the API processes, e.g. BENCH_API_NODE_ARGS="--max-old-space-size=160", or
 * "--cpu-prof --cpu-prof-dir=/tmp/wijkflow-profiles" with BENCH_TRANSITIONS_ONLY=1 to profile the
 * transition run alone (then: node dist/bench/profile-summary.js <profile>).
 */
const API_NODE_ARGS = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unusable database name ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return databaseUrl(adminUrl, name);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function api<T>(
  url: string,
  token: string,
  method = 'GET',
  body?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** ASSESS on distinct submitted cases, round-robin over several officials' tokens. */
function assessLoad(
  url: string,
  ids: string[],
  tokens: string[],
  opts: { duration?: number; amount?: number },
) {
  return load(url, opts, (n) => ({
    method: 'POST',
    path: `/api/v1/cases/${ids[n % ids.length]}/events`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n % tokens.length]}` },
    body: ASSESS_BODY,
  }));
}

/**
 * The API's own ceiling: GET /api/v1/auth/me does everything a transition's request does
 * before the handler (HTTP, security headers, logging, token, guards, interceptors) and then
 * answers from memory. No transition can be faster than this.
 */
function ceilingLoad(url: string, tokens: string[]) {
  return load(url, { duration: 5 }, (n) => ({
    method: 'GET',
    path: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${tokens[n % tokens.length]}` },
  }));
}

/** Waits until the log head stops moving: nothing is writing any more. */
async function settled(db: pg.Client): Promise<void> {
  const head = async () => Number((await db.query<{ seq: string }>('SELECT seq FROM log_head')).rows[0].seq);
  let last = await head();
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await head();
    if (now === last) return;
    last = now;
  }
}

async function officials(app: ApiProcess, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => app.token(`official-${i}`, ['official'], AREAS)),
  );
}

interface PgFigures {
  referenceTool: string;
  referenceTps: number;
  transitionsPerSecond: number;
  transitions: number;
  refused: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMbDuringTransitions: number | null;
  apiCpuMsPerTransition: number | null;
  ceilingRequestsPerSecond: number;
  floorRequestsPerSecond: number;
  listP50Ms: number;
  listP95Ms: number;
  listP99Ms: number;
  verifyEntries: number;
  verifySeconds: number;
  verifyEntriesPerSecond: number;
  verifyValid: boolean;
  peakRssMb: number | null;
  roundTripsPerTransition: number;
}

async function postgresFigures(benchUrl: string): Promise<PgFigures> {
  const db = new pg.Client({ connectionString: benchUrl });
  const app = await startApi(ROOT, { DATABASE_URL: benchUrl }, API_NODE_ARGS);
  try {
    await db.connect();
    log(`API on PostgreSQL started in ${Math.round(app.startupMs)} ms (pid ${app.pid})`);

    // 1. The cases the transition run works on: submitted, one SUBMIT entry each.
    const seeder = new Seeder(db);
    const active: string[] = [];
    let t = performance.now();
    await seeder.seed({
      count: ACTIVE_CASES,
      kind: () => 'submitted',
      loops: () => 0,
      firstNumber: 1,
      startAt: Date.now() - 3600_000,
      stepMs: 1,
      onCase: (id) => active.push(id),
    });
    await db.query('VACUUM ANALYZE cases');
    await db.query('VACUUM ANALYZE process_log');
    await db.query('CHECKPOINT').catch(() => undefined); // needs superuser; only evens out the timing
    log(`seeded ${ACTIVE_CASES} submitted cases in ${Math.round(performance.now() - t)} ms`);

    // 2. The reference floor, on the same server, at the same concurrency.
    const refDir = path.join(ROOT, 'bench/reference');
    await createReferenceSchema(benchUrl, path.join(refDir, 'reference-schema.sql'));
    const reference = await runReference(
      benchUrl,
      path.join(refDir, 'reference-transition.sql'),
      CONNECTIONS,
      SECONDS,
    );
    log(`reference (${reference.tool}): ${reference.tps.toFixed(0)} tx/s`);
    const floor = await runBareFloor(ROOT, benchUrl, ASSESS_BODY, SECONDS);
    log(`floor, bare node:http + pg: ${floor.requestsPerSecond.toFixed(0)}/s, p99 ${floor.p99Ms} ms`);

    // 3. HTTP transitions: a short warm-up (JIT, pool), then the measured 10 s.
    const tokens = await officials(app, 8);
    const warmIds = active.splice(0, 3000);
    await assessLoad(app.url, warmIds, tokens, { duration: 2 });
    const cpuBefore = app.cpuMs();
    const run = await assessLoad(app.url, active, tokens, { duration: SECONDS });
    const cpuAfter = app.cpuMs();
    const transitions = run['2xx'];
    const transitionsPerSecond = transitions / run.duration;
    const rssTransitions = app.peakRssMb();
    const apiCpuMsPerTransition =
      cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / Math.max(1, transitions);
    log(
      `transitions: ${transitionsPerSecond.toFixed(0)}/s (${transitions} in ${run.duration.toFixed(1)} s, ` +
        `${run.non2xx} refused, ${run.errors} errors), p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms`,
    );
    if (transitions >= active.length) log('warning: the run used up every seeded case; raise ACTIVE_CASES');
    const ceiling = await ceilingLoad(app.url, tokens);
    const ceilingRequestsPerSecond = ceiling['2xx'] / ceiling.duration;
    log(
      `ceiling: GET /auth/me ${ceilingRequestsPerSecond.toFixed(0)}/s (${ceiling.non2xx} refused), ` +
        `p50 ${ceiling.latency.p50} ms, p99 ${ceiling.latency.p99} ms`,
    );
    if (process.env.BENCH_TRANSITIONS_ONLY) {
      // For profiling the transition path alone: stop here (a --cpu-prof profile is written on exit).
      await app.stop();
      process.exit(0);
    }

    // 4. The rest of the 100,000 cases, with histories long enough for 1,000,000 log entries,
    // once the requests that were in flight when the load generator stopped have finished.
    await settled(db);
    t = performance.now();
    const headSeq = Number((await db.query<{ seq: string }>('SELECT seq FROM log_head')).rows[0].seq);
    const background = TOTAL_CASES - ACTIVE_CASES;
    const kinds: Kind[] = ['submitted', 'awaiting_info', 'assessed', 'rejected', 'withdrawn'];
    const base: Record<Kind, number> = {
      submitted: 1,
      awaiting_info: 2,
      assessed: 2,
      rejected: 3,
      withdrawn: 2,
    };
    const baseEntries = Array.from({ length: background }, (_, i) => base[kinds[i % kinds.length]]).reduce(
      (a, b) => a + b,
      0,
    );
    const loopEntries = Math.max(0, LOG_ENTRIES - headSeq - baseEntries);
    const loopsPerCase = Math.floor(loopEntries / 2 / background);
    const extraLoops = Math.ceil((loopEntries - loopsPerCase * 2 * background) / 2);
    await seeder.seed({
      count: background,
      kind: (i) => kinds[i % kinds.length],
      loops: (i) => loopsPerCase + (i < extraLoops ? 1 : 0),
      firstNumber: ACTIVE_CASES + 1,
      startAt: Date.now(),
      stepMs: 0.01,
    });
    await db.query('VACUUM ANALYZE cases');
    await db.query('VACUUM ANALYZE process_log');
    const [{ n: caseCount }] = (await db.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows;
    log(
      `seeded to ${caseCount} cases and ${seeder.head.seq} log entries in ${Math.round(performance.now() - t)} ms`,
    );

    // 5. GET /cases?areaCode=&state= with 100,000 cases: sequential requests, one client.
    const council = await app.token('council-1', ['council']);
    const listUrl = (i: number) =>
      `${app.url}/api/v1/cases?areaCode=${AREAS[i % AREAS.length]}&state=${kinds[Math.floor(i / AREAS.length) % kinds.length]}`;
    const readers = [council, tokens[0]];
    for (let i = 0; i < 50; i++) await api(listUrl(i), readers[i % 2]);
    const listTimes: number[] = [];
    for (let i = 0; i < LIST_REQUESTS; i++) {
      const started = performance.now();
      const res = await api<{ items: unknown[] }>(listUrl(i), readers[i % 2]);
      listTimes.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`list answered ${res.status}`);
    }
    listTimes.sort((a, b) => a - b);

    // 6. Verify the whole chain.
    t = performance.now();
    const verify = await api<{ valid: boolean; checked: number; reason?: string }>(
      `${app.url}/api/v1/audit/verify`,
      council,
    );
    const verifySeconds = (performance.now() - t) / 1000;
    if (verify.status !== 200) throw new Error(`verify answered ${verify.status}`);
    if (!verify.body.valid) log(`warning: verify says the chain is invalid: ${verify.body.reason}`);
    log(`verify: ${verify.body.checked} entries in ${verifySeconds.toFixed(2)} s`);

    const peakRss = app.peakRssMb();
    await app.stop();

    // 7. Round trips per transition, counted on the wire by a pass-through (a separate process).
    const roundTrips = await countRoundTrips(benchUrl, active.slice(transitions + CONNECTIONS * 4));

    return {
      referenceTool: reference.tool,
      referenceTps: reference.tps,
      transitionsPerSecond,
      transitions,
      refused: run.non2xx,
      p50Ms: run.latency.p50,
      p99Ms: run.latency.p99,
      peakRssMbDuringTransitions: rssTransitions,
      apiCpuMsPerTransition,
      ceilingRequestsPerSecond,
      floorRequestsPerSecond: floor.requestsPerSecond,
      listP50Ms: percentile(listTimes, 50),
      listP95Ms: percentile(listTimes, 95),
      listP99Ms: percentile(listTimes, 99),
      verifyEntries: verify.body.checked,
      verifySeconds,
      verifyEntriesPerSecond: verify.body.checked / verifySeconds,
      verifyValid: verify.body.valid,
      peakRssMb: peakRss,
      roundTripsPerTransition: roundTrips,
    };
  } finally {
    await app.stop().catch(() => undefined);
    await db.end().catch(() => undefined);
  }
}

async function countRoundTrips(benchUrl: string, ids: string[]): Promise<number> {
  const target = new URL(benchUrl);
  const counter = await startRoundTripCounter({ host: target.hostname, port: Number(target.port || 5432) });
  const viaCounter = new URL(benchUrl);
  viaCounter.hostname = '127.0.0.1';
  viaCounter.port = String(counter.port);
  const app = await startApi(ROOT, { DATABASE_URL: viaCounter.toString(), OUTBOX_POLL_MS: '0' });
  try {
    const [token] = await officials(app, 1);
    const sample = ids.slice(0, 100);
    // Warm the pool and caches, then count a sequence of single transitions.
    await api(`${app.url}/api/v1/cases/${sample[0]}/events`, token, 'POST', ASSESS_BODY);
    counter.reset();
    for (const id of sample.slice(1)) {
      const res = await api(`${app.url}/api/v1/cases/${id}/events`, token, 'POST', ASSESS_BODY);
      if (res.status !== 200) throw new Error(`round-trip sample answered ${res.status}`);
    }
    return counter.count() / (sample.length - 1);
  } finally {
    await app.stop();
    await counter.close();
  }
}

interface EmbeddedFigures {
  coldStartupMs: number;
  warmStartupMs: number;
  transitionsPerSecond: number;
  transitions: number;
  p50Ms: number;
  p99Ms: number;
}

async function embeddedFigures(): Promise<EmbeddedFigures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-bench-'));
  try {
    // Cold: a fresh data directory, so start-up includes creating the database and migrating.
    let app = await startApi(ROOT, { DATA_DIR: dataDir }, API_NODE_ARGS);
    const coldStartupMs = app.startupMs;
    await app.stop();
    app = await startApi(ROOT, { DATA_DIR: dataDir }, API_NODE_ARGS);
    const warmStartupMs = app.startupMs;
    log(`embedded start-up: ${Math.round(coldStartupMs)} ms fresh, ${Math.round(warmStartupMs)} ms existing`);
    try {
      const residents = await Promise.all(
        Array.from({ length: 4 }, (_, i) => app.token(`resident-${i}`, ['resident'])),
      );
      const ids: string[] = [];
      const submission = (i: number) =>
        JSON.stringify({
          type: 'initiative',
          title: `Bewonersinitiatief ${i}`,
          description: 'Een plan van en voor de buurt.',
          areaCode: AREAS[i % AREAS.length],
          theme: 'groen',
          requestedAmountCents: 50_000,
          contactEmail: 'bewoner@example.org',
        });
      await load(
        app.url,
        { duration: 8 },
        (i) => ({
          method: 'POST',
          path: '/api/v1/cases',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${residents[i % residents.length]}`,
          },
          body: submission(i),
        }),
        (status, body) => {
          if (status === 201) ids.push((JSON.parse(body) as { id: string }).id);
        },
      );
      const tokens = await officials(app, 8);
      // Every submitted case once, however long that takes: no case is assessed twice.
      const run = await assessLoad(app.url, ids, tokens, { amount: ids.length });
      log(
        `embedded transitions: ${(run['2xx'] / run.duration).toFixed(0)}/s (${run['2xx']} of ${ids.length})`,
      );
      return {
        coldStartupMs,
        warmStartupMs,
        transitionsPerSecond: run['2xx'] / run.duration,
        transitions: run['2xx'],
        p50Ms: run.latency.p50,
        p99Ms: run.latency.p99,
      };
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function mark(ok: boolean | null): string {
  return ok === null ? '  ?' : ok ? ' ok' : ' MISSED';
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    process.stderr.write(
      'npm run bench needs DATABASE_URL=postgres://user@host:port/db: a PostgreSQL server on which it may ' +
        `create and drop the database ${BENCH_DB}.\n`,
    );
    process.exit(2);
  }
  const started = performance.now();
  const loadAtStart = Number(os.loadavg()[0].toFixed(2));
  // The figures are only as good as the machine is quiet: other work shares its cores.
  if (loadAtStart > 1)
    log(`warning: load average ${loadAtStart} at start; other work will lower the figures`);
  const benchUrl = await recreateDatabase(adminUrl, BENCH_DB);
  log(`fresh database ${BENCH_DB}`);
  const p = await postgresFigures(benchUrl);
  const e = await embeddedFigures();
  if (!process.env.BENCH_KEEP_DB) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
  }

  const ratio = p.transitionsPerSecond / p.referenceTps;
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cpus: os.cpus().length, loadAverageAtStart: loadAtStart },
    apiNodeArgs: API_NODE_ARGS,
    postgres: {
      transitionsPerSecond: Math.round(p.transitionsPerSecond),
      referenceTransactionsPerSecond: Math.round(p.referenceTps),
      referenceTool: p.referenceTool,
      ratio: Number(ratio.toFixed(3)),
      latencyP50Ms: p.p50Ms,
      latencyP99Ms: p.p99Ms,
      refusedDuringRun: p.refused,
      roundTripsPerTransition: Number(p.roundTripsPerTransition.toFixed(2)),
      peakRssMbDuringTransitions: p.peakRssMbDuringTransitions,
      apiCpuMsPerTransition:
        p.apiCpuMsPerTransition === null ? null : Number(p.apiCpuMsPerTransition.toFixed(2)),
      ceilingRequestsPerSecond: Math.round(p.ceilingRequestsPerSecond),
      ceilingRatio: Number((p.ceilingRequestsPerSecond / p.referenceTps).toFixed(3)),
      floorRequestsPerSecond: Math.round(p.floorRequestsPerSecond),
      floorRatio: Number((p.floorRequestsPerSecond / p.referenceTps).toFixed(3)),
      peakRssMb: p.peakRssMb,
      verify: {
        entries: p.verifyEntries,
        seconds: Number(p.verifySeconds.toFixed(2)),
        entriesPerSecond: Math.round(p.verifyEntriesPerSecond),
        valid: p.verifyValid,
      },
      listCases: {
        casesInDatabase: TOTAL_CASES,
        requests: LIST_REQUESTS,
        p50Ms: Number(p.listP50Ms.toFixed(2)),
        p95Ms: Number(p.listP95Ms.toFixed(2)),
        p99Ms: Number(p.listP99Ms.toFixed(2)),
      },
    },
    embedded: {
      startupMsFreshDataDir: Math.round(e.coldStartupMs),
      startupMsExistingDataDir: Math.round(e.warmStartupMs),
      transitionsPerSecond: Math.round(e.transitionsPerSecond),
      latencyP50Ms: e.p50Ms,
      latencyP99Ms: e.p99Ms,
    },
    targets: TARGETS,
    met: {
      ratio: ratio >= TARGETS.ratio.min,
      p99: p.p99Ms <= TARGETS.p99Ms.max,
      peakRss: p.peakRssMb === null ? null : p.peakRssMb <= TARGETS.peakRssMb.max,
      verify: p.verifyEntriesPerSecond >= TARGETS.verifyEntriesPerSecond.min,
      listP95: p.listP95Ms <= TARGETS.listP95Ms.max,
    },
    benchSeconds: Math.round((performance.now() - started) / 1000),
  };
  writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');

  const rows: [string, string, string, string][] = [
    ['transitions/s (PostgreSQL, 16 conns)', results.postgres.transitionsPerSecond.toString(), '', ''],
    [
      `reference tx/s (${p.referenceTool})`,
      results.postgres.referenceTransactionsPerSecond.toString(),
      '',
      '',
    ],
    ['ratio', results.postgres.ratio.toFixed(2), '>= 0.5', mark(results.met.ratio)],
    [
      'same 2 round trips, bare node:http + pg',
      `${results.postgres.floorRequestsPerSecond}/s (${results.postgres.floorRatio.toFixed(2)} of reference)`,
      '',
      '',
    ],
    [
      'API, no database work: GET /auth/me',
      `${results.postgres.ceilingRequestsPerSecond} (${results.postgres.ceilingRatio.toFixed(2)} of reference)`,
      '',
      '',
    ],
    ['p50 latency', `${p.p50Ms} ms`, '', ''],
    ['p99 latency', `${p.p99Ms} ms`, '<= 25 ms', mark(results.met.p99)],
    ['peak RSS of the API', `${p.peakRssMb ?? '?'} MB`, '<= 250 MB', mark(results.met.peakRss)],
    ['round trips per transition', results.postgres.roundTripsPerTransition.toString(), '', ''],
    ['API CPU per transition', `${results.postgres.apiCpuMsPerTransition ?? '?'} ms`, '', ''],
    [
      `verify (${p.verifyEntries} entries)`,
      `${results.postgres.verify.entriesPerSecond} entries/s`,
      '>= 200000',
      mark(results.met.verify),
    ],
    [
      'GET /cases?areaCode=&state= p95',
      `${results.postgres.listCases.p95Ms} ms`,
      '<= 20 ms',
      mark(results.met.listP95),
    ],
    [
      'embedded start-up (fresh / existing)',
      `${results.embedded.startupMsFreshDataDir} / ${results.embedded.startupMsExistingDataDir} ms`,
      '',
      '',
    ],
    ['embedded transitions/s', results.embedded.transitionsPerSecond.toString(), '', ''],
  ];
  const w = [0, 1, 2, 3].map((c) =>
    Math.max(...rows.map((r) => r[c].length), ['figure', 'measured', 'target', ''][c].length),
  );
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(w[c])).join('  ');
  process.stdout.write(
    `\n${line(['figure', 'measured', 'target', ''])}\n${w.map((n) => '-'.repeat(n)).join('  ')}\n`,
  );
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  process.stdout.write(`\nwritten to bench/results.json (${results.benchSeconds} s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  if (error instanceof Error && error.cause) process.stderr.write(`cause: ${String(error.cause)}\n`);
  process.exit(1);
});
