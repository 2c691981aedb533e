import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockForTransaction } from '../database/advisory-lock.js';
import { query } from '../database/sql.js';
import type { Notification, NotificationTopic } from './notifier.js';

/** An outbox row as a claim returns it. */
export interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown> | string;
  occurred_at: string;
  attempts: number;
}

export type OutboxResult = 'delivered' | 'retry' | 'given_up' | 'released';

/** What became of one claimed row, and when it is due again. */
export interface OutboxOutcome {
  id: string;
  result: OutboxResult;
  delayMs: number;
}

/** A notification to queue with a change (see notificationCte). */
export interface QueuedNotification {
  topic: NotificationTopic;
  /** Without personal data: the caller strips it. */
  payload: Record<string, unknown>;
}

/** Key of the advisory lock that makes claims one at a time across processes (see OutboxRelay.claim). */
const CLAIM_LOCK_KEY = '7309462115437016671';

/**
 * The CTE `name` that queues one notification for each row of `source` (the log entry written
 * by the same statement, so nothing is queued for a change that did not happen). Its values
 * are `:notifyTopic` and `:notifyPayload` (notificationParams); `addedSql`, a jsonb expression,
 * adds what only the statement itself knows (a decision's number).
 */
export function notificationCte(name: string, source: string, addedSql?: string): string {
  const payload = addedSql ? `:notifyPayload::jsonb || ${addedSql}` : ':notifyPayload::jsonb';
  return `${name} AS (
      INSERT INTO outbox (topic, payload)
      SELECT :notifyTopic::text, ${payload} FROM ${source})`;
}

export function notificationParams(n: QueuedNotification): Record<string, unknown> {
  return { notifyTopic: n.topic, notifyPayload: JSON.stringify(n.payload) };
}

/**
 * Claims due notifications under FOR UPDATE SKIP LOCKED: a second process waits for the claim
 * and then skips the claimed rows, whose lease makes them not due. One notification per case
 * at a time and in order: a row waits while its case has an earlier one pending that is not
 * due (claimed elsewhere or waiting for a retry).
 */
const CLAIM = `
  WITH due AS (
    SELECT o.id FROM outbox o
    WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now()
      AND NOT EXISTS (
        SELECT 1 FROM outbox e
        WHERE e.payload->>'caseId' = o.payload->>'caseId' AND e.id < o.id
          AND e.delivered_at IS NULL AND e.failed_at IS NULL AND e.next_attempt_at > now())
    ORDER BY o.id
    LIMIT :limit
    FOR UPDATE OF o SKIP LOCKED)
  UPDATE outbox SET next_attempt_at = clock_timestamp() + :leaseMs::float8 * interval '1 millisecond'
  FROM due WHERE outbox.id = due.id
  RETURNING outbox.id, outbox.topic, outbox.payload, outbox.attempts,
    to_char(outbox.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at`;

/** Writes what became of each row of a batch, in one statement. */
const RECORD = `
  UPDATE outbox o SET
    delivered_at = CASE WHEN r.result = 'delivered' THEN now() END,
    failed_at = CASE WHEN r.result = 'given_up' THEN now() END,
    attempts = o.attempts + CASE WHEN r.result IN ('retry', 'given_up') THEN 1 ELSE 0 END,
    next_attempt_at = now() + r.delay_ms * interval '1 millisecond'
  FROM unnest(:ids::bigint[], :results::text[], :delays::float8[]) AS r(id, result, delay_ms)
  WHERE o.id = r.id AND o.delivered_at IS NULL AND o.failed_at IS NULL`;

/** The notifications waiting for delivery (docs/adr/0004-in-process-outbox-relay.md). */
@Injectable()
export class OutboxRepository {
  /**
   * Claims up to `limit` due rows for `leaseMs`, oldest first, in the caller's transaction.
   * Claims are one at a time across processes: two claims that ran together could each take a
   * different notification of one case (SKIP LOCKED skips the other's uncommitted claim) and
   * deliver them out of order. The lock is held until the caller's (short) transaction ends.
   */
  async claim(m: EntityManager, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    await lockForTransaction(m, CLAIM_LOCK_KEY);
    const rows = await query<OutboxRow>(m, CLAIM, { limit, leaseMs });
    // RETURNING keeps no order.
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  async record(m: EntityManager, outcomes: OutboxOutcome[]): Promise<void> {
    await query(m, RECORD, {
      ids: outcomes.map((o) => o.id),
      results: outcomes.map((o) => o.result),
      delays: outcomes.map((o) => o.delayMs),
    });
  }

  /** Deletes delivered notifications older than 30 days; returns how many. */
  async deleteDelivered(m: EntityManager): Promise<number> {
    const rows = await query(
      m,
      `DELETE FROM outbox WHERE delivered_at < now() - interval '30 days' RETURNING id`,
    );
    return rows.length;
  }
}

/** A claimed row as the notifier gets it. */
export function toNotification(row: OutboxRow): Notification {
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<
    string,
    unknown
  >;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const accountBy = text(payload.accountBy);
  return {
    id: String(row.id),
    topic: row.topic as NotificationTopic,
    occurredAt: row.occurred_at,
    caseId: text(payload.caseId),
    reference: text(payload.reference),
    toState: text(payload.toState),
    recipientId: text(payload.recipient),
    // Only the account reminders carry it.
    ...(accountBy === null ? {} : { accountBy }),
  };
}
