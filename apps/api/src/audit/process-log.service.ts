import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { headerSql, LOG_HASH_VERSION, logHashSql } from '../../../../libs/domain/src/index.js';
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
 * The CTEs that append one entry to the hash-chained process log, for the caller to put in
 * its own statement (`WITH <its CTEs>, <these> SELECT …`): `log_h` moves the head row on,
 * computing the new hash in the database from the old one; `log_e` inserts the entry;
 * `log_o` queues the notification. The head row is the one lock every change shares, so it is
 * taken inside the transaction's last statement and held only until COMMIT.
 * Values are appended to `params`; `condition` (SQL) lets the caller append only if its own
 * update happened.
 */
export function logAppendCtes(e: LogAppend, params: unknown[], condition = 'TRUE'): string {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const payload = withoutPersonalData(e.payload) as Record<string, unknown>;
  // Residents appear by their pseudonymous id only; officials act in a public capacity.
  const actorName = e.role === 'resident' ? null : e.actor.name;
  const at = p(new Date().toISOString());
  const caseId = p(e.caseId);
  const caseReference = p(e.caseReference);
  const areaCode = p(e.areaCode);
  const event = p(e.event);
  const fromState = p(e.fromState);
  const toState = p(e.toState);
  const actorId = p(e.actor.id);
  const role = p(e.role);
  const name = p(actorName);
  const payloadJson = p(JSON.stringify(payload));
  // Every column the entry stores is in its hash (rule LOG_HASH_VERSION), and the entry names that rule.
  const header = headerSql(
    {
      seq: 'seq + 1',
      at: `${at}::text`,
      caseId: `${caseId}::text`,
      caseReference: `${caseReference}::text`,
      areaCode: `${areaCode}::text`,
      event: `${event}::text`,
      fromState: `${fromState}::text`,
      toState: `${toState}::text`,
      actorId: `${actorId}::text`,
      actorRole: `${role}::text`,
      actorName: `${name}::text`,
    },
    LOG_HASH_VERSION,
  );
  let ctes = `log_h AS (
      UPDATE log_head SET seq = seq + 1, prev_hash = hash, hash = ${logHashSql('hash', header, `${payloadJson}::text`)}
      WHERE id = 1 AND (${condition})
      RETURNING seq, prev_hash, hash),
    log_e AS (
      INSERT INTO process_log (seq, at, case_id, case_reference, area_code, event, from_state, to_state,
                               actor_id, actor_role, actor_name, payload, prev_hash, hash, hash_version)
      SELECT log_h.seq, ${at}::timestamptz, ${caseId}::uuid, ${caseReference}::text, ${areaCode}::text,
             ${event}::text, ${fromState}::text, ${toState}::text, ${actorId}::text, ${role}::text,
             ${name}::text, ${payloadJson}::jsonb, log_h.prev_hash, log_h.hash, ${LOG_HASH_VERSION}
      FROM log_h
      RETURNING seq, hash)`;
  if (e.notify) {
    ctes += `,
    log_o AS (
      INSERT INTO outbox (topic, payload)
      SELECT ${p(e.notify.topic)}::text, ${p(JSON.stringify(withoutPersonalData(e.notify.payload)))}::jsonb FROM log_h)`;
  }
  return ctes;
}

/** Appends one entry inside the caller's transaction, as the transaction's last statement. */
@Injectable()
export class ProcessLogService {
  async append(m: EntityManager, e: LogAppend): Promise<LogHead> {
    const params: unknown[] = [];
    const [written] = await sql<LogHead>(
      m,
      `WITH ${logAppendCtes(e, params)} SELECT seq, hash FROM log_e`,
      params,
    );
    return { seq: Number(written.seq), hash: written.hash };
  }
}
