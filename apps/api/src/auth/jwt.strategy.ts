import { msg } from '../../../../libs/messages/src/index.js';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { decodeProtectedHeader, type JWTHeaderParameters } from 'jose';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { ROLES, type Role } from '../../../../libs/workflows/src/index.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import type { Actor } from './actor.js';
import { IssuerKeys, IssuerUnavailableError, KEYS_TRUSTED_UNTIL } from './issuer-keys.js';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, SigningKeyService } from './signing-key.service.js';

// jsonwebtoken (under passport-jwt) takes a KeyObject too, though the typings say string | Buffer.
type KeyCallback = (err: Error | null, key?: string | Buffer) => void;

/**
 * Verifies bearer tokens with passport-jwt. In dev mode against our own key; in OIDC mode
 * against the issuer's JWKS (IssuerKeys: discovery, a short cache, back-off while it fails).
 * Only the configured algorithms are accepted, so `alg: none` and HS256-with-public-key
 * tricks fail before any key is looked at. A token must expire, and within
 * TOKEN_MAX_LIFETIME_SECONDS: a leaked token is not good for weeks.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly maxLifetimeSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, keys: SigningKeyService, issuerKeys: IssuerKeys) {
    const dev = config.authMode === 'dev';
    const algorithms = dev ? [DEV_ALGORITHM] : config.oidcAlgorithms;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: algorithms as never,
      issuer: dev ? DEV_ISSUER : config.oidcIssuer!,
      audience: dev ? DEV_AUDIENCE : config.oidcAudience!,
      ignoreExpiration: false,
      secretOrKeyProvider: (req: Record<symbol, unknown>, rawJwt: string, done: KeyCallback) => {
        let header: JWTHeaderParameters;
        try {
          header = decodeProtectedHeader(rawJwt) as JWTHeaderParameters;
        } catch {
          return done(new Error('malformed token'));
        }
        if (!header.alg || !algorithms.includes(header.alg)) return done(new Error('algorithm not accepted'));
        if (dev) return done(null, keys.publicKey as unknown as Buffer);
        issuerKeys.keyFor(header).then(
          ({ key, trustedUntil }) => {
            req[KEYS_TRUSTED_UNTIL] = trustedUntil;
            done(null, key as unknown as Buffer);
          },
          // The guard answers 503 for the first and 401 for the second.
          (error: unknown) =>
            done(error instanceof IssuerUnavailableError ? error : new Error('no key for token')),
        );
      },
    });
    this.maxLifetimeSeconds = config.tokenMaxLifetimeSeconds;
  }

  /**
   * Turns the verified claims into an Actor. Refused: a token without a usable `sub`, without
   * `exp`, or living longer than TOKEN_MAX_LIFETIME_SECONDS, counted from `iat` and from now
   * (whichever is earlier), so neither a far `exp` nor an old `iat` gets past the cap.
   */
  validate(payload: Record<string, unknown>): Actor | false {
    const { exp, iat } = payload;
    const now = Math.floor(Date.now() / 1000);
    const from = typeof iat === 'number' ? Math.min(iat, now) : now;
    if (typeof exp !== 'number' || exp - from > this.maxLifetimeSeconds) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        msg('detail.tokenLifetime', { maxSeconds: this.maxLifetimeSeconds }),
      );
    }
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) return false;
    const roles = Array.isArray(payload.roles)
      ? (payload.roles.filter(
          (r) => typeof r === 'string' && (ROLES as readonly string[]).includes(r),
        ) as Role[])
      : [];
    const areas = Array.isArray(payload.areas)
      ? payload.areas.filter((a): a is string => typeof a === 'string')
      : [];
    const name = typeof payload.name === 'string' ? payload.name.slice(0, 200) : sub;
    return { id: sub, name, roles: [...new Set(roles)], areas: [...new Set(areas)] };
  }
}
