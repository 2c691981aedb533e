import { createHash } from 'node:crypto';

/** The hash that precedes the first entry of the process log. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a process-log entry that its hash covers. */
export interface HashedEntry {
  seq: number;
  at: string; // ISO 8601, UTC, millisecond precision
  caseId: string | null;
  event: string;
  fromState: string | null;
  toState: string | null;
  actorId: string;
  actorRole: string;
  payload: unknown;
}

/**
 * A canonical JSON serialization: object keys sorted, no whitespace, undefined members
 * dropped. Two equal values always serialize to the same bytes, whatever order the keys
 * were written in or came back from jsonb.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  }
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 (hex) over the previous hash and the canonical form of the entry. */
export function entryHash(prevHash: string, entry: HashedEntry): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    caseId: entry.caseId,
    event: entry.event,
    fromState: entry.fromState,
    toState: entry.toState,
    actor: { id: entry.actorId, role: entry.actorRole },
    payload: entry.payload,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
