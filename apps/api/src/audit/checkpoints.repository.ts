import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockForTransaction } from '../database/advisory-lock.js';
import { query } from '../database/sql.js';
import type { LogHead } from './process-log.repository.js';

export type CheckpointKind = 'report' | 'periodic';

/** A published checkpoint of the log's head. */
export interface Checkpoint {
  seq: number;
  hash: string;
  kind: CheckpointKind;
  createdAt: string;
  note: string;
}

/** A log_checkpoints row. */
interface CheckpointRow {
  seq: string | number;
  hash: string;
  kind: CheckpointKind;
  created_at: Date | string;
  note: string;
}

const CHECKPOINT_COLUMNS = 'seq, hash, kind, created_at, note';

function toCheckpoint(r: CheckpointRow): Checkpoint {
  return {
    seq: Number(r.seq),
    hash: r.hash,
    kind: r.kind,
    createdAt: new Date(r.created_at).toISOString(),
    note: r.note,
  };
}

/**
 * Key of the transaction-scoped advisory lock under which a process decides whether the
 * periodic checkpoint is due and makes it: a second process waits, then finds it made.
 * Arbitrary but fixed: the ASCII of "WFCHKPNT" as a bigint.
 */
const CHECKPOINT_LOCK_KEY = '6288787907449736788';

/** The signed checkpoints of the log (log_checkpoints; the database refuses to change them, WF004). */
@Injectable()
export class CheckpointsRepository {
  /** Records a checkpoint of `head`; nothing if one of that seq exists. */
  async insert(m: EntityManager, head: LogHead, kind: CheckpointKind, note: string): Promise<void> {
    await query(
      m,
      `INSERT INTO log_checkpoints (seq, hash, kind, note) VALUES (:seq, :hash, :kind, :note)
       ON CONFLICT (seq) DO NOTHING`,
      { seq: head.seq, hash: head.hash, kind, note },
    );
  }

  /** Makes the caller's transaction the only one deciding on a periodic checkpoint until it ends. */
  lockPeriodic(m: EntityManager): Promise<void> {
    return lockForTransaction(m, CHECKPOINT_LOCK_KEY);
  }

  /**
   * The head, if a periodic checkpoint of it is due: it moved past the newest checkpoint, and
   * none was made in the last `dueAfterMs`. Run under lockPeriodic: a statement after the lock
   * sees what a process that held it before committed.
   */
  async headIfDue(m: EntityManager, dueAfterMs: number): Promise<LogHead | null> {
    const [state] = await query<{ seq: string; hash: string; due: boolean }>(
      m,
      `SELECT h.seq, h.hash,
              h.seq > COALESCE((SELECT MAX(seq) FROM log_checkpoints), 0)
              AND NOT EXISTS (SELECT 1 FROM log_checkpoints
                              WHERE created_at > clock_timestamp() - :dueAfterMs::float8 * interval '1 millisecond') AS due
       FROM log_head h WHERE h.id = 1`,
      { dueAfterMs },
    );
    return state && state.due ? { seq: Number(state.seq), hash: state.hash } : null;
  }

  async insertPeriodic(m: EntityManager, head: LogHead, note: string): Promise<Checkpoint> {
    const [row] = await query<CheckpointRow>(
      m,
      `INSERT INTO log_checkpoints (seq, hash, kind, note) VALUES (:seq, :hash, 'periodic', :note)
       RETURNING ${CHECKPOINT_COLUMNS}`,
      { seq: head.seq, hash: head.hash, note },
    );
    return toCheckpoint(row);
  }

  async latest(m: EntityManager): Promise<Checkpoint | null> {
    const [row] = await query<CheckpointRow>(
      m,
      `SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints ORDER BY seq DESC LIMIT 1`,
    );
    return row ? toCheckpoint(row) : null;
  }

  /** Checkpoints after `afterSeq`, oldest first, `limit` + 1 at most (the one more tells there are more). */
  async after(m: EntityManager, afterSeq: number, limit: number): Promise<Checkpoint[]> {
    const rows = await query<CheckpointRow>(
      m,
      `SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints WHERE seq > :afterSeq ORDER BY seq LIMIT :limit`,
      { afterSeq, limit: limit + 1 },
    );
    return rows.map(toCheckpoint);
  }

  /** Every checkpoint's head, by seq. */
  async heads(m: EntityManager): Promise<LogHead[]> {
    const rows = await query<LogHead>(m, `SELECT seq, hash FROM log_checkpoints ORDER BY seq`);
    return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
  }
}
