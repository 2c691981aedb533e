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
 * The same hash in SQL: `prev`, `header` and `payload` are SQL expressions for the previous
 * hash, the header text (headerSql) and the payload as JSON text. Must stay equal to
 * hashOfTexts; an e2e property test proves the two agree on both databases.
 */
export function logHashSql(prev: string, header: string, payload: string): string {
  return `encode(sha256(convert_to(${prev} || E'\\n' || ${header} || (${payload}::jsonb)::text, 'UTF8')), 'hex')`;
}

/** SQL expressions (parameters or columns) for the header fields. */
export interface HeaderSqlParts {
  seq: string;
  at: string;
  caseId: string;
  event: string;
  fromState: string;
  toState: string;
  actorId: string;
  actorRole: string;
}

/** headerText in SQL: the same JSON array, built from SQL expressions (to_json escapes as JSON.stringify does). */
export function headerSql(p: HeaderSqlParts): string {
  const str = (x: string) => `COALESCE(to_json((${x})::text)::text, 'null')`;
  return [
    `'[' || (${p.seq})::text`,
    str(p.at),
    str(p.caseId),
    str(p.event),
    str(p.fromState),
    str(p.toState),
    str(p.actorId),
    `${str(p.actorRole)} || ']'`,
  ].join(` || ',' || `);
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

/**
 * The text PostgreSQL gives for a jsonb value (`payload::text`): object keys ordered by byte
 * length, then bytewise; `", "` and `": "` as separators. The database computes entry hashes
 * from this text, so verify and any outside auditor can recompute them from `payload::text`
 * without re-serializing JSON. Numbers must be safe integers: jsonb prints other numbers in a
 * notation JavaScript does not reproduce, and the log holds none.
 */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('jsonbText supports safe integers only');
    return String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .map((k) => ({ k, bytes: Buffer.from(k, 'utf8') }))
    .sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes));
  return `{${keys.map(({ k }) => `${JSON.stringify(k)}: ${jsonbText(object[k])}`).join(', ')}}`;
}

/** The entry's fields other than the payload, as one unambiguous JSON array. */
export function headerText(e: Omit<HashedEntry, 'payload'>): string {
  return JSON.stringify([e.seq, e.at, e.caseId, e.event, e.fromState, e.toState, e.actorId, e.actorRole]);
}

/**
 * SHA-256 (hex) of `prevHash + "\n" + headerText + payloadText`, where payloadText is the
 * payload as PostgreSQL prints jsonb. The application has the database compute it on insert
 * (see LOG_HASH_SQL); verify recomputes it here from what it reads.
 */
export function hashOfTexts(prevHash: string, header: string, payloadText: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(header).update(payloadText).digest('hex');
}

/** The hash of an entry given as values (tests, seeding tools). */
export function entryHash(prevHash: string, entry: HashedEntry): string {
  return hashOfTexts(prevHash, headerText(entry), jsonbText(entry.payload));
}
