import type { HashedEntry } from '../../../../libs/domain/src/index.js';
import type { LogEntryView } from './audit.dto.js';

/** A process_log row as selected by LOG_COLUMNS. */
export interface LogRow {
  seq: number;
  at: Date;
  case_id: string | null;
  case_reference: string | null;
  area_code: string | null;
  event: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: string;
  actor_role: string;
  actor_name: string | null;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  hash_version: number;
}

/**
 * A row as verify reads it (ProcessLogRepository.hashedRange): its fields named as the hash
 * format names them (HashedEntry, libs/domain/src/log-hash.ts), so that headerText takes the
 * row as it is, and `at` and `payload` as the texts the hash covers, nothing parsed.
 */
export interface HashedLogRow extends Omit<HashedEntry, 'payload'> {
  payload: string;
  prevHash: string;
  hash: string;
  hashVersion: number;
}

export const LOG_COLUMNS = `seq, at, case_id, case_reference, area_code, event, from_state, to_state, actor_id,
  actor_role, actor_name, payload, prev_hash, hash, hash_version`;

export function toLogEntryView(r: LogRow): LogEntryView {
  const view: LogEntryView = {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    caseId: r.case_id,
    caseReference: r.case_reference,
    areaCode: r.area_code,
    event: r.event,
    fromState: r.from_state,
    toState: r.to_state,
    actor: { id: r.actor_id, role: r.actor_role, ...(r.actor_name ? { name: r.actor_name } : {}) },
    payload: r.payload,
    prevHash: r.prev_hash,
    hash: r.hash,
    hashVersion: Number(r.hash_version),
  };
  const reason = r.payload?.motivation ?? r.payload?.reason;
  if (typeof reason === 'string') view.motivation = reason;
  return view;
}
