import { createHash } from 'node:crypto';

/** The hash that precedes the first entry of the process log. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Which rule an entry's hash follows, stored beside it (`process_log.hash_version`):
 * 1 covers seq, time, case id, event, states, actor id and role, and the payload; 2 covers
 * every stored column (also the case reference, the area, the actor's name and the version
 * itself). Entries written under rule 1 keep their hash: the chain cannot be rewritten.
 */
export type HashVersion = 1 | 2;
/** The rule new entries are written under. */
export const LOG_HASH_VERSION = 2;
export const HASH_VERSIONS: readonly HashVersion[] = [1, 2];

/** The fields of a process-log entry that a version-1 hash covers. */
export interface HashedEntryV1 {
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

/** The fields of a process-log entry that its (version-2) hash covers: all of them. */
export interface HashedEntry extends HashedEntryV1 {
  caseReference: string | null;
  areaCode: string | null;
  actorName: string | null;
}

/**
 * The same hash in SQL: `prev`, `header` and `payload` are SQL expressions for the previous
 * hash, the header text (headerSql) and the payload as JSON text. Must stay equal to
 * hashOfTexts; an e2e property test proves the two agree on both databases.
 */
export function logHashSql(prev: string, header: string, payload: string): string {
  return `encode(sha256(convert_to(${prev} || E'\\n' || ${header} || (${payload}::jsonb)::text, 'UTF8')), 'hex')`;
}

/** SQL expressions (parameters or columns) for the header fields of a version-1 hash. */
export interface HeaderSqlPartsV1 {
  seq: string;
  at: string;
  caseId: string;
  event: string;
  fromState: string;
  toState: string;
  actorId: string;
  actorRole: string;
}

/** SQL expressions for the header fields of a version-2 hash. */
export interface HeaderSqlParts extends HeaderSqlPartsV1 {
  caseReference: string;
  areaCode: string;
  actorName: string;
}

/**
 * headerText in SQL: the same JSON array, built from SQL expressions (to_json escapes as
 * JSON.stringify does).
 */
export function headerSql(p: HeaderSqlPartsV1, version: 1): string;
export function headerSql(p: HeaderSqlParts, version?: 2): string;
export function headerSql(
  p: HeaderSqlParts | HeaderSqlPartsV1,
  version: HashVersion = LOG_HASH_VERSION,
): string {
  const str = (x: string) => `COALESCE(to_json((${x})::text)::text, 'null')`;
  const seq = `(${p.seq})::text`;
  const fields =
    version === 1
      ? [
          seq,
          str(p.at),
          str(p.caseId),
          str(p.event),
          str(p.fromState),
          str(p.toState),
          str(p.actorId),
          str(p.actorRole),
        ]
      : [
          `'2'`,
          seq,
          str(p.at),
          str(p.caseId),
          str((p as HeaderSqlParts).caseReference),
          str((p as HeaderSqlParts).areaCode),
          str(p.event),
          str(p.fromState),
          str(p.toState),
          str(p.actorId),
          str(p.actorRole),
          str((p as HeaderSqlParts).actorName),
        ];
  return `'[' || ${fields.join(` || ',' || `)} || ']'`;
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

/**
 * The entry's fields other than the payload, as one unambiguous JSON array:
 * version 1 `[seq, at, caseId, event, fromState, toState, actorId, actorRole]`,
 * version 2 `[2, seq, at, caseId, caseReference, areaCode, event, fromState, toState, actorId,
 * actorRole, actorName]`. Version 2 starts with its number, so no header of one version can
 * be read as one of the other.
 */
export function headerText(e: Omit<HashedEntryV1, 'payload'>, version: 1): string;
export function headerText(e: Omit<HashedEntry, 'payload'>, version?: 2): string;
export function headerText(
  e: Omit<HashedEntry, 'payload'> | Omit<HashedEntryV1, 'payload'>,
  version: HashVersion = LOG_HASH_VERSION,
): string {
  if (version === 1) {
    return JSON.stringify([e.seq, e.at, e.caseId, e.event, e.fromState, e.toState, e.actorId, e.actorRole]);
  }
  const v2 = e as Omit<HashedEntry, 'payload'>;
  return JSON.stringify([
    2,
    v2.seq,
    v2.at,
    v2.caseId,
    v2.caseReference,
    v2.areaCode,
    v2.event,
    v2.fromState,
    v2.toState,
    v2.actorId,
    v2.actorRole,
    v2.actorName,
  ]);
}

/**
 * SHA-256 (hex) of `prevHash + "\n" + headerText + payloadText`, where payloadText is the
 * payload as PostgreSQL prints jsonb. The application has the database compute it on insert
 * (see logHashSql); verify recomputes it here from what it reads.
 */
export function hashOfTexts(prevHash: string, header: string, payloadText: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(header).update(payloadText).digest('hex');
}

/** The hash of an entry given as values (tests, seeding tools). */
export function entryHash(prevHash: string, entry: HashedEntryV1, version: 1): string;
export function entryHash(prevHash: string, entry: HashedEntry, version?: 2): string;
export function entryHash(
  prevHash: string,
  entry: HashedEntry | HashedEntryV1,
  version: HashVersion = LOG_HASH_VERSION,
): string {
  const header = version === 1 ? headerText(entry, 1) : headerText(entry as HashedEntry, 2);
  return hashOfTexts(prevHash, header, jsonbText(entry.payload));
}
