/**
 * npm run bench: the throughput, latency, CPU, memory, start-up and verify figures of
 * README.md, each beside its target, measured against floors taken in the same run on the
 * same PostgreSQL server: pgbench on the reference transaction, and the same two round trips
 * behind bare node:http + pg and behind a bare NestJS app. The machine's speed moves between
 * runs, so only ratios within one run are compared.
 *
 * A benchmark, not a test: it asserts nothing; it prints a table, writes bench/results.json
 * and marks each figure against its target.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from 'autocannon';
import pg from 'pg';
import { type ApiProcess, startApi } from './api-process.js';
import { type FloorResult, runBareFloor } from './bare-floor.js';
import { CONNECTIONS, load, loadAtRate, type NthRequest, type Percentiles } from './load.js';
import { createReferenceSchema, REFERENCE_APPLICATION, runReference } from './reference.js';
import { fixed, met, printTable, type Row, TARGETS } from './report.js';
import { startRoundTripCounter } from './round-trip-counter.js';
import { AREAS, type Kind, Seeder } from './seed.js';
import { sampleServerCpu, statementStats } from './server-cpu.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH_DB = process.env.BENCH_DATABASE_NAME || 'wijkflow_bench';
const SECONDS = 10;
/** Submitted cases for the transition run: enough distinct ones for 10 s at up to 4,000/s. */
const ACTIVE_CASES = 40_000;
const TOTAL_CASES = 100_000;
const LOG_ENTRIES = 1_000_000;
const LIST_REQUESTS = 1000;
/** The mixed load: what users feel at a steady rate. */
const MIXED_RATE = 150;
const MIXED_SECONDS = 15;
const ASSESS_BODY = JSON.stringify({
  type: 'ASSESS',
  advice: 'honour',
  motivation: 'Past in het programma.',
});
const KINDS: Kind[] = ['submitted', 'awaiting_info', 'assessed', 'rejected', 'withdrawn'];

/** The node flags `npm start` gives the API (the heap cap), so the benchmark measures the same process. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return scripts.start.match(/--max-old-space-size=\d+/g) ?? [];
}

/**
 * Node flags for the API processes: those of `npm start`, then BENCH_API_NODE_ARGS, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/wijkflow-profiles" with BENCH_TRANSITIONS_ONLY=1 to profile the
 * transition run alone (then: node dist/bench/profile-summary.js <profile>).
 */
const API_NODE_ARGS = [
  ...startFlags(),
  ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
];

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

const perUnit = (total: number | null, units: number) => (total === null ? null : total / Math.max(1, units));

/** Submitted cases not used yet: each ASSESS gets a case of its own. */
class FreshCases {
  private next = 0;
  constructor(private readonly ids: string[]) {}
  /** The n-th id from here on; `commit` moves past the ones a load took. */
  peek(n: number): string {
    const id = this.ids[this.next + n];
    if (id === undefined) throw new Error('the benchmark ran out of submitted cases; raise ACTIVE_CASES');
    return id;
  }
  commit(used: number): void {
    this.next += used;
  }
  take(count: number): string[] {
    const taken = this.ids.slice(this.next, this.next + count);
    this.next += count;
    return taken;
  }
}

function assessRequest(id: string, token: string): NthRequest {
  return {
    method: 'POST',
    path: `/api/v1/cases/${id}/events`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: ASSESS_BODY,
  };
}

/** ASSESS on distinct submitted cases, round-robin over several officials' tokens. */
async function assessLoad(url: string, fresh: FreshCases, tokens: string[], duration: number) {
  let used = 0;
  const run = await load(url, { duration }, (n) => {
    used = Math.max(used, n + 1);
    return assessRequest(fresh.peek(n), tokens[n % tokens.length]);
  });
  fresh.commit(used);
  return run;
}

function submission(i: number): string {
  return JSON.stringify({
    type: 'initiative',
    title: `Bewonersinitiatief ${i}`,
    description: 'Een plan van en voor de buurt.',
    areaCode: AREAS[i % AREAS.length],
    theme: 'groen',
    requestedAmountCents: 50_000,
    contactEmail: 'bewoner@example.org',
  });
}

function submitRequest(i: number, token: string): NthRequest {
  return {
    method: 'POST',
    path: '/api/v1/cases',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: submission(i),
  };
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

function tokensFor(app: ApiProcess, role: string, count: number, areas: string[] = []): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => app.token(`${role}-${i}`, [role], areas)));
}

const officials = (app: ApiProcess, count: number) => tokensFor(app, 'official', count, AREAS);

/** A load's throughput with the CPU the API and PostgreSQL's backends spent per answered request. */
interface Costed {
  perSecond: number;
  done: number;
  refused: number;
  p50Ms: number;
  p99Ms: number;
  apiCpuMs: number | null;
  postgresCpuMs: number | null;
}

async function costed(
  app: ApiProcess,
  db: pg.Client,
  ok: string,
  run: () => PromiseLike<Result>,
): Promise<Costed> {
  const server = await sampleServerCpu(db, { database: BENCH_DB });
  const apiBefore = app.cpuMs();
  const result = await run();
  const apiAfter = app.cpuMs();
  const postgresCpu = await server.stop();
  const done = result.statusCodeStats[ok]?.count ?? 0;
  return {
    perSecond: done / result.duration,
    done,
    refused: result.non2xx,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    apiCpuMs: apiBefore === null || apiAfter === null ? null : perUnit(apiAfter - apiBefore, done),
    postgresCpuMs: perUnit(postgresCpu, done),
  };
}

interface PgFigures {
  referenceTool: string;
  referenceTps: number;
  referencePostgresCpuMs: number | null;
  statementStats: string;
  nodeFloor: FloorResult;
  nestFloor: FloorResult;
  transitions: Costed;
  submissions: Costed;
  ceilingRequestsPerSecond: number;
  mixed: { requests: number; non2xx: number; perSecond: number; latency: Percentiles };
  listP50Ms: number;
  listP95Ms: number;
  listP99Ms: number;
  verifyEntries: number;
  verifySeconds: number;
  verifyEntriesPerSecond: number;
  verifyValid: boolean;
  peakRssMbDuringTransitions: number | null;
  peakRssMbAfterPhase: Record<string, number | null>;
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
    const fresh = new FreshCases(active);

    // 2. The floors, on the same server, at the same concurrency: the reference with pgbench,
    // then the same two round trips behind node:http and behind a bare NestJS app.
    const refDir = path.join(ROOT, 'bench/reference');
    await createReferenceSchema(benchUrl, path.join(refDir, 'reference-schema.sql'));
    const referenceCpu = await sampleServerCpu(db, {
      database: BENCH_DB,
      applicationName: REFERENCE_APPLICATION,
    });
    const reference = await runReference(
      benchUrl,
      path.join(refDir, 'reference-transition.sql'),
      CONNECTIONS,
      SECONDS,
    );
    const referencePostgresCpuMs = perUnit(await referenceCpu.stop(), reference.transactions);
    log(
      `reference (${reference.tool}): ${reference.tps.toFixed(0)} tx/s, ` +
        `PostgreSQL ${fixed(referencePostgresCpuMs)} ms CPU per transaction`,
    );
    const nodeFloor = await runBareFloor(ROOT, 'bare-server', benchUrl, ASSESS_BODY, SECONDS);
    log(`floor, bare node:http + pg: ${nodeFloor.requestsPerSecond.toFixed(0)}/s, p99 ${nodeFloor.p99Ms} ms`);
    const nestFloor = await runBareFloor(ROOT, 'bare-nest', benchUrl, ASSESS_BODY, SECONDS);
    log(`floor, bare NestJS + pg: ${nestFloor.requestsPerSecond.toFixed(0)}/s, p99 ${nestFloor.p99Ms} ms`);

    // 3. HTTP transitions: a short warm-up (JIT, pool, prepared statements), then the measured 10 s.
    const tokens = await officials(app, 8);
    await assessLoad(app.url, fresh, tokens, 2);
    const transitions = await costed(app, db, '200', () => assessLoad(app.url, fresh, tokens, SECONDS));
    const rssTransitions = app.peakRssMb();
    const rss: Record<string, number | null> = { transitions: rssTransitions };
    log(
      `transitions: ${transitions.perSecond.toFixed(0)}/s (${transitions.done}, ${transitions.refused} refused), ` +
        `p50 ${transitions.p50Ms} ms, p99 ${transitions.p99Ms} ms, CPU per transition: ` +
        `API ${fixed(transitions.apiCpuMs)} ms, PostgreSQL ${fixed(transitions.postgresCpuMs)} ms`,
    );
    const ceiling = await ceilingLoad(app.url, tokens);
    const ceilingRequestsPerSecond = ceiling['2xx'] / ceiling.duration;
    log(`ceiling: GET /auth/me ${ceilingRequestsPerSecond.toFixed(0)}/s, p99 ${ceiling.latency.p99} ms`);
    if (process.env.BENCH_TRANSITIONS_ONLY) {
      // For profiling the transition path alone: stop here (a --cpu-prof profile is written on exit).
      await app.stop();
      process.exit(0);
    }

    // 4. Submissions, the same way (their own warm-up first).
    const residents = await tokensFor(app, 'resident', 8);
    const submit = (n: number) => submitRequest(n, residents[n % residents.length]);
    await load(app.url, { duration: 2 }, submit);
    const submissions = await costed(app, db, '201', () => load(app.url, { duration: SECONDS }, submit));
    rss.submissions = app.peakRssMb();
    log(
      `submissions: ${submissions.perSecond.toFixed(0)}/s, p99 ${submissions.p99Ms} ms, CPU per submission: ` +
        `API ${fixed(submissions.apiCpuMs)} ms, PostgreSQL ${fixed(submissions.postgresCpuMs)} ms`,
    );

    // 5. The rest of the 100,000 cases, with histories long enough for 1,000,000 log entries,
    // once the requests that were in flight when the load generator stopped have finished.
    await settled(db);
    t = performance.now();
    const headSeq = Number((await db.query<{ seq: string }>('SELECT seq FROM log_head')).rows[0].seq);
    const [{ last: lastNumber }] = (
      await db.query<{ last: number }>(`SELECT max(last) AS last FROM case_counters WHERE prefix = 'INI'`)
    ).rows;
    const background = TOTAL_CASES - ACTIVE_CASES;
    const base: Record<Kind, number> = {
      submitted: 1,
      awaiting_info: 2,
      assessed: 2,
      rejected: 3,
      withdrawn: 2,
    };
    const baseEntries = Array.from({ length: background }, (_, i) => base[KINDS[i % KINDS.length]]).reduce(
      (a, b) => a + b,
      0,
    );
    const loopEntries = Math.max(0, LOG_ENTRIES - headSeq - baseEntries);
    const loopsPerCase = Math.floor(loopEntries / 2 / background);
    const extraLoops = Math.ceil((loopEntries - loopsPerCase * 2 * background) / 2);
    await seeder.seed({
      count: background,
      kind: (i) => KINDS[i % KINDS.length],
      loops: (i) => loopsPerCase + (i < extraLoops ? 1 : 0),
      // After the API's own submissions: references stay unique.
      firstNumber: Number(lastNumber) + 1,
      startAt: Date.now(),
      stepMs: 0.01,
    });
    await db.query('VACUUM ANALYZE cases');
    await db.query('VACUUM ANALYZE process_log');
    const [{ n: caseCount }] = (await db.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows;
    log(
      `seeded to ${caseCount} cases and ${seeder.head.seq} log entries in ${Math.round(performance.now() - t)} ms`,
    );

    // 6. GET /cases?areaCode=&state= with 100,000 cases: sequential requests, one client.
    const council = await app.token('council-1', ['council']);
    const listPath = (i: number) =>
      `/api/v1/cases?areaCode=${AREAS[i % AREAS.length]}&state=${KINDS[Math.floor(i / AREAS.length) % KINDS.length]}`;
    const readers = [council, tokens[0]];
    for (let i = 0; i < 50; i++) await api(app.url + listPath(i), readers[i % 2]);
    const listTimes: number[] = [];
    for (let i = 0; i < LIST_REQUESTS; i++) {
      const started = performance.now();
      const res = await api<{ items: unknown[] }>(app.url + listPath(i), readers[i % 2]);
      listTimes.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`list answered ${res.status}`);
    }
    listTimes.sort((a, b) => a - b);
    rss.lists = app.peakRssMb();
    const at = (p: number) =>
      listTimes[Math.min(listTimes.length - 1, Math.ceil((p / 100) * listTimes.length) - 1)];

    // 7. The mixed load at a fixed rate: 70% case reads, 20% lists, 10% events.
    const mixed = await mixedLoad(app, active.slice(0, 20_000), fresh, tokens, listPath);
    rss.mixed = app.peakRssMb();
    log(
      `mixed load at ${MIXED_RATE}/s: ${mixed.perSecond.toFixed(0)}/s answered, ${mixed.non2xx} not 2xx, ` +
        `p50 ${fixed(mixed.latency.p50, 1)} ms, p95 ${fixed(mixed.latency.p95, 1)} ms, p99 ${fixed(mixed.latency.p99, 1)} ms`,
    );

    // 8. Verify the whole chain.
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
    rss.verify = peakRss;
    // Which phase grows the process: the peak (VmHWM) after each one.
    log(
      `peak RSS after each phase: ${Object.entries(rss)
        .map(([k, v]) => `${k} ${v ?? '?'} MB`)
        .join(', ')}`,
    );
    await app.stop();

    // 9. Round trips per transition, counted on the wire by a pass-through (a separate process).
    const roundTrips = await countRoundTrips(benchUrl, fresh.take(100));

    return {
      referenceTool: reference.tool,
      referenceTps: reference.tps,
      referencePostgresCpuMs,
      statementStats: await statementStats(db),
      nodeFloor,
      nestFloor,
      transitions,
      submissions,
      ceilingRequestsPerSecond,
      mixed,
      listP50Ms: at(50),
      listP95Ms: at(95),
      listP99Ms: at(99),
      verifyEntries: verify.body.checked,
      verifySeconds,
      verifyEntriesPerSecond: verify.body.checked / verifySeconds,
      verifyValid: verify.body.valid,
      peakRssMbDuringTransitions: rssTransitions,
      peakRssMbAfterPhase: rss,
      peakRssMb: peakRss,
      roundTripsPerTransition: roundTrips,
    };
  } finally {
    await app.stop().catch(() => undefined);
    await db.end().catch(() => undefined);
  }
}

/**
 * MIXED_RATE requests/s for MIXED_SECONDS from CONNECTIONS connections: of every ten, seven
 * read a case (GET /cases/{id}), two read a list (GET /cases?areaCode=&state=) and one sends
 * an ASSESS to a submitted case of its own. Latency is each response's own time.
 */
async function mixedLoad(
  app: ApiProcess,
  readable: string[],
  fresh: FreshCases,
  tokens: string[],
  listPath: (i: number) => string,
) {
  const events = fresh.take(Math.ceil((MIXED_RATE * MIXED_SECONDS) / 10) + CONNECTIONS * 4);
  const { result, latency } = await loadAtRate(
    app.url,
    { duration: MIXED_SECONDS, rate: MIXED_RATE },
    (n) => {
      const token = tokens[n % tokens.length];
      const kind = n % 10;
      if (kind === 9) return assessRequest(events[Math.floor(n / 10) % events.length], token);
      const path = kind >= 7 ? listPath(n) : `/api/v1/cases/${readable[(n * 7919) % readable.length]}`;
      return { method: 'GET', path, headers: { authorization: `Bearer ${token}` } };
    },
  );
  const requests = result['2xx'] + result.non2xx;
  return { requests, non2xx: result.non2xx, perSecond: requests / result.duration, latency };
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
    // Warm the pool and caches, then count a sequence of single transitions.
    await api(`${app.url}/api/v1/cases/${ids[0]}/events`, token, 'POST', ASSESS_BODY);
    counter.reset();
    for (const id of ids.slice(1)) {
      const res = await api(`${app.url}/api/v1/cases/${id}/events`, token, 'POST', ASSESS_BODY);
      if (res.status !== 200) throw new Error(`round-trip sample answered ${res.status}`);
    }
    return counter.count() / (ids.length - 1);
  } finally {
    await app.stop();
    await counter.close();
  }
}

interface EmbeddedFigures {
  coldStartupMs: number;
  warmStartupMs: number;
  npmStartMs: number;
  transitionsPerSecond: number;
  submissionsPerSecond: number;
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
    // What a developer waits for on an unchanged checkout: npm start, its build step included.
    app = await startApi(ROOT, { DATA_DIR: dataDir }, [], { viaNpmStart: true });
    const npmStartMs = app.startupMs;
    await app.stop();
    app = await startApi(ROOT, { DATA_DIR: dataDir }, API_NODE_ARGS);
    const warmStartupMs = app.startupMs;
    log(
      `embedded start-up: ${Math.round(coldStartupMs)} ms fresh, ${Math.round(warmStartupMs)} ms existing, ` +
        `npm start ${Math.round(npmStartMs)} ms`,
    );
    try {
      const residents = await tokensFor(app, 'resident', 4);
      const ids: string[] = [];
      const submitted = await load(
        app.url,
        { duration: 8 },
        (i) => submitRequest(i, residents[i % residents.length]),
        (status, body) => {
          if (status === 201) ids.push((JSON.parse(body) as { id: string }).id);
        },
      );
      const tokens = await officials(app, 8);
      // Every submitted case once, however long that takes: no case is assessed twice.
      const run = await load(app.url, { amount: ids.length }, (n) =>
        assessRequest(ids[n % ids.length], tokens[n % tokens.length]),
      );
      log(
        `embedded transitions: ${(run['2xx'] / run.duration).toFixed(0)}/s (${run['2xx']} of ${ids.length})`,
      );
      return {
        coldStartupMs,
        warmStartupMs,
        npmStartMs,
        transitionsPerSecond: run['2xx'] / run.duration,
        submissionsPerSecond: ids.length / submitted.duration,
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

function ratio(a: number, b: number): number {
  return Number((a / b).toFixed(3));
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

  const tr = p.transitions;
  const figures = {
    transitionsVsReference: ratio(tr.perSecond, p.referenceTps),
    transitionsVsNodeFloor: ratio(tr.perSecond, p.nodeFloor.requestsPerSecond),
    transitionsVsNestFloor: ratio(tr.perSecond, p.nestFloor.requestsPerSecond),
    nestFloorVsNodeFloor: ratio(p.nestFloor.requestsPerSecond, p.nodeFloor.requestsPerSecond),
    nodeFloorVsReference: ratio(p.nodeFloor.requestsPerSecond, p.referenceTps),
    submissionsVsTransitions: ratio(p.submissions.perSecond, tr.perSecond),
    ceilingVsReference: ratio(p.ceilingRequestsPerSecond, p.referenceTps),
  };
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cpus: os.cpus().length, loadAverageAtStart: loadAtStart },
    apiNodeArgs: API_NODE_ARGS,
    ratios: figures,
    postgres: {
      reference: {
        tool: p.referenceTool,
        transactionsPerSecond: Math.round(p.referenceTps),
        postgresCpuMsPerTransaction: p.referencePostgresCpuMs,
      },
      floors: { nodeHttp: p.nodeFloor, nest: p.nestFloor },
      transitions: tr,
      submissions: p.submissions,
      ceilingRequestsPerSecond: Math.round(p.ceilingRequestsPerSecond),
      mixed: { ratePerSecond: MIXED_RATE, seconds: MIXED_SECONDS, ...p.mixed },
      pgStatStatements: p.statementStats,
      roundTripsPerTransition: Number(p.roundTripsPerTransition.toFixed(2)),
      peakRssMbDuringTransitions: p.peakRssMbDuringTransitions,
      peakRssMbAfterPhase: p.peakRssMbAfterPhase,
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
      npmStartMs: Math.round(e.npmStartMs),
      transitionsPerSecond: Math.round(e.transitionsPerSecond),
      submissionsPerSecond: Math.round(e.submissionsPerSecond),
      latencyP50Ms: e.p50Ms,
      latencyP99Ms: e.p99Ms,
    },
    targets: TARGETS,
    met: {
      transitionsVsReference: met('transitionsVsReference', figures.transitionsVsReference),
      transitionsVsNodeFloor: met('transitionsVsNodeFloor', figures.transitionsVsNodeFloor),
      submissionsVsTransitions: met('submissionsVsTransitions', figures.submissionsVsTransitions),
      p99Ms: met('p99Ms', tr.p99Ms),
      mixedP99Ms: met('mixedP99Ms', p.mixed.latency.p99),
      apiCpuMsPerTransition: met('apiCpuMsPerTransition', tr.apiCpuMs),
      postgresCpuMsPerTransition: met('postgresCpuMsPerTransition', tr.postgresCpuMs),
      peakRssMb: met('peakRssMb', p.peakRssMb),
      npmStartMs: met('npmStartMs', e.npmStartMs),
      embeddedStartupMsExistingDataDir: met('embeddedStartupMsExistingDataDir', e.warmStartupMs),
      verifyEntriesPerSecond: met('verifyEntriesPerSecond', p.verifyEntriesPerSecond),
      listP95Ms: met('listP95Ms', p.listP95Ms),
    },
    benchSeconds: Math.round((performance.now() - started) / 1000),
  };
  writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');

  const perSecond = (n: number) => `${Math.round(n)}/s`;
  const rows: Row[] = [
    ['transitions (PostgreSQL, 16 connections)', perSecond(tr.perSecond)],
    [`reference (${p.referenceTool}, same SQL as bench/reference)`, perSecond(p.referenceTps)],
    ['same 2 round trips, bare node:http + pg', perSecond(p.nodeFloor.requestsPerSecond)],
    ['same 2 round trips, bare NestJS (Express) + pg', perSecond(p.nestFloor.requestsPerSecond)],
    ['API answering from memory: GET /auth/me', perSecond(p.ceilingRequestsPerSecond)],
    ['submissions (PostgreSQL, 16 connections)', perSecond(p.submissions.perSecond)],
    [
      'ratio transitions / reference',
      fixed(figures.transitionsVsReference),
      'transitionsVsReference',
      figures.transitionsVsReference,
    ],
    [
      'ratio transitions / node:http floor',
      fixed(figures.transitionsVsNodeFloor),
      'transitionsVsNodeFloor',
      figures.transitionsVsNodeFloor,
    ],
    ['ratio transitions / NestJS floor', fixed(figures.transitionsVsNestFloor)],
    ['ratio NestJS floor / node:http floor', fixed(figures.nestFloorVsNodeFloor)],
    ['ratio node:http floor / reference', fixed(figures.nodeFloorVsReference)],
    [
      'ratio submissions / transitions',
      fixed(figures.submissionsVsTransitions),
      'submissionsVsTransitions',
      figures.submissionsVsTransitions,
    ],
    ['transition latency p50', `${tr.p50Ms} ms`],
    ['transition latency p99', `${tr.p99Ms} ms`, 'p99Ms', tr.p99Ms],
    ['API CPU per transition', `${fixed(tr.apiCpuMs)} ms`, 'apiCpuMsPerTransition', tr.apiCpuMs],
    [
      'PostgreSQL CPU per transition (backends)',
      `${fixed(tr.postgresCpuMs)} ms`,
      'postgresCpuMsPerTransition',
      tr.postgresCpuMs,
    ],
    ['PostgreSQL CPU per reference transaction', `${fixed(p.referencePostgresCpuMs)} ms`],
    [
      'CPU per request, node:http / NestJS floor',
      `${fixed(p.nodeFloor.cpuMsPerRequest)} / ${fixed(p.nestFloor.cpuMsPerRequest)} ms`,
    ],
    [
      'API / PostgreSQL CPU per submission',
      `${fixed(p.submissions.apiCpuMs)} / ${fixed(p.submissions.postgresCpuMs)} ms`,
    ],
    [
      `mixed load at ${MIXED_RATE}/s p50 / p95`,
      `${fixed(p.mixed.latency.p50, 1)} / ${fixed(p.mixed.latency.p95, 1)} ms`,
    ],
    [
      `mixed load at ${MIXED_RATE}/s p99`,
      `${fixed(p.mixed.latency.p99, 1)} ms`,
      'mixedP99Ms',
      p.mixed.latency.p99,
    ],
    ['round trips per transition', p.roundTripsPerTransition.toFixed(2)],
    ['peak RSS of the API (heap cap of npm start)', `${p.peakRssMb ?? '?'} MB`, 'peakRssMb', p.peakRssMb],
    [
      `verify (${p.verifyEntries} entries), entries/s`,
      String(Math.round(p.verifyEntriesPerSecond)),
      'verifyEntriesPerSecond',
      p.verifyEntriesPerSecond,
    ],
    ['GET /cases?areaCode=&state= p95, ms', p.listP95Ms.toFixed(1), 'listP95Ms', p.listP95Ms],
    ['npm start on an unchanged checkout, ms', String(Math.round(e.npmStartMs)), 'npmStartMs', e.npmStartMs],
    [
      'embedded start-up, existing data dir, ms',
      String(Math.round(e.warmStartupMs)),
      'embeddedStartupMsExistingDataDir',
      e.warmStartupMs,
    ],
    ['embedded start-up, fresh data dir, ms', String(Math.round(e.coldStartupMs))],
    [
      'embedded transitions / submissions',
      `${Math.round(e.transitionsPerSecond)} / ${Math.round(e.submissionsPerSecond)}/s`,
    ],
  ];
  printTable(rows);
  if (p.statementStats !== 'available') process.stdout.write(`\npg_stat_statements: ${p.statementStats}\n`);
  process.stdout.write(`\nwritten to bench/results.json (${results.benchSeconds} s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  if (error instanceof Error && error.cause) process.stderr.write(`cause: ${String(error.cause)}\n`);
  process.exit(1);
});
