import { msg } from '../../../../libs/messages/src/index.js';
import { DomainError } from '../../../../libs/domain/src/index.js';

/** A cursor's moment as encodeCursor writes it: an ISO instant with milliseconds, in UTC. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "2026-02-30T…" parses (as 2 March) but does not come back the same; "2026-13-01T…" does not parse. */
function roundTrips(instant: string): boolean {
  const ms = Date.parse(instant);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === instant;
}

/** Cursors for keyset paging over (created_at, id), opaque to clients. */
export function encodeCursor(createdAt: Date | string, id: string): string {
  return Buffer.from(JSON.stringify([new Date(createdAt).toISOString(), id])).toString('base64url');
}

/**
 * Only a cursor this API could have given out is accepted, byte for byte: whatever else
 * reaches PostgreSQL as a timestamp may be refused there (a 500). Date.parse is no test:
 * it takes "1" and "2026-02-30". The moment must survive a round trip through Date
 * unchanged (no 30 February, no hour 24) and lie in a year PostgreSQL knows (not year 0).
 */
export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 2) {
    const [createdAt, id] = decoded as unknown[];
    if (
      typeof createdAt === 'string' &&
      INSTANT.test(createdAt) &&
      !createdAt.startsWith('0000') &&
      roundTrips(createdAt) &&
      typeof id === 'string' &&
      UUID.test(id) &&
      encodeCursor(createdAt, id) === cursor
    ) {
      return { createdAt, id };
    }
  }
  throw DomainError.invalid([{ name: 'cursor', reason: msg('reason.cursor') }]);
}
