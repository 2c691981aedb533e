import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createRemoteJWKSet, decodeProtectedHeader, type JWTHeaderParameters } from 'jose';
import { KeyObject, type webcrypto } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, type Role } from '../../../../libs/workflows/src/index.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import type { Actor } from './actor.js';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, SigningKeyService } from './signing-key.service.js';

// jsonwebtoken (under passport-jwt) takes a KeyObject too, though the typings say string | Buffer.
type KeyCallback = (err: Error | null, key?: string | Buffer) => void;

/**
 * Verifies bearer tokens with passport-jwt. In dev mode against our own key; in OIDC mode
 * against the issuer's JWKS (found through discovery, cached and refreshed by jose).
 * Only the configured algorithms are accepted, so `alg: none` and HS256-with-public-key
 * tricks fail before any key is looked at.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig, keys: SigningKeyService) {
    const dev = config.authMode === 'dev';
    const algorithms = dev ? [DEV_ALGORITHM] : config.oidcAlgorithms;
    let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;
    const oidcKey = async (header: JWTHeaderParameters): Promise<KeyObject> => {
      if (!jwks) {
        const issuer = config.oidcIssuer!.replace(/\/$/, '');
        const discovery = await fetch(`${issuer}/.well-known/openid-configuration`, {
          signal: AbortSignal.timeout(5000),
        });
        if (!discovery.ok) throw new Error('OIDC discovery failed');
        const { jwks_uri } = (await discovery.json()) as { jwks_uri?: string };
        if (!jwks_uri) throw new Error('OIDC discovery has no jwks_uri');
        jwks = createRemoteJWKSet(new URL(jwks_uri));
      }
      const key = await jwks(header, { payload: '', signature: '' } as never);
      return key instanceof KeyObject ? key : KeyObject.from(key as webcrypto.CryptoKey);
    };
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: algorithms as never,
      issuer: dev ? DEV_ISSUER : config.oidcIssuer!,
      audience: dev ? DEV_AUDIENCE : config.oidcAudience!,
      ignoreExpiration: false,
      secretOrKeyProvider: (_req: unknown, rawJwt: string, done: KeyCallback) => {
        let header: JWTHeaderParameters;
        try {
          header = decodeProtectedHeader(rawJwt) as JWTHeaderParameters;
        } catch {
          return done(new Error('malformed token'));
        }
        if (!header.alg || !algorithms.includes(header.alg)) return done(new Error('algorithm not accepted'));
        if (dev) return done(null, keys.publicKey as unknown as Buffer);
        oidcKey(header).then(
          (key) => done(null, key as unknown as Buffer),
          () => done(new Error('no key for token')),
        );
      },
    });
  }

  /** Turns the verified claims into an Actor; a token without a usable `sub` is refused. */
  validate(payload: Record<string, unknown>): Actor | false {
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
