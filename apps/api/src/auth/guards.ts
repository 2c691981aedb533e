import { msg } from '../../../../libs/messages/src/index.js';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { LRUCache } from 'lru-cache';
import { ExtractJwt } from 'passport-jwt';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import type { Role } from '../../../../libs/workflows/src/index.js';
import { type Actor, IS_PUBLIC, ROLES_KEY } from './actor.js';
import { IssuerUnavailableError, KEYS_TRUSTED_UNTIL } from './issuer-keys.js';

/** The longest a verified token is trusted without checking its signature again. */
const VERIFIED_TOKEN_TRUST_MS = 5 * 60_000;
const VERIFIED_TOKENS_KEPT = 10_000;

/** The same extractor JwtStrategy verifies with, so the cache key is the token it checked. */
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/**
 * Every endpoint needs a valid bearer token unless it is marked @Public().
 *
 * Checking a signature (ES256, RS256) is the dearest step of a request that needs no
 * database, and a client sends the same token with every request. So a token that passed
 * every check is remembered, by its exact text, until it expires, for at most five minutes,
 * and in OIDC mode no longer than the issuer's key set that verified it is trusted
 * (OIDC_JWKS_MAX_AGE_SECONDS): a key the issuer withdraws is not honoured longer through
 * this cache than through the key set. The Actor is frozen because requests share it.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly verified = new LRUCache<string, Actor>({ max: VERIFIED_TOKENS_KEPT });

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const token = bearerToken(req);
    const known = token === null ? undefined : this.verified.get(token);
    if (known) {
      req.user = known;
      return true;
    }
    const allowed = (await super.canActivate(context)) as boolean;
    if (allowed && token !== null && req.user) {
      const keysTrustedUntil = (req as unknown as Record<symbol, unknown>)[KEYS_TRUSTED_UNTIL];
      this.remember(token, req.user, typeof keysTrustedUntil === 'number' ? keysTrustedUntil : Infinity);
    }
    return allowed;
  }

  private remember(token: string, actor: Actor, keysTrustedUntil: number): void {
    const { exp } = decodeJwt(token);
    if (typeof exp !== 'number') return;
    const now = Date.now();
    const ttl = Math.min(exp * 1000 - now, keysTrustedUntil - now, VERIFIED_TOKEN_TRUST_MS);
    if (ttl > 0) this.verified.set(token, deepFreeze(actor), { ttl });
  }

  override handleRequest<TUser = Actor>(
    err: unknown,
    user: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (info instanceof IssuerUnavailableError) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(info.retryAfterSeconds));
      throw info;
    }
    // A refusal with its own reason (JwtStrategy.validate: no exp, too long a lifetime).
    if (err instanceof DomainError && err.code === ErrorCode.Unauthenticated) throw err;
    if (err || !user) throw new DomainError(ErrorCode.Unauthenticated, msg('detail.unauthenticated'));
    return user;
  }
}

/** Checks @Roles(...) against the actor's roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const actor = context.switchToHttp().getRequest().user as Actor | undefined;
    if (!actor || !actor.roles.some((r) => roles.includes(r))) {
      throw DomainError.forbidden(msg('detail.rolesRequired', { roles }));
    }
    return true;
  }
}
