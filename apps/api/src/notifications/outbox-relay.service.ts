import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { errorName, PeriodicJob } from '../common/background-work.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database } from '../database/database.service.js';
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
  private readonly job: PeriodicJob;
  private lastHousekeeping = 0;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly notifier: Notifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = new PeriodicJob(this.logger, {
      everyMs: config.outboxPollMs,
      round: () => this.round(),
      // The database failed: said once, and once more when it works again.
      pausedMessage: 'notification relay paused: the outbox could not be read or written',
      resumedMessage: 'notification relay resumed',
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.outboxPollMs > 0) this.job.start();
  }

  /** Shutdown: no new round; the delivery in flight ends and the batch's outcome is recorded. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Deletes delivered notifications older than 30 days; returns how many. */
  async housekeep(): Promise<number> {
    return this.db.statement((m) => this.outbox.deleteDelivered(m));
  }

  /** One round of the loop. Resolves true when more rows may be due at once. */
  private async round(): Promise<boolean> {
    if (Date.now() - this.lastHousekeeping >= HOUSEKEEPING_EVERY_MS) {
      this.lastHousekeeping = Date.now();
      await this.housekeep();
    }
    return this.deliverBatch();
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
      if (this.job.stopping || leaseEnding || (n.caseId !== null && heldBack.has(n.caseId))) {
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
    return rows.length === BATCH_SIZE && !this.job.stopping;
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
