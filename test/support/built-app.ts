import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * Runs the built app (`dist/`) as its own process, as `npm start` and `npm run migrate` do:
 * for what only a real process shows (exit codes, stderr, stdout logs, start-up).
 */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const MAIN = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const MIGRATE = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'migrate.js');
const BUILD_INFO = path.join(ROOT, 'dist', '.tsbuildinfo');

/**
 * Settings the app reads; a spawned process gets only those a test gives it, and NODE_ENV=test
 * unless the test gives another (undefined: not set at all).
 */
const SETTINGS = [
  'NODE_ENV',
  'PORT',
  'DATABASE_URL',
  'DATA_DIR',
  'MIGRATIONS_RUN',
  'DB_POOL_SIZE',
  'AUTH_MODE',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_ALGORITHMS',
  'DEV_SIGNING_KEY',
  'DEV_TOKEN_TTL_SECONDS',
  'TOKEN_MAX_LIFETIME_SECONDS',
  'OIDC_JWKS_MAX_AGE_SECONDS',
  'OIDC_RETRY_MAX_SECONDS',
  'LOG_LEVEL',
  'REQUEST_TIMEOUT_MS',
  'WRITE_RATE_LIMIT_PER_MINUTE',
  'OUTBOX_POLL_MS',
  'NOTIFY_WEBHOOK_URL',
  'NOTIFY_WEBHOOK_SECRET',
  'TEST_DATABASE_URL',
];

export type Settings = Record<string, string | undefined>;

export function processEnv(env: Settings): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of SETTINGS) delete base[name];
  delete base.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the app
  const result: NodeJS.ProcessEnv = { ...base, NODE_ENV: 'test', ...env };
  for (const [name, value] of Object.entries(result)) if (value === undefined) delete result[name];
  return result;
}

function newestSource(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return p.endsWith('.ts') ? s.mtimeMs : 0;
  return Math.max(0, ...readdirSync(p).map((name) => newestSource(path.join(p, name))));
}

/**
 * Builds dist/ as `npm run build` does (tsc -b, incremental) unless its build info is newer than
 * every source file (test files share one build). Type errors are `npm run typecheck`'s to
 * report: tsc still emits, and only a build that left main.js or migrate.js missing fails the test.
 */
export function ensureBuilt(): void {
  const newest = Math.max(
    ...['apps', 'libs', 'migrations', 'ormconfig.ts'].map((s) => newestSource(path.join(ROOT, s))),
  );
  // tsc -b writes only what changed, and touches the build info when it looked: its time is the build's.
  const built = () => [MAIN, MIGRATE].every((f) => existsSync(f));
  const fresh = () => built() && existsSync(BUILD_INFO) && statSync(BUILD_INFO).mtimeMs >= newest;
  if (fresh()) return;
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const res = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (res.status !== 0 && !built()) throw new Error(`build failed:\n${res.stdout}${res.stderr}`);
}

/** A port nobody listens on right now (main.js with PORT=0 would not tell us its port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A dev token from a running process (POST /auth/dev-token); 201 or it throws. */
export async function fetchDevToken(
  url: string,
  sub: string,
  roles: string[],
  areas: string[] = [],
  name = sub,
): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub, name, roles, areas }),
  });
  if (res.status !== 201) throw new Error(`dev-token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built script to its end. */
export function runScript(
  script: string,
  env: Settings,
  { args = [] as string[], timeoutMs = 30000 } = {},
): Promise<Exited> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: processEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningApp {
  url: string;
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  token(sub: string, roles: string[], areas?: string[], name?: string): Promise<string>;
  stop(): Promise<Exited>;
}

/** Starts main.js on a free port and waits until it answers /health (with any status). */
export async function startApp(env: Settings, timeoutMs = 30000): Promise<RunningApp> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: processEnv({ ...env, PORT: String(port) }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<Exited>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  let running = true;
  void exited.then(() => (running = false));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!running) throw new Error(`the app exited during start-up: ${stderr || stdout}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not answer within ${timeoutMs} ms: ${stderr}`);
    }
    try {
      await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    token: (sub, roles, areas, name) => fetchDevToken(url, sub, roles, areas, name),
    async stop() {
      if (running) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
