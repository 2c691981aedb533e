// The process log from a test's side: verify it as the council does, read its head, and change
// it behind the application's back as only a database administrator could.
import type { EntityManager } from 'typeorm';
import { Database } from '../../apps/api/src/database/database.service.js';
import { bearer } from './actors.js';
import type { TestApp } from './test-app.js';

export interface Verdict {
  valid: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  firstInvalidSeq?: number;
  reason?: string;
  anchorsChecked: number;
  checkpointsChecked: number;
}

/** GET /audit/verify as `token` (the council); 200 or it throws. */
export async function verifyLog(t: TestApp, token: string): Promise<Verdict> {
  return (await t.http.get('/api/v1/audit/verify').set(bearer(token)).expect(200)).body;
}

/** The log's head as the database holds it. */
export async function logHead(t: TestApp): Promise<{ seq: number; hash: string }> {
  const [head] = (await t.app.get(Database).read((m) => m.query(`SELECT seq, hash FROM log_head`))) as {
    seq: string;
    hash: string;
  }[];
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Runs `work` in one transaction with the triggers off (session_replication_role = replica):
 * the append-only guards bypassed, as a DBA could.
 */
export function tamper(t: TestApp, work: (m: EntityManager) => Promise<unknown>): Promise<void> {
  return t.app.get(Database).transaction(async (m) => {
    await m.query(`SET LOCAL session_replication_role = replica`);
    await work(m);
  });
}
