/**
 * The process's settings, read once from the environment and validated before Nest starts.
 * A bad or missing setting stops the process with one line naming it (see main.ts).
 */
import { createPrivateKey } from 'node:crypto';
import { parseWebhookSecret } from '../notifications/webhook-signature.js';
import { ConfigError } from './config-error.js';
import { loadThemeConfig, type ThemeConfig } from './theme-config.js';

export { ConfigError };

export type AuthMode = 'dev' | 'oidc';

/** The NODE_ENV values the app knows; anything else stops it (a typo must not mean development). */
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export interface AppConfig {
  /** null: NODE_ENV is not set (then only explicit settings decide, and dev tokens need AUTH_MODE=dev). */
  nodeEnv: NodeEnv | null;
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  migrationsRun: boolean;
  dbPoolSize: number;
  authMode: AuthMode;
  oidcIssuer: string | null;
  oidcAudience: string | null;
  oidcAlgorithms: string[];
  /** The web front end's public client at the issuer (OIDC_CLIENT_ID); null: no sign-in page, only tokens. */
  oidcClientId: string | null;
  /** The scopes the web front end asks for (OIDC_SCOPE), `openid` always among them. */
  oidcScope: string;
  devSigningKey: string | null;
  devTokenTtlSeconds: number;
  /** The longest lifetime a token may have (exp - iat, and exp - now); longer ones are refused. */
  tokenMaxLifetimeSeconds: number;
  /** How long a JWKS fetched from the issuer is used: a key the issuer withdraws is honoured at most this long. */
  oidcJwksMaxAgeSeconds: number;
  /** The longest wait between two attempts to reach the issuer while it fails (exponential from 1 s). */
  oidcRetryMaxSeconds: number;
  logLevel: string;
  requestTimeoutMs: number;
  /** Rate limit for submissions and dev tokens, per client and minute. */
  writeRateLimitPerMinute: number;
  /** How often the outbox relay looks for notifications to deliver; 0 turns the relay off. */
  outboxPollMs: number;
  /** Where notifications are POSTed (the municipality's messaging service); null: only logged. */
  notifyWebhookUrl: string | null;
  /**
   * Secret for the Standard Webhooks `webhook-signature` of each POST: `whsec_<base64 key>`, or
   * an older secret whose characters are the key (see webhook-signature.ts); null: unsigned.
   */
  notifyWebhookSecret: string | null;
  /** The log's name on its checkpoints (c2sp.org/tlog-checkpoint origin), also their key's name. */
  checkpointOrigin: string;
  /** PKCS#8 PEM Ed25519 private key that signs checkpoints; null: generated once into DATA_DIR. */
  checkpointSigningKey: string | null;
  /** The longest time (ms) between checkpoints while the log grows. */
  checkpointIntervalMs: number;
  /** How often (ms) each process looks for account reminders to send; 0: never. */
  accountReminderIntervalMs: number;
  /** The municipality's name as its letters carry it (MUNICIPALITY_NAME). */
  municipalityName: string;
  /** The web front end's look: name, colour, logo, footer links (THEME_*). */
  theme: ThemeConfig;
  /** Adopt a demo frame (programmes of this year) on an empty database (DEMO_DATA; never in production). */
  demoData: boolean;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}`);
  }
  return raw;
}

/**
 * Authentication fails closed: dev tokens (any role, council included, for anyone who asks)
 * only when development is asked for by name, AUTH_MODE=dev or NODE_ENV development/test.
 * Otherwise, NODE_ENV unset included, it is OIDC, and without OIDC settings the app does not
 * start. An unknown NODE_ENV ("Production", "prod") stops it too rather than meaning anything.
 */
function authModeOf(env: NodeJS.ProcessEnv, nodeEnv: NodeEnv | null, oidcIssuer: string | null): AuthMode {
  const raw = env.AUTH_MODE || null;
  if (raw !== null && raw !== 'dev' && raw !== 'oidc') {
    throw new ConfigError('AUTH_MODE', `must be "dev" or "oidc", got "${raw}"`);
  }
  if (nodeEnv === 'production' && raw === 'dev') {
    throw new ConfigError(
      'AUTH_MODE',
      'must be "oidc" when NODE_ENV=production (dev tokens are for development only)',
    );
  }
  if (raw !== null) return raw;
  if (nodeEnv === 'development' || nodeEnv === 'test') return 'dev';
  if (nodeEnv === null && !oidcIssuer) {
    throw new ConfigError(
      'NODE_ENV',
      'is not set and neither are OIDC_ISSUER and OIDC_AUDIENCE: set NODE_ENV=development for dev tokens on your own machine, or the OIDC settings (NODE_ENV=production) anywhere else',
    );
  }
  return 'oidc';
}

/** CHECKPOINT_SIGNING_KEY: an Ed25519 private key in PKCS#8 PEM, or unset. */
function ed25519Key(env: NodeJS.ProcessEnv, name: string): string | null {
  const pem = env[name];
  if (pem === undefined || pem === '') return null;
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch {
    type = undefined;
  }
  if (type !== 'ed25519') throw new ConfigError(name, 'must be an Ed25519 private key in PKCS#8 PEM');
  return pem;
}

/**
 * ACCOUNT_REMINDER_INTERVAL_MS: 0 (never), or 100 ms to a day (default 15 minutes). A reminder
 * is due on a day, so it goes out at most one interval after that day begins.
 */
function reminderInterval(env: NodeJS.ProcessEnv): number {
  const name = 'ACCOUNT_REMINDER_INTERVAL_MS';
  const value = int(env, name, 900_000, 0, 86_400_000);
  if (value > 0 && value < 100)
    throw new ConfigError(name, `must be 0 (never) or at least 100, got ${value}`);
  return value;
}

/** The database settings: part of loadConfig, and all that `npm run migrate` needs and checks. */
export type DatabaseConfig = Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'migrationsRun' | 'dbPoolSize'>;

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: env.DATA_DIR || './data',
    migrationsRun: bool(env, 'MIGRATIONS_RUN', true),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 20, 1, 500),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnvRaw = env.NODE_ENV || null;
  if (nodeEnvRaw !== null && !(NODE_ENVS as readonly string[]).includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be ${NODE_ENVS.join(', ')} or unset, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as NodeEnv | null;
  const oidcIssuer = url(env, 'OIDC_ISSUER', ['https:', 'http:']);
  const oidcAudience = env.OIDC_AUDIENCE || null;
  const authMode = authModeOf(env, nodeEnv, oidcIssuer);
  if (authMode === 'oidc' && !oidcIssuer) {
    throw new ConfigError(
      'OIDC_ISSUER',
      'is required when AUTH_MODE=oidc (the mode unless AUTH_MODE=dev or NODE_ENV is development or test)',
    );
  }
  if (authMode === 'oidc' && !oidcAudience) {
    throw new ConfigError('OIDC_AUDIENCE', 'is required when AUTH_MODE=oidc');
  }
  const oidcAlgorithms = (env.OIDC_ALGORITHMS || 'RS256').split(',').map((a) => a.trim());
  for (const alg of oidcAlgorithms) {
    if (!ALGORITHMS.includes(alg))
      throw new ConfigError('OIDC_ALGORITHMS', `contains an unsupported algorithm "${alg}"`);
  }
  const tokenMaxLifetimeSeconds = int(env, 'TOKEN_MAX_LIFETIME_SECONDS', 86400, 60, 86400);
  const devTokenTtlSeconds = int(env, 'DEV_TOKEN_TTL_SECONDS', 3600, 60, 86400);
  if (authMode === 'dev' && devTokenTtlSeconds > tokenMaxLifetimeSeconds) {
    throw new ConfigError(
      'DEV_TOKEN_TTL_SECONDS',
      `must not exceed TOKEN_MAX_LIFETIME_SECONDS (${tokenMaxLifetimeSeconds}), got ${devTokenTtlSeconds}`,
    );
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const notifyWebhookUrl = url(env, 'NOTIFY_WEBHOOK_URL', ['https:', 'http:']);
  const notifyWebhookSecret = env.NOTIFY_WEBHOOK_SECRET || null;
  if (notifyWebhookSecret && !notifyWebhookUrl) {
    throw new ConfigError('NOTIFY_WEBHOOK_SECRET', 'is set but NOTIFY_WEBHOOK_URL is not');
  }
  const parsedSecret = notifyWebhookSecret ? parseWebhookSecret(notifyWebhookSecret) : null;
  if (parsedSecret && 'problem' in parsedSecret) {
    throw new ConfigError('NOTIFY_WEBHOOK_SECRET', parsedSecret.problem);
  }
  const checkpointOrigin = env.CHECKPOINT_ORIGIN || 'localhost/wijkflow';
  // The origin is also the signing key's name (c2sp.org/signed-note): no spaces, no "+".
  if (!/^[\x21-\x2a\x2c-\x7e]{1,255}$/.test(checkpointOrigin)) {
    throw new ConfigError(
      'CHECKPOINT_ORIGIN',
      'must be a name of printable characters without spaces or "+", such as gemeente-groningen.nl/wijkflow',
    );
  }
  const theme = loadThemeConfig(env);
  return {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    ...loadDatabaseConfig(env),
    authMode,
    oidcIssuer,
    oidcAudience,
    oidcAlgorithms,
    devSigningKey: env.DEV_SIGNING_KEY || null,
    devTokenTtlSeconds,
    tokenMaxLifetimeSeconds,
    oidcJwksMaxAgeSeconds: int(env, 'OIDC_JWKS_MAX_AGE_SECONDS', 300, 1, 3600),
    oidcRetryMaxSeconds: int(env, 'OIDC_RETRY_MAX_SECONDS', 60, 1, 3600),
    logLevel,
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30000, 100, 600000),
    writeRateLimitPerMinute: int(env, 'WRITE_RATE_LIMIT_PER_MINUTE', 600, 1, 1000000),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 1000, 0, 3600000),
    notifyWebhookUrl,
    notifyWebhookSecret,
    checkpointOrigin,
    checkpointSigningKey: ed25519Key(env, 'CHECKPOINT_SIGNING_KEY'),
    // At most an hour: checkpoints are promised at least hourly while the log grows.
    checkpointIntervalMs: int(env, 'CHECKPOINT_INTERVAL_MS', 3600000, 100, 3600000),
    accountReminderIntervalMs: reminderInterval(env),
    municipalityName: theme.municipalityName,
    theme,
    ...oidcClient(env),
    demoData: demoData(env, nodeEnv),
  };
}

/**
 * What the web front end needs to sign in at the issuer: public settings, served by
 * GET /auth/config. OIDC_CLIENT_ID is optional: an API that only serves other front ends
 * needs none.
 */
function oidcClient(env: NodeJS.ProcessEnv): Pick<AppConfig, 'oidcClientId' | 'oidcScope'> {
  const oidcClientId = env.OIDC_CLIENT_ID || null;
  if (oidcClientId !== null && !/^[\x21-\x7e]{1,200}$/.test(oidcClientId)) {
    throw new ConfigError('OIDC_CLIENT_ID', 'must be 1 to 200 printable characters without spaces');
  }
  const scopes = (env.OIDC_SCOPE || 'openid profile').trim().split(/\s+/);
  if (!scopes.includes('openid') || !scopes.every((scope) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) {
    throw new ConfigError('OIDC_SCOPE', 'must be scopes separated by spaces, "openid" among them');
  }
  return { oidcClientId, oidcScope: scopes.join(' ') };
}

/**
 * DEMO_DATA: on by default in development only; never in production, where a demo frame
 * adopted by no council would be a frame all the same (asking for it there stops the app).
 */
function demoData(env: NodeJS.ProcessEnv, nodeEnv: NodeEnv | null): boolean {
  const on = bool(env, 'DEMO_DATA', nodeEnv === 'development');
  if (on && nodeEnv === 'production') {
    throw new ConfigError(
      'DEMO_DATA',
      'must not be true when NODE_ENV=production (demo data is for development)',
    );
  }
  return on;
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
