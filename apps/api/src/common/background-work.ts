import type { Logger } from '@nestjs/common';
import { pgCode } from '../database/database.service.js';

/** What a periodic job does each time, and what it says when its rounds fail and work again. */
export interface PeriodicWork {
  /** The wait between rounds, in ms. */
  everyMs: number;
  /**
   * One round. Resolving `true` means more may be due at once: the next round starts without
   * waiting. A rejection pauses the job until a round succeeds; the job keeps trying.
   */
  round: () => Promise<boolean | void>;
  /** Logged (warn, with the error's code) when a round fails after one that did not. */
  pausedMessage: string;
  /** Logged when a round succeeds after one that failed. */
  resumedMessage: string;
}

/**
 * A job that runs in the background of every API process: one round at a time, the next one
 * `everyMs` after the last ended. Stopping (on shutdown) starts no new round and waits for
 * the round in hand, which can ask `stopping` to wind down early.
 *
 * A failing round is logged once, by its cause's code (a PostgreSQL error code, else the
 * error's class name) and never its message, which can quote a statement's parameters; then
 * once more when a round succeeds again.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private inHand: Promise<void> | null = null;
  private stopped = false;
  private paused = false;

  constructor(
    private readonly logger: Logger,
    private readonly work: PeriodicWork,
  ) {}

  /** True once stop() was called. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Runs the first round after `everyMs`. */
  start(): void {
    this.schedule(this.work.everyMs);
  }

  /** Runs a round now (after the one in hand, if any) instead of at its time; resolves when it ended. */
  async runNow(): Promise<void> {
    while (this.inHand) await this.inHand;
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.run();
  }

  /** No new round; resolves when the round in hand has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inHand;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    // unref: a pending round never keeps the process (or a Jest worker) alive.
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delayMs).unref();
  }

  private run(): Promise<void> {
    const round = this.guarded().then((more) => {
      this.inHand = null;
      this.schedule(more ? 0 : this.work.everyMs);
    });
    this.inHand = round;
    return round;
  }

  /** One round; never rejects. Resolves true when the next round should start at once. */
  private async guarded(): Promise<boolean> {
    try {
      const more = await this.work.round();
      if (this.paused) this.logger.log(this.work.resumedMessage);
      this.paused = false;
      return more === true;
    } catch (error) {
      if (!this.paused) this.logger.warn({ msg: this.work.pausedMessage, code: errorCode(error) });
      this.paused = true;
      return false;
    }
  }
}

/** A PostgreSQL error's code, else the error's class name; never its message (messages can quote values). */
export function errorCode(error: unknown): string {
  return pgCode(error) ?? errorName(error);
}

/** An error's class name, never its message. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
