import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { addDays, amsterdamDate, statesTagged } from '../../../../libs/workflows/src/index.js';
import { PeriodicJob } from '../common/background-work.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database } from '../database/database.service.js';
import type { NotificationTopic } from '../notifications/notifier.js';
import {
  AccountRemindersRepository,
  type QueuedReminder,
  type ReminderKind,
} from './account-reminders.repository.js';

/** The first reminder goes this many days before `accountBy`: a fortnight. */
export const DUE_SOON_DAYS = 14;
/** States in which a grant waits for its account (only initiative grants have an accountBy). */
const ACCOUNT_DUE_STATES = statesTagged('account_due');
const TOPICS: Record<ReminderKind, NotificationTopic> = {
  due_soon: 'case.account_due_soon',
  overdue: 'case.account_overdue',
};
/** Cases claimed per statement; the scan goes on until a statement finds fewer. */
const BATCH_SIZE = 500;

/**
 * Reminds the initiator of an initiative grant of its account: `case.account_due_soon` a
 * fortnight before `accountBy` and `case.account_overdue` the day after it, if the case still
 * waits for its account (a state tagged `account_due`). Each reminder goes out once, however
 * many API processes scan: it is claimed in the database (account_reminders) in the statement
 * that queues its notification in the outbox, which the relay delivers after the commit.
 *
 * Every process scans at start and every ACCOUNT_REMINDER_INTERVAL_MS (0: never); a process
 * that was down catches up at its next scan, since the scan looks for what is due and not sent.
 * The days are days in Europe/Amsterdam. `scan(now)` takes the moment, so tests drive the clock.
 */
@Injectable()
export class AccountReminders implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AccountReminders.name);
  private readonly job: PeriodicJob;

  constructor(
    private readonly db: Database,
    private readonly reminders: AccountRemindersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = new PeriodicJob(this.logger, {
      everyMs: config.accountReminderIntervalMs,
      round: () => this.round(),
      pausedMessage: 'account reminders paused: the database could not be read or written',
      resumedMessage: 'account reminders resumed',
    });
  }

  /** The first scan at start, then one every ACCOUNT_REMINDER_INTERVAL_MS (0: none at all). */
  onApplicationBootstrap(): void {
    if (this.config.accountReminderIntervalMs > 0) void this.job.runNow();
  }

  /** Shutdown: no new scan; the one in hand ends before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /**
   * Claims and queues every reminder due at `now` that was not sent before; returns them.
   * Due: the first when `accountBy` is at most a fortnight after today, the second once
   * `accountBy` is before today (then the first is no longer sent).
   */
  async scan(now: Date = new Date()): Promise<QueuedReminder[]> {
    const today = amsterdamDate(now.toISOString());
    const dueSoonUntil = addDays(today, DUE_SOON_DAYS);
    const queued: QueuedReminder[] = [];
    for (;;) {
      const batch = await this.db.statement((m) =>
        this.reminders.queueDue(m, {
          today,
          dueSoonUntil,
          states: ACCOUNT_DUE_STATES,
          topics: TOPICS,
          at: now,
          limit: BATCH_SIZE,
        }),
      );
      queued.push(...batch.queued);
      // On shutdown the rest waits for the next scan of some process.
      if (batch.found < BATCH_SIZE || this.job.stopping) return queued;
    }
  }

  /** One periodic scan, with the real clock. */
  private async round(): Promise<void> {
    const queued = await this.scan();
    if (queued.length > 0) {
      this.logger.log({
        msg: 'account reminders queued',
        dueSoon: queued.filter((r) => r.kind === 'due_soon').length,
        overdue: queued.filter((r) => r.kind === 'overdue').length,
      });
    }
  }
}
