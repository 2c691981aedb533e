import { type CanActivate, type ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import type { Actor } from '../auth/actor.js';
import { APP_CONFIG, type AppConfig } from './config.js';

const WINDOW_MS = 60_000;
/** Above this many tracked clients, expired windows are swept before adding another. */
const SWEEP_AT = 10_000;

/**
 * A fixed one-minute window per client and route, WRITE_RATE_LIMIT_PER_MINUTE requests
 * long, for the routes that create things (submissions, dev tokens). A client is the
 * authenticated actor when there is one (residents behind one municipal NAT are not one
 * client), else the peer address. The count lives in this process's memory: with several
 * processes, each allows the limit; put a shared limiter in the proxy when that matters.
 *
 * Written here rather than with @nestjs/throttler: that package is CommonJS and requires
 * @nestjs/common, which NestJS 12 ships as ESM only; Jest on Node 20 cannot load that, so
 * the e2e tests could not boot the app with it.
 */
@Injectable()
export class WriteRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.writeRateLimitPerMinute;
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: Actor }>();
    const res = http.getResponse<Response>();
    const client = req.user?.id ? `actor:${req.user.id}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`;
    const key = `${context.getClass().name}.${context.getHandler().name} ${client}`;
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (!window && this.windows.size >= SWEEP_AT) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const resetSeconds = Math.ceil((window.start + WINDOW_MS - now) / 1000);
    if (window.count > this.limit) {
      res.setHeader('Retry-After', String(resetSeconds));
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `Too many requests; try again in ${resetSeconds} seconds.`,
      );
    }
    return true;
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(key);
  }
}

/** Limits this route to WRITE_RATE_LIMIT_PER_MINUTE requests per client and minute (429 beyond). */
export const WriteRateLimit = () => UseGuards(WriteRateLimitGuard);
