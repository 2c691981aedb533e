import {
  type BeforeApplicationShutdown,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { finalize, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from './config.js';

/**
 * Graceful shutdown, part two. Nest closes the HTTP server on SIGTERM and then the database,
 * and the HTTP server counts as closed once its connections are gone. A handler whose client
 * hung up is still working, though: its transaction would meet a closed pool. So before the
 * shutdown proper, this stops accepting connections, waits for them to finish, and then
 * waits for every route handler still running (counted by this interceptor) to settle, up
 * to REQUEST_TIMEOUT_MS.
 */
@Injectable()
export class InFlightRequests implements NestInterceptor, BeforeApplicationShutdown {
  private readonly logger = new Logger(InFlightRequests.name);
  private running = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.running++;
    return next.handle().pipe(
      finalize(() => {
        if (--this.running === 0) this.waiters.splice(0).forEach((wake) => wake());
      }),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    // Not listening (an app under test that never listened) needs no draining of connections.
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.running === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const settled = new Promise<void>((resolve) => this.waiters.push(resolve));
    const deadline = new Promise<void>(
      (resolve) => (timer = setTimeout(resolve, this.config.requestTimeoutMs)),
    );
    await Promise.race([settled, deadline]);
    clearTimeout(timer);
    if (this.running > 0) this.logger.warn(`shutting down with ${this.running} request(s) still running`);
  }
}
