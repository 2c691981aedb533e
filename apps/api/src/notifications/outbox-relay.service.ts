import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database, pgCode } from '../database/database.service.js';
import { sql } from '../database/sql.js';
import { DeliveryFailed, type Notification, Notifier } from './notifier.js';
import { givenUp, retryDelayMs } from './retry-policy.js';

const BATCH_SIZE = 100;
/**
 * A claimed row is due again only after this lease, so another process skips it while this
 * one delivers; the relay starts no delivery in the last LEASE_MARGIN_MS (one delivery may
 * take 5 s), and gives back what it did not get to, so the lease never runs out mid-batch.
 */
const LEASE_MS = 120_000;
const LEASE_MARGIN_MS = 20_000;
const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;
/** Key of the advisory lock that makes claims one at a time across processes (see claim()). */
const CLAIM_LOCK_KEY = '7309462115437016671';

interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown> | string;
  occurred_at: string;
  attempts: number;
}

type Result = 'delivered' | 'retry' | 'given_up' | 'released';

interface Outcome {
  id: string;
  result: Result;
  delayMs: number;
}

/**
 * Claims due notifications under an advisory lock and FOR UPDATE SKIP LOCKED: a second process
 * waits for the claim and then skips the claimed rows, whose lease makes them not due. One
 * notification per case at a time and in order: a row waits while its case has an earlier one
 * pending that is not due (claimed elsewhere or waiting for a retry).
 */
const CLAIM_SQL = `
  WITH due AS (
    SELECT o.id FROM outbox o
    WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now()
      AND NOT EXISTS (
        SELECT 1 FROM outbox e
        WHERE e.payload->>'caseId' = o.payload->>'caseId' AND e.id < o.id
          AND e.delivered_at IS NULL AND e.failed_at IS NULL AND e.next_attempt_at > now())
    ORDER BY o.id
    LIMIT $1
    FOR UPDATE OF o SKIP LOCKED)
  UPDATE outbox SET next_attempt_at = clock_timestamp() + $2::float8 * interval '1 millisecond'
  FROM due WHERE outbox.id = due.id
  RETURNING outbox.id, outbox.topic, outbox.payload, outbox.attempts,
    to_char(outbox.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at`;

/** Writes what became of each row of a batch, in one statement. */
const RECORD_SQL = `
  UPDATE outbox o SET
    delivered_at = CASE WHEN r.result = 'delivered' THEN now() END,
    failed_at = CASE WHEN r.result = 'given_up' THEN now() END,
    attempts = o.attempts + CASE WHEN r.result IN ('retry', 'given_up') THEN 1 ELSE 0 END,
    next_attempt_at = now() + r.delay_ms * interval '1 millisecond'
  FROM unnest($1::bigint[], $2::text[], $3::float8[]) AS r(id, result, delay_ms)
  WHERE o.id = r.id AND o.delivered_at IS NULL AND o.failed_at IS NULL`;

/**
 * Delivers the outbox after commit (docs/architecture.md, "How a transition flows", step 3): every
 * OUTBOX_POLL_MS it claims up to 100 due notifications, hands them to the Notifier one by one
 * in outbox order, and records in one statement which were delivered and which wait for a
 * retry (exponential backoff, given up after MAX_ATTEMPTS with an error log line).
 *
 * Delivery happens outside any transaction: a slow messaging service must not hold a database
 * connection or, on the embedded database, every other request. At least once: if the process
 * dies between a delivery and the record, the notification goes out again after the lease,
 * with the same id, so the receiver can drop it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private inHand: Promise<void> | null = null;
  private stopped = false;
  private lastHousekeeping = 0;
  /** The last round failed on the database: say so once, and once more when it works again. */
  private paused = false;

  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outboxPollMs > 0) this.schedule(this.config.outboxPollMs);
  }

  /** Shutdown: no new round; the delivery in flight ends and the batch's outcome is recorded. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inHand;
  }

  /** Deletes delivered notifications older than 30 days; returns how many. */
  async housekeep(): Promise<number> {
    const rows = await this.db.statement((m) =>
      sql(m, `DELETE FROM outbox WHERE delivered_at < now() - interval '30 days' RETURNING id`),
    );
    return rows.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    // unref: a pending round never keeps the process (or a Jest worker) alive.
    this.timer = setTimeout(() => {
      this.timer = null;
      const round = this.round();
      this.inHand = round.then(() => undefined);
      void round.then((more) => {
        this.inHand = null;
        this.schedule(more ? 0 : this.config.outboxPollMs);
      });
    }, delayMs).unref();
  }

  /** One round of the loop; never rejects. Resolves true when more rows may be due at once. */
  private async round(): Promise<boolean> {
    try {
      if (Date.now() - this.lastHousekeeping >= HOUSEKEEPING_EVERY_MS) {
        this.lastHousekeeping = Date.now();
        await this.housekeep();
      }
      const more = await this.deliverBatch();
      if (this.paused) this.logger.log('notification relay resumed');
      this.paused = false;
      return more;
    } catch (error) {
      // Errors are logged by code only: a driver error carries the statement's parameters.
      if (!this.paused) {
        this.logger.warn({
          msg: 'notification relay paused: the outbox could not be read or written',
          code: pgCode(error) ?? errorName(error),
        });
      }
      this.paused = true;
      return false;
    }
  }

  private async deliverBatch(): Promise<boolean> {
    const claimedAt = Date.now();
    const rows = await this.claim();
    const outcomes: Outcome[] = [];
    // Cases whose earlier notification failed in this batch: their later ones wait (order).
    const heldBack = new Set<string>();
    for (const row of rows) {
      const n = toNotification(row);
      const leaseEnding = Date.now() - claimedAt > LEASE_MS - LEASE_MARGIN_MS;
      if (this.stopped || leaseEnding || (n.caseId !== null && heldBack.has(n.caseId))) {
        outcomes.push({ id: n.id, result: 'released', delayMs: 0 });
        continue;
      }
      try {
        await this.notifier.deliver(n);
        outcomes.push({ id: n.id, result: 'delivered', delayMs: 0 });
      } catch (error) {
        if (n.caseId !== null) heldBack.add(n.caseId);
        outcomes.push(this.failed(n.id, Number(row.attempts) + 1, error));
      }
    }
    if (outcomes.length > 0) await this.record(outcomes);
    return rows.length === BATCH_SIZE && !this.stopped;
  }

  private failed(id: string, attempts: number, error: unknown): Outcome {
    if (givenUp(attempts)) {
      this.logger.error({ msg: 'notification given up', outboxId: id });
      return { id, result: 'given_up', delayMs: 0 };
    }
    const delayMs = retryDelayMs(attempts, this.config.outboxPollMs);
    const reason = error instanceof DeliveryFailed ? error.reason : errorName(error);
    this.logger.warn({ msg: 'notification not delivered, will retry', outboxId: id, attempts, reason });
    return { id, result: 'retry', delayMs };
  }

  private async claim(): Promise<OutboxRow[]> {
    const rows = await this.db.transaction(async (m) => {
      // Claims one at a time across processes: two claims that ran together could each take
      // a different notification of one case (SKIP LOCKED skips the other's uncommitted
      // claim), and deliver them out of order. The lock is held for this short claim only.
      await sql(m, `SELECT pg_advisory_xact_lock($1::bigint)`, [CLAIM_LOCK_KEY]);
      return sql<OutboxRow>(m, CLAIM_SQL, [BATCH_SIZE, LEASE_MS]);
    });
    // RETURNING keeps no order.
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  private async record(outcomes: Outcome[]): Promise<void> {
    await this.db.statement((m) =>
      sql(m, RECORD_SQL, [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.result),
        outcomes.map((o) => o.delayMs),
      ]),
    );
  }
}

function toNotification(row: OutboxRow): Notification {
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<
    string,
    unknown
  >;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(row.id),
    topic: row.topic,
    occurredAt: row.occurred_at,
    caseId: text(payload.caseId),
    reference: text(payload.reference),
    toState: text(payload.toState),
    recipientId: text(payload.recipient),
  };
}

/** An error's class name, never its message (messages can quote values). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
