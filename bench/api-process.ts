import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { peakRssMb, processCpuMs } from './proc.js';

/** The built API (dist/apps/api/src/main.js) as a child process, the way it runs in production. */
export interface ApiProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn until /health answered 200. */
  startupMs: number;
  token(sub: string, roles: string[], areas?: string[]): Promise<string>;
  /** Peak resident set size so far, in MB (VmHWM); null where /proc is not available. */
  peakRssMb(): number | null;
  /** CPU time (user + system) the process has used so far, in ms; null where /proc is not available. */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

const SIGNING_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built API with `node`, or with `viaNpmStart` the way a developer does (`npm start`,
 * its build step included; then `pid` is npm's, and stop() ends npm's process group).
 */
export async function startApi(
  root: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  { viaNpmStart = false } = {},
): Promise<ApiProcess> {
  const main = path.join(root, 'dist/apps/api/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const port = await freePort();
  const started = performance.now();
  // With --cpu-prof, a preload lets the process exit normally on SIGTERM so the profile is written.
  const profiling = nodeArgs.some((a) => a.startsWith('--cpu-prof'));
  const preload = profiling ? ['--require', path.join(root, 'bench/profile-on-exit.cjs')] : [];
  const [command, args] = viaNpmStart
    ? ['npm', ['start', '--silent']]
    : [process.execPath, [...nodeArgs, ...preload, main]];
  const child = spawn(command, args, {
    cwd: root,
    detached: viaNpmStart,
    env: {
      PATH: process.env.PATH,
      ...(viaNpmStart && process.env.HOME ? { HOME: process.env.HOME } : {}),
      NODE_ENV: 'test',
      AUTH_MODE: 'dev',
      DEV_SIGNING_KEY: SIGNING_KEY,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      // The benchmark is one client firing thousands of writes on purpose.
      WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error('the API process exited during start-up (see its output above)');
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 180_000) {
      if (viaNpmStart) process.kill(-child.pid!, 'SIGKILL');
      else child.kill('SIGKILL');
      throw new Error('the API did not become healthy within 180 s');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const startupMs = performance.now() - started;
  return {
    url,
    pid: child.pid!,
    child,
    startupMs,
    async token(sub, roles, areas = []) {
      const res = await fetch(`${url}/api/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sub, name: sub, roles, areas }),
      });
      if (res.status !== 201) throw new Error(`dev-token: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    cpuMs: () => processCpuMs(child.pid!),
    peakRssMb: () => peakRssMb(child.pid!),
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      if (viaNpmStart) process.kill(-child.pid!, 'SIGTERM');
      else child.kill('SIGTERM');
      await gone;
    },
  };
}
