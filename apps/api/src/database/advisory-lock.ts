import type { EntityManager } from 'typeorm';
import { query } from './sql.js';

/**
 * Takes the transaction-scoped advisory lock `key` (a bigint, as text) in the caller's
 * transaction, waiting while another transaction holds it; the commit or rollback releases
 * it. Each repository that serialises work across processes owns its key.
 */
export async function lockForTransaction(m: EntityManager, key: string): Promise<void> {
  await query(m, `SELECT pg_advisory_xact_lock(:key::bigint)`, { key });
}
