import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/**
 * The reference floor: bench/reference/reference-transition.sql (a copy of the shared
 * reference, not to be weakened) run with pgbench at the same concurrency as the HTTP load,
 * on the same server. Without pgbench, the same statements go through `pg`, one round trip
 * each, as pgbench sends them.
 */

export interface ReferenceResult {
  tool: 'pgbench' | 'pg';
  tps: number;
  /** Transactions done in the run. */
  transactions: number;
}

/** The application name the reference's connections have, to tell their backends apart. */
export const REFERENCE_APPLICATION = 'pgbench';

function findPgbench(): string | null {
  const which = spawnSync('which', ['pgbench'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  for (const version of readdirSync(base).sort().reverse()) {
    const candidate = `${base}/${version}/bin/pgbench`;
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export async function createReferenceSchema(url: string, schemaFile: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(readFileSync(schemaFile, 'utf8'));
    await client.query('VACUUM ANALYZE ref_cases');
  } finally {
    await client.end();
  }
}

export async function runReference(
  url: string,
  scriptFile: string,
  clients: number,
  seconds: number,
): Promise<ReferenceResult> {
  const pgbench = findPgbench();
  if (pgbench) {
    // Asynchronously: a blocked event loop would let the API's keep-alive sockets go stale.
    const { stdout: out } = await promisify(execFile)(
      pgbench,
      ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', scriptFile, url],
      { encoding: 'utf8' },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
    if (!tps) throw new Error(`could not read the tps from pgbench:\n${out}`);
    const done = /number of transactions actually processed: (\d+)/.exec(out);
    return {
      tool: 'pgbench',
      tps: Number(tps[1]),
      transactions: done ? Number(done[1]) : Number(tps[1]) * seconds,
    };
  }
  const tps = await runThroughPg(url, scriptFile, clients, seconds);
  return { tool: 'pg', tps, transactions: tps * seconds };
}

interface Script {
  sets: { name: string; min: number; max: number }[];
  statements: string[];
}

/** Reads the pgbench script: `\set x random(a, b)` lines and ;-terminated statements using :x. */
export function parseScript(text: string): Script {
  const sets: Script['sets'] = [];
  const statements: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/--.*$/, '').trim();
    if (!line) continue;
    const set = /^\\set\s+(\w+)\s+random\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(line);
    if (set) {
      sets.push({ name: set[1], min: Number(set[2]), max: Number(set[3]) });
      continue;
    }
    if (line.startsWith('\\')) throw new Error(`unsupported pgbench meta-command: ${line}`);
    current += (current ? ' ' : '') + line;
    if (line.endsWith(';')) {
      statements.push(current.slice(0, -1));
      current = '';
    }
  }
  return { sets, statements };
}

async function runThroughPg(
  url: string,
  scriptFile: string,
  clients: number,
  seconds: number,
): Promise<number> {
  const script = parseScript(readFileSync(scriptFile, 'utf8'));
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const client = async () => {
    const c = new pg.Client({ connectionString: url, application_name: REFERENCE_APPLICATION });
    await c.connect();
    try {
      while (Date.now() < deadline) {
        const vars = Object.fromEntries(
          script.sets.map((s) => [s.name, String(s.min + Math.floor(Math.random() * (s.max - s.min + 1)))]),
        );
        for (const statement of script.statements) {
          await c.query(statement.replace(/:(\w+)/g, (m, name: string) => vars[name] ?? m));
        }
        done++;
      }
    } finally {
      await c.end();
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, client));
  return done / ((Date.now() - started) / 1000);
}
