import { spawn } from 'node:child_process';
import path from 'node:path';
import { load } from './load.js';
import { processCpuMs } from './proc.js';

/** The floors: the same two round trips behind node:http alone, and behind a bare NestJS app. */
export type Floor = 'bare-server' | 'bare-nest';

export interface FloorResult {
  requestsPerSecond: number;
  p99Ms: number;
  /** CPU of the floor's process per request, in ms; null where /proc does not tell. */
  cpuMsPerRequest: number | null;
}

/**
 * Runs dist/bench/<floor>.js as a child process and loads it like the API: POST
 * /cases/{id}/events at the same concurrency. What it reaches is what this machine allows an
 * HTTP transition of two round trips before (bare-server) or with (bare-nest) the framework,
 * and without validation, authentication, workflow or hash chain: the distance to the API's
 * figure is the price of those.
 */
export async function runBareFloor(
  root: string,
  floor: Floor,
  databaseUrl: string,
  body: string,
  seconds: number,
): Promise<FloorResult> {
  const child = spawn(process.execPath, [path.join(root, `dist/bench/${floor}.js`)], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the ${floor} floor exited with ${code}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        const m = /listening (\d+)/.exec(chunk.toString());
        if (m) resolve(Number(m[1]));
      });
    });
    const request = (n: number) => ({
      method: 'POST' as const,
      path: `/cases/${(n % 10_000) + 1}/events`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const url = `http://127.0.0.1:${port}`;
    await load(url, { duration: 1 }, request); // warm-up: JIT, pool, prepared statements
    const cpuBefore = processCpuMs(child.pid!);
    const run = await load(url, { duration: seconds }, request);
    const cpuAfter = processCpuMs(child.pid!);
    return {
      requestsPerSecond: run['2xx'] / run.duration,
      p99Ms: run.latency.p99,
      cpuMsPerRequest:
        cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / Math.max(1, run['2xx']),
    };
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
  }
}
