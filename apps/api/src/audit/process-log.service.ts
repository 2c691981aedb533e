import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { headerText, logHashSql } from '../../../../libs/domain/src/index.js';
import type { Role } from '../../../../libs/workflows/src/index.js';
import type { Actor } from '../auth/actor.js';
import { sql } from '../database/sql.js';

/** Keys that hold contact data: never written to the log, whatever sent them. */
const PERSONAL_KEYS = new Set(['contactEmail', 'email', 'bsn', 'phone', 'telephone']);

export function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => !PERSONAL_KEYS.has(k) && v !== undefined)
      .map(([k, v]) => [k, withoutPersonalData(v)]),
  );
}

export interface LogAppend {
  caseId: string | null;
  caseReference: string | null;
  areaCode: string | null;
  event: string;
  fromState: string | null;
  toState: string | null;
  actor: Actor;
  /** The role the actor acted in (an actor may hold several). */
  role: Role;
  payload: Record<string, unknown>;
  /** A notification to deliver after commit (see OutboxService), written in the same statement. */
  notify?: { topic: string; payload: Record<string, unknown> };
}

export interface LogHead {
  seq: number;
  hash: string;
}

/**
 * Appends to the hash-chained process log inside the caller's transaction.
 * The chain head is one row: taking it is the last thing a transaction does, so the lock
 * that serializes appends is held only for the final round trips before COMMIT.
 */
/** Takes the next seq and the previous hash; locks the head row until COMMIT. */
export const RESERVE_LOG_HEAD = `UPDATE log_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`;

@Injectable()
export class ProcessLogService {
  async append(m: EntityManager, e: LogAppend): Promise<LogHead> {
    const [head] = await sql<{ seq: number; hash: string }>(m, RESERVE_LOG_HEAD);
    return this.appendReserved(m, e, { seq: Number(head.seq), hash: head.hash });
  }

  /**
   * Writes the entry for a head the caller already reserved with RESERVE_LOG_HEAD inside its
   * own statement (saves a round trip on the hot path). `reserved.seq` is the new entry's seq,
   * `reserved.hash` the previous entry's hash.
   */
  async appendReserved(m: EntityManager, e: LogAppend, reserved: LogHead): Promise<LogHead> {
    const head = reserved;
    const seq = Number(head.seq);
    const at = new Date().toISOString();
    const payload = withoutPersonalData(e.payload) as Record<string, unknown>;
    // Residents appear by their pseudonymous id only; officials act in a public capacity.
    const actorName = e.role === 'resident' ? null : e.actor.name;
    const header = headerText({
      seq,
      at,
      caseId: e.caseId,
      event: e.event,
      fromState: e.fromState,
      toState: e.toState,
      actorId: e.actor.id,
      actorRole: e.role,
    });
    const params: unknown[] = [
      seq,
      at,
      e.caseId,
      e.caseReference,
      e.areaCode,
      e.event,
      e.fromState,
      e.toState,
      e.actor.id,
      e.role,
      actorName,
      JSON.stringify(payload),
      head.hash,
      header,
    ];
    let outbox = '';
    if (e.notify) {
      params.push(e.notify.topic, JSON.stringify(withoutPersonalData(e.notify.payload)));
      outbox = `, o AS (INSERT INTO outbox (topic, payload) VALUES ($15, $16::jsonb))`;
    }
    // The database hashes the payload as it stores it (jsonb text), in the same statement.
    const [written] = await sql<{ hash: string }>(
      m,
      `WITH e AS (
         INSERT INTO process_log (seq, at, case_id, case_reference, area_code, event, from_state, to_state,
                                  actor_id, actor_role, actor_name, payload, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13,
                 ${logHashSql('$13::text', '$14::text', '$12::text')})
         RETURNING hash)${outbox}
       UPDATE log_head SET hash = (SELECT hash FROM e) WHERE id = 1 RETURNING hash`,
      params,
    );
    const hash = written.hash;
    return { seq, hash };
  }
}
