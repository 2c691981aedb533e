import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

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

/** USER_HZ: 100 on Linux on every architecture Node runs on. */
const CLOCK_TICKS = 100;

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

export async function startApi(
  root: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ApiProcess> {
  const main = path.join(root, 'dist/apps/api/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const port = await freePort();
  const started = performance.now();
  // With --cpu-prof, a preload lets the process exit normally on SIGTERM so the profile is written.
  const profiling = nodeArgs.some((a) => a.startsWith('--cpu-prof'));
  const preload = profiling ? ['--require', path.join(root, 'bench/profile-on-exit.cjs')] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...preload, main], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
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
    if (performance.now() - started > 60000) {
      child.kill('SIGKILL');
      throw new Error('the API did not become healthy within 60 s');
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
    cpuMs() {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in ticks.
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return null;
      }
    },
    peakRssMb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
        return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
      } catch {
        return null;
      }
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
