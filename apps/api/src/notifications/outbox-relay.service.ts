import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database, pgCode } from '../database/database.service.js';
import { DeliveryFailed, Notifier } from './notifier.js';
import { type OutboxOutcome, OutboxRepository, type OutboxRow, toNotification } from './outbox.repository.js';
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
    private readonly outbox: OutboxRepository,
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
    return this.db.statement((m) => this.outbox.deleteDelivered(m));
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
    const outcomes: OutboxOutcome[] = [];
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

  private failed(id: string, attempts: number, error: unknown): OutboxOutcome {
    if (givenUp(attempts)) {
      this.logger.error({ msg: 'notification given up', outboxId: id });
      return { id, result: 'given_up', delayMs: 0 };
    }
    const delayMs = retryDelayMs(attempts, this.config.outboxPollMs);
    const reason = error instanceof DeliveryFailed ? error.reason : errorName(error);
    this.logger.warn({ msg: 'notification not delivered, will retry', outboxId: id, attempts, reason });
    return { id, result: 'retry', delayMs };
  }

  /** A short transaction: the claim's advisory lock is held for it only. */
  private claim(): Promise<OutboxRow[]> {
    return this.db.transaction((m) => this.outbox.claim(m, BATCH_SIZE, LEASE_MS));
  }

  private async record(outcomes: OutboxOutcome[]): Promise<void> {
    await this.db.statement((m) => this.outbox.record(m, outcomes));
  }
}

/** An error's class name, never its message (messages can quote values). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
