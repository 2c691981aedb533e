import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { processCpuMs } from './proc.js';

/**
 * PostgreSQL's CPU for one kind of client, from /proc/<pid>/stat of its backends (the server
 * must run on this machine). pg_stat_statements would give statement times, but it counts
 * only when loaded through shared_preload_libraries, a server restart this benchmark may not
 * do; `statementStats` says whether it is. Backends are found in pg_stat_activity by database
 * (and application name) every 200 ms: a backend that ends between two looks loses at most
 * its last 200 ms (pgbench's, at the end of its run); the bench's own connection is left out.
 * The server's shared processes (WAL writer, checkpointer) are not counted.
 */
export interface ServerCpuSampler {
  /** CPU ms the matching backends used since the sampler started; null where /proc cannot tell. */
  stop(): Promise<number | null>;
}

const EVERY_MS = 200;

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
}

export async function sampleServerCpu(
  db: pg.Client,
  match: { database: string; applicationName?: string },
): Promise<ServerCpuSampler> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let readable = true;
  const look = async (initial: boolean) => {
    const { rows } = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = $1 AND ($2::text IS NULL OR application_name = $2) AND pid <> pg_backend_pid()`,
      [match.database, match.applicationName ?? null],
    );
    for (const { pid } of rows) {
      const cpu = isPostgres(pid) ? processCpuMs(pid) : null;
      if (cpu === null) {
        readable = false;
        continue;
      }
      // A backend that starts during the run counts from 0.
      if (!first.has(pid)) first.set(pid, initial ? cpu : 0);
      last.set(pid, cpu);
    }
  };
  await look(true);
  let looking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    looking = looking.then(() => look(false)).catch(() => undefined);
  }, EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await looking;
      await look(false).catch(() => undefined);
      if (!readable) return null;
      let total = 0;
      for (const [pid, cpu] of last) total += cpu - (first.get(pid) ?? 0);
      return total;
    },
  };
}

/** Whether pg_stat_statements answers on this server (CREATE EXTENSION works; it counts only when preloaded). */
export async function statementStats(db: pg.Client): Promise<'available' | string> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
    return 'available';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
