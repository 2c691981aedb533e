import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { headerSql, LOG_HASH_VERSION, logHashSql } from '../../../../libs/domain/src/index.js';
import type { Role } from '../../../../libs/workflows/src/index.js';
import type { Actor } from '../auth/actor.js';
import { prepared, query } from '../database/sql.js';
import {
  notificationCte,
  notificationParams,
  type QueuedNotification,
} from '../notifications/outbox.repository.js';
import { type HashedLogRow, LOG_COLUMNS, type LogRow } from './log-row.js';

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
  /** A notification to deliver after commit (see OutboxRelay), queued in the same statement. */
  notify?: QueuedNotification;
}

export interface LogHead {
  seq: number;
  hash: string;
}

/**
 * Every column the entry stores is in its hash (rule LOG_HASH_VERSION), and the entry names that
 * rule. The case reference is a value (`:logCaseReference`) unless the statement makes it.
 */
function header(caseReference: string): string {
  return headerSql(
    {
      seq: 'seq + 1',
      at: ':logAt::text',
      caseId: ':logCaseId::text',
      caseReference,
      areaCode: ':logAreaCode::text',
      event: ':logEvent::text',
      fromState: ':logFromState::text',
      toState: ':logToState::text',
      actorId: ':logActorId::text',
      actorRole: ':logActorRole::text',
      actorName: ':logActorName::text',
    },
    LOG_HASH_VERSION,
  );
}

const CASE_REFERENCE_VALUE = ':logCaseReference::text';

/**
 * The CTEs that append one entry to the hash-chained process log, for the caller to put in
 * its own statement (`WITH <its CTEs>, <these> SELECT …`): `log_h` moves the head row on,
 * computing the new hash in the database from the old one; `log_e` inserts the entry;
 * `log_o` (with `notify`) queues the notification. The head row is the one lock every change
 * shares, so it is taken inside the transaction's last statement and held only until COMMIT.
 * `condition` (SQL) lets the caller append only if its own update happened; `caseReference`
 * (SQL) is the case reference when the caller's statement makes it (a submission numbers its
 * case), and `notifyAdds` adds to the notification's payload (see notificationCte). The text
 * depends on the shape only, and its values (`:log…`, `:notify…`) come from logAppendParams
 * (without `logCaseReference` when the statement makes it).
 */
export function logAppendCtes(shape: {
  notify: boolean;
  condition?: string;
  caseReference?: string;
  notifyAdds?: string;
}): string {
  const caseReference = shape.caseReference ?? CASE_REFERENCE_VALUE;
  const ctes = `log_h AS (
      UPDATE log_head SET seq = seq + 1, prev_hash = hash, hash = ${logHashSql('hash', header(caseReference), ':logPayload::text')}
      WHERE id = 1 AND (${shape.condition ?? 'TRUE'})
      RETURNING seq, prev_hash, hash),
    log_e AS (
      INSERT INTO process_log (seq, at, case_id, case_reference, area_code, event, from_state, to_state,
                               actor_id, actor_role, actor_name, payload, prev_hash, hash, hash_version)
      SELECT log_h.seq, :logAt::timestamptz, :logCaseId::uuid, ${caseReference}, :logAreaCode::text,
             :logEvent::text, :logFromState::text, :logToState::text, :logActorId::text, :logActorRole::text,
             :logActorName::text, :logPayload::jsonb, log_h.prev_hash, log_h.hash, ${LOG_HASH_VERSION}
      FROM log_h
      RETURNING seq, hash)`;
  return shape.notify ? `${ctes},\n    ${notificationCte('log_o', 'log_h', shape.notifyAdds)}` : ctes;
}

/** The values of logAppendCtes for one entry; `at` is now. Personal data is dropped here. */
export function logAppendParams(e: LogAppend): Record<string, unknown> {
  return {
    logAt: new Date().toISOString(),
    logCaseId: e.caseId,
    logCaseReference: e.caseReference,
    logAreaCode: e.areaCode,
    logEvent: e.event,
    logFromState: e.fromState,
    logToState: e.toState,
    logActorId: e.actor.id,
    logActorRole: e.role,
    // Residents appear by their pseudonymous id only; officials act in a public capacity.
    logActorName: e.role === 'resident' ? null : e.actor.name,
    logPayload: JSON.stringify(withoutPersonalData(e.payload)),
    ...(e.notify
      ? notificationParams({
          topic: e.notify.topic,
          payload: withoutPersonalData(e.notify.payload) as Record<string, unknown>,
        })
      : {}),
  };
}

/** What an audit-trail page is restricted to; every member given narrows it. */
export interface LogFilter {
  /** Entries after this seq (the cursor). */
  afterSeq?: number;
  caseId?: string;
  actorId?: string;
  event?: string;
  areaCode?: string;
  /** Entries at or after this moment (ISO 8601). */
  from?: string;
  /** Entries before this moment (ISO 8601). */
  to?: string;
  limit: number;
}

/** The clauses of LogFilter, each with its one named value. */
const LOG_FILTERS: { [K in Exclude<keyof LogFilter, 'limit'>]: string } = {
  afterSeq: 'seq > :afterSeq',
  caseId: 'case_id = :caseId',
  actorId: 'actor_id = :actorId',
  event: 'event = :event',
  areaCode: 'area_code = :areaCode',
  from: 'at >= :from::timestamptz',
  to: 'at < :to::timestamptz',
};

/** `at` exactly as hashed: ISO 8601 in UTC with milliseconds, as JavaScript's toISOString() writes it. */
const AT_TEXT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const APPEND = `WITH ${logAppendCtes({ notify: false })} SELECT seq, hash FROM log_e`;
const APPEND_NOTIFYING = `WITH ${logAppendCtes({ notify: true })} SELECT seq, hash FROM log_e`;

/** The process log (docs/adr/0002-hash-chain-in-the-database.md): appends, and the reads of it. */
@Injectable()
export class ProcessLogRepository {
  /** Appends one entry inside the caller's transaction, as the transaction's last statement. */
  async append(m: EntityManager, e: LogAppend): Promise<LogHead> {
    const [written] = await prepared<LogHead>(m, e.notify ? APPEND_NOTIFYING : APPEND, logAppendParams(e));
    return { seq: Number(written.seq), hash: written.hash };
  }

  /** A case's entries, in order. */
  forCase(m: EntityManager, caseId: string): Promise<LogRow[]> {
    return query<LogRow>(m, `SELECT ${LOG_COLUMNS} FROM process_log WHERE case_id = :caseId ORDER BY seq`, {
      caseId,
    });
  }

  /** Entries in seq order, `limit` + 1 at most (the one more tells there is a next page). */
  page(m: EntityManager, f: LogFilter): Promise<LogRow[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: f.limit + 1 };
    for (const key of Object.keys(LOG_FILTERS) as (keyof typeof LOG_FILTERS)[]) {
      if (f[key] === undefined) continue;
      where.push(LOG_FILTERS[key]);
      params[key] = f[key];
    }
    return query<LogRow>(
      m,
      `SELECT ${LOG_COLUMNS} FROM process_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY seq LIMIT :limit`,
      params,
    );
  }

  /** The head: the last entry's seq and hash as the head row records them (none before the migrations). */
  async head(m: EntityManager): Promise<LogHead | undefined> {
    const [head] = await query<LogHead>(m, `SELECT seq, hash FROM log_head WHERE id = 1`);
    return head && { seq: Number(head.seq), hash: head.hash };
  }

  /**
   * The entries with fromSeq <= seq < untilSeq for verify, named as the hash format names
   * them, with `at` and `payload` as the texts their hash covers. A seq range rather than a
   * LIMIT: the query touches one page of the index whatever the planner thinks.
   */
  hashedRange(m: EntityManager, fromSeq: number, untilSeq: number): Promise<HashedLogRow[]> {
    return query<HashedLogRow>(
      m,
      `SELECT seq, ${AT_TEXT} AS at, case_id AS "caseId", case_reference AS "caseReference",
              area_code AS "areaCode", event, from_state AS "fromState", to_state AS "toState",
              actor_id AS "actorId", actor_role AS "actorRole", actor_name AS "actorName",
              payload::text AS payload, prev_hash AS "prevHash", hash, hash_version AS "hashVersion"
       FROM process_log WHERE seq >= :fromSeq AND seq < :untilSeq ORDER BY seq`,
      { fromSeq, untilSeq },
    );
  }

  /** The first seq with afterSeq < seq <= upToSeq, or null when there is none. */
  async firstSeqBetween(m: EntityManager, afterSeq: number, upToSeq: number): Promise<number | null> {
    const [row] = await query<{ seq: number | null }>(
      m,
      `SELECT MIN(seq) AS seq FROM process_log WHERE seq > :afterSeq AND seq <= :upToSeq`,
      { afterSeq, upToSeq },
    );
    return row?.seq == null ? null : Number(row.seq);
  }

  /**
   * The first entry beyond the head row, or null. Honest appends move the head in the same
   * transaction, so in one snapshot no entry lies beyond it.
   */
  async firstSeqBeyondHead(m: EntityManager): Promise<number | null> {
    const [row] = await query<{ seq: number | null }>(
      m,
      `SELECT (SELECT MIN(seq) FROM process_log WHERE seq > h.seq) AS seq FROM log_head h WHERE id = 1`,
    );
    return row?.seq == null ? null : Number(row.seq);
  }

  /**
   * Which of these cases left one of `states` for a state outside them (for a report: the
   * cases the council decided after a referral, read from the states tagged so).
   */
  async casesThatLeft(m: EntityManager, caseIds: string[], states: readonly string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const rows = await query<{ case_id: string }>(
      m,
      `SELECT DISTINCT case_id FROM process_log
       WHERE case_id = ANY(:caseIds::uuid[]) AND from_state = ANY(:states::text[])
         AND NOT (to_state = ANY(:states::text[]))`,
      { caseIds, states },
    );
    return new Set(rows.map((r) => r.case_id));
  }

  /** Which of these cases have an entry with one of these events. */
  async casesWithEvent(m: EntityManager, caseIds: string[], events: string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const rows = await query<{ case_id: string }>(
      m,
      `SELECT DISTINCT case_id FROM process_log WHERE case_id = ANY(:caseIds::uuid[]) AND event = ANY(:events::text[])`,
      { caseIds, events },
    );
    return new Set(rows.map((r) => r.case_id));
  }
}
