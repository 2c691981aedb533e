import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config.js';

/** PostgreSQL error codes worth one more try: the transaction lost a race, not a rule. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

function pgCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The one way to the database. Every write goes through `transaction()`.
 *
 * On the embedded PGlite database all connections share one session, so two interleaved
 * transactions would see and clobber each other's work (we measured lost updates). There,
 * every transaction and every read runs one at a time, in arrival order. On PostgreSQL they
 * run concurrently and rely on row locks and version checks.
 */
@Injectable()
export class Database {
  private readonly logger = new Logger(Database.name);
  readonly embedded: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.embedded = !config.databaseUrl;
  }

  /**
   * Runs `work` in one transaction (READ COMMITTED, the server default: naming it would cost
   * TypeORM an extra round trip); retries on serialization failure or deadlock.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.oneAtATime(() => this.withRetry(() => this.dataSource.transaction(work)));
  }

  private async withRetry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const code = pgCode(error);
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          this.logger.warn(`retried after ${code} (attempt ${attempt})`);
          continue;
        }
        throw error;
      }
    }
  }

  /** Reads outside a transaction (still one at a time on PGlite, so they never see half a transaction). */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.oneAtATime(() => work(this.dataSource.manager));
  }

  /**
   * Runs ONE statement on its own (autocommit: the statement is its transaction). For changes
   * that fit in a single statement this saves BEGIN and COMMIT round trips, and any lock the
   * statement takes is released by the server at its commit, without waiting on this process.
   * Retried like a transaction on serialization failure or deadlock.
   */
  statement<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.oneAtATime(() => this.withRetry(() => work(this.dataSource.manager)));
  }

  async ping(): Promise<void> {
    await this.read((m) => m.query('SELECT 1'));
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    if (!this.embedded) return work();
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

export { pgCode };
