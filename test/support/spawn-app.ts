import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { bearer } from './actors.js';
import { ensureBuilt, fetchDevToken, freePort, MAIN, ROOT } from './built-app.js';

/**
 * Runs the built API as separate operating-system processes, for the tests that need what
 * an in-process app cannot give: two servers on one database, SIGKILL, SIGTERM. Unlike
 * startApp (./built-app.ts) it gives the process no settings but its own, and a signing key
 * shared by every process of the test run.
 */

/** One signing key for every process a test starts, so a token from one is valid on all. */
export const SHARED_SIGNING_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

/** One checkpoint key too: processes on one database must sign its checkpoints alike. */
export const SHARED_CHECKPOINT_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export interface SpawnedApp {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote to stdout and stderr (the last 64 kB), for failure messages. */
  output(): string;
  token(sub: string, roles: string[], areas?: string[], name?: string): Promise<string>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** PostgreSQL database; null starts the embedded PGlite in dataDir. */
  databaseUrl: string | null;
  dataDir?: string;
  env?: Record<string, string>;
  /** Milliseconds to wait for /health (default 60 s: a loaded CI machine starts slowly). */
  readyTimeoutMs?: number;
}

export async function waitForHealth(
  url: string,
  timeoutMs: number,
  exited?: Promise<unknown>,
): Promise<void> {
  let gone = false;
  void exited?.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the process exited before it was healthy');
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no healthy answer from ${url} within ${timeoutMs} ms`);
}

/** Starts `node dist/apps/api/src/main.js` and waits until /health answers 200. */
export async function spawnApp(opts: SpawnOptions): Promise<SpawnedApp> {
  ensureBuilt();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    PORT: String(port),
    AUTH_MODE: 'dev',
    DEV_SIGNING_KEY: SHARED_SIGNING_KEY,
    CHECKPOINT_SIGNING_KEY: SHARED_CHECKPOINT_KEY,
    LOG_LEVEL: 'warn',
    // These tests fire hundreds of writes from one client on purpose.
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    ...(opts.databaseUrl
      ? { DATABASE_URL: opts.databaseUrl }
      : { DATA_DIR: opts.dataDir ?? 'memory://spawned' }),
    ...opts.env,
  };
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const collect = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-65536);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, opts.readyTimeoutMs ?? 60000, exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${out}`, { cause: error });
  }
  return {
    url,
    pid: child.pid!,
    child,
    exited,
    output: () => out,
    token: (sub, roles, areas, name) => fetchDevToken(url, sub, roles, areas, name),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface HttpResult {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/** A JSON request with fetch; never throws for an HTTP status, only for a network failure. */
export async function call(
  url: string,
  method: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? bearer(token) : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}
