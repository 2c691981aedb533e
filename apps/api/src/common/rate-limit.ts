import { msg } from '../../../../libs/messages/src/index.js';
import { type ExecutionContext, Injectable, Module, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, ThrottlerModule, normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import type { Actor } from '../auth/actor.js';
import { APP_CONFIG, type AppConfig } from './config.js';

const WINDOW_MS = 60_000;

/**
 * @nestjs/throttler, configured once: WRITE_RATE_LIMIT_PER_MINUTE requests per client and
 * route in a one-minute window. The counts live in this process's memory (the throttler's
 * own storage): with several processes each allows the limit; put a shared limiter in the
 * proxy, or a shared throttler storage, when that matters.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: WINDOW_MS, limit: config.writeRateLimitPerMinute }],
      }),
    }),
  ],
})
export class RateLimitModule {}

/**
 * The throttler's guard with two choices of ours. A client is the authenticated actor when
 * there is one (residents behind one municipal NAT are not one client), else the peer
 * address. Beyond the limit the answer is our 429 problem+json (the throttler has already set
 * Retry-After), not the throttler's own exception text.
 */
@Injectable()
export class WriteRateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Request & { user?: Actor }): Promise<string> {
    if (req.user?.id) return `actor:${req.user.id}`;
    return `ip:${normalizeIp(req.socket.remoteAddress ?? 'unknown')}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError(
      ErrorCode.TooManyRequests,
      msg('detail.tooManyRequests', { seconds: Math.max(1, detail.timeToBlockExpire) }),
    );
  }
}

/** Limits this route to WRITE_RATE_LIMIT_PER_MINUTE requests per client and minute (429 beyond). */
export const WriteRateLimit = () => UseGuards(WriteRateLimitGuard);
