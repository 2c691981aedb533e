import { spawn } from 'node:child_process';
import path from 'node:path';
import { load } from './load.js';

/**
 * Runs bench/bare-server.ts as a child process and loads it like the API: POST
 * /cases/{id}/events at the same concurrency. What it reaches is what this machine allows an
 * HTTP transition of two round trips before any framework, validation, authentication,
 * workflow or hash chain: the distance to the API's figure is the price of those.
 */
export async function runBareFloor(
  root: string,
  databaseUrl: string,
  body: string,
  seconds: number,
): Promise<{ requestsPerSecond: number; p99Ms: number }> {
  const child = spawn(process.execPath, [path.join(root, 'dist/bench/bare-server.js')], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        const m = /listening (\d+)/.exec(chunk.toString());
        if (m) resolve(Number(m[1]));
      });
    });
    const run = await load(`http://127.0.0.1:${port}`, { duration: seconds }, (n) => ({
      method: 'POST',
      path: `/cases/${(n % 10_000) + 1}/events`,
      headers: { 'content-type': 'application/json' },
      body,
    }));
    return { requestsPerSecond: run['2xx'] / run.duration, p99Ms: run.latency.p99 };
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
  }
}
