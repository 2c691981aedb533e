import { msg } from '../../../../libs/messages/src/index.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createLocalJWKSet, errors, type JWTHeaderParameters } from 'jose';
import { KeyObject, type webcrypto } from 'node:crypto';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';

/** Every attempt to reach the issuer (discovery or JWKS) gives up after this long. */
const FETCH_TIMEOUT_MS = 5000;
/** The first wait after a failed attempt; it doubles with every further failure, up to OIDC_RETRY_MAX_SECONDS. */
const FIRST_RETRY_MS = 1000;
/** An unknown key id may be a key the issuer just rotated in: look again, but at most this often. */
const UNKNOWN_KID_COOLDOWN_MS = 30_000;

/**
 * The issuer's keys cannot be fetched right now, so a token that may well be valid cannot be
 * checked. 503 with Retry-After, not 401: a 401 tells a client its token is bad (the web front
 * end then signs the user out), while a new token could not be checked either.
 */
export class IssuerUnavailableError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.Unavailable, msg('detail.identityProviderUnavailable'));
  }
}

/**
 * Set on the request by JwtStrategy: when the key set that verified its token stops being
 * trusted. The guard remembers the verified token no longer than that.
 */
export const KEYS_TRUSTED_UNTIL = Symbol('wijkflow:keysTrustedUntil');

export interface IssuerKey {
  key: KeyObject;
  /** Epoch ms after which the key set this key came from is no longer trusted. */
  trustedUntil: number;
}

interface KeySet {
  select: ReturnType<typeof createLocalJWKSet>;
  /** When the fetch that produced this set started (a key withdrawn after that may be in it). */
  fetchedAt: number;
  trustedUntil: number;
}

/**
 * The OIDC issuer's signing keys: found through discovery, fetched from its jwks_uri and
 * used for OIDC_JWKS_MAX_AGE_SECONDS, never longer: a stale set is fetched again before it is
 * used, and when that fails, tokens are not checked against the old keys (fail closed).
 *
 * While the issuer fails, it is asked at most once per back-off period (1 s, doubling to
 * OIDC_RETRY_MAX_SECONDS), however many requests arrive; concurrent requests share one fetch.
 * In between, requests are answered at once with IssuerUnavailableError.
 */
@Injectable()
export class IssuerKeys {
  private readonly logger = new Logger(IssuerKeys.name);
  private readonly issuer: string;
  private readonly maxAgeMs: number;
  private readonly retryMaxMs: number;
  private jwksUri: string | null = null;
  private keys: KeySet | null = null;
  private failures = 0;
  private retryAt = 0;
  private refreshing: Promise<KeySet> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.issuer = (config.oidcIssuer ?? '').replace(/\/$/, '');
    this.maxAgeMs = config.oidcJwksMaxAgeSeconds * 1000;
    this.retryMaxMs = config.oidcRetryMaxSeconds * 1000;
  }

  /**
   * The key for a token's header. Throws IssuerUnavailableError when the keys cannot be had,
   * and jose's JWKSNoMatchingKey (or another JOSE error) when the issuer does not publish one.
   */
  async keyFor(header: JWTHeaderParameters): Promise<IssuerKey> {
    let keys = this.keys && Date.now() < this.keys.trustedUntil ? this.keys : await this.refresh();
    try {
      return await this.select(keys, header);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      if (Date.now() - keys.fetchedAt < Math.min(UNKNOWN_KID_COOLDOWN_MS, this.maxAgeMs)) throw error;
      keys = await this.refresh();
      return this.select(keys, header);
    }
  }

  private async select(keys: KeySet, header: JWTHeaderParameters): Promise<IssuerKey> {
    const key = await keys.select(header);
    return {
      key: key instanceof KeyObject ? key : KeyObject.from(key as webcrypto.CryptoKey),
      trustedUntil: keys.trustedUntil,
    };
  }

  /** One fetch at a time, none during the back-off period. */
  private refresh(): Promise<KeySet> {
    if (this.refreshing) return this.refreshing;
    const wait = this.retryAt - Date.now();
    if (wait > 0) return Promise.reject(new IssuerUnavailableError(Math.ceil(wait / 1000)));
    this.refreshing = this.fetchKeys().then(
      (keys) => {
        if (this.failures > 0) this.logger.log('the OIDC issuer answers again');
        this.keys = keys;
        this.failures = 0;
        this.retryAt = 0;
        return keys;
      },
      (error: unknown) => {
        this.failures++;
        const delay = Math.min(FIRST_RETRY_MS * 2 ** Math.min(this.failures - 1, 30), this.retryMaxMs);
        this.retryAt = Date.now() + delay;
        // Only the reason: the issuer's URL is configuration, not a secret, but a body could be anything.
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          `the OIDC issuer's keys could not be fetched (attempt ${this.failures}, next in ${delay} ms): ${reason}`,
        );
        throw new IssuerUnavailableError(Math.ceil(delay / 1000));
      },
    );
    const done = () => (this.refreshing = null);
    this.refreshing.then(done, done);
    return this.refreshing;
  }

  private async fetchKeys(): Promise<KeySet> {
    const fetchedAt = Date.now();
    const jwksUri = this.jwksUri ?? (await this.discover());
    try {
      const jwks = await this.getJson(jwksUri);
      // createLocalJWKSet refuses anything that is not a JWK Set.
      return { select: createLocalJWKSet(jwks as never), fetchedAt, trustedUntil: fetchedAt + this.maxAgeMs };
    } catch (error) {
      // The issuer may have moved its keys: ask discovery again next time.
      this.jwksUri = null;
      throw error;
    }
  }

  private async discover(): Promise<string> {
    const { jwks_uri } = (await this.getJson(`${this.issuer}/.well-known/openid-configuration`)) as {
      jwks_uri?: unknown;
    };
    if (typeof jwks_uri !== 'string' || !/^https?:\/\//.test(jwks_uri)) {
      throw new Error('OIDC discovery has no usable jwks_uri');
    }
    this.jwksUri = jwks_uri;
    return jwks_uri;
  }

  private async getJson(url: string): Promise<unknown> {
    const res = await fetch(url, {
      headers: { Accept: 'application/json, application/jwk-set+json' },
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (res.status !== 200) throw new Error(`${new URL(url).pathname} answered ${res.status}`);
    return res.json();
  }
}
