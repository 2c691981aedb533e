/**
 * The process's settings, read once from the environment and validated before Nest starts.
 * A bad or missing setting stops the process with one line naming it (see main.ts).
 */
export type AuthMode = 'dev' | 'oidc';

export interface AppConfig {
  nodeEnv: string;
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  migrationsRun: boolean;
  dbPoolSize: number;
  authMode: AuthMode;
  oidcIssuer: string | null;
  oidcAudience: string | null;
  oidcAlgorithms: string[];
  devSigningKey: string | null;
  devTokenTtlSeconds: number;
  logLevel: string;
  requestTimeoutMs: number;
  /** Rate limit for submissions and dev tokens, per client and minute. */
  writeRateLimitPerMinute: number;
  /** How often the outbox relay looks for notifications to deliver; 0 turns the relay off. */
  outboxPollMs: number;
  /** Where notifications are POSTed (the municipality's messaging service); null: only logged. */
  notifyWebhookUrl: string | null;
  /** Key for the HMAC-SHA256 `Webhook-Signature` of each POST; null: unsigned. */
  notifyWebhookSecret: string | null;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${setting} ${reason}`);
    this.name = 'ConfigError';
  }
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV || 'development';
  const production = nodeEnv === 'production';
  const authModeRaw = env.AUTH_MODE || (production ? 'oidc' : 'dev');
  if (authModeRaw !== 'dev' && authModeRaw !== 'oidc') {
    throw new ConfigError('AUTH_MODE', `must be "dev" or "oidc", got "${authModeRaw}"`);
  }
  const authMode = authModeRaw as AuthMode;
  const oidcIssuer = url(env, 'OIDC_ISSUER', ['https:', 'http:']);
  const oidcAudience = env.OIDC_AUDIENCE || null;
  if (production && authMode !== 'oidc') {
    throw new ConfigError(
      'AUTH_MODE',
      'must be "oidc" when NODE_ENV=production (dev tokens are for development only)',
    );
  }
  if (authMode === 'oidc' && !oidcIssuer) {
    throw new ConfigError('OIDC_ISSUER', 'is required when AUTH_MODE=oidc');
  }
  if (authMode === 'oidc' && !oidcAudience) {
    throw new ConfigError('OIDC_AUDIENCE', 'is required when AUTH_MODE=oidc');
  }
  const oidcAlgorithms = (env.OIDC_ALGORITHMS || 'RS256').split(',').map((a) => a.trim());
  for (const alg of oidcAlgorithms) {
    if (!ALGORITHMS.includes(alg))
      throw new ConfigError('OIDC_ALGORITHMS', `contains an unsupported algorithm "${alg}"`);
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const dataDir = env.DATA_DIR || './data';
  const notifyWebhookUrl = url(env, 'NOTIFY_WEBHOOK_URL', ['https:', 'http:']);
  const notifyWebhookSecret = env.NOTIFY_WEBHOOK_SECRET || null;
  if (notifyWebhookSecret && !notifyWebhookUrl) {
    throw new ConfigError('NOTIFY_WEBHOOK_SECRET', 'is set but NOTIFY_WEBHOOK_URL is not');
  }
  if (notifyWebhookSecret && notifyWebhookSecret.length < 16) {
    throw new ConfigError('NOTIFY_WEBHOOK_SECRET', 'must be at least 16 characters');
  }
  return {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir,
    migrationsRun: bool(env, 'MIGRATIONS_RUN', true),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 20, 1, 500),
    authMode,
    oidcIssuer,
    oidcAudience,
    oidcAlgorithms,
    devSigningKey: env.DEV_SIGNING_KEY || null,
    devTokenTtlSeconds: int(env, 'DEV_TOKEN_TTL_SECONDS', 3600, 60, 86400 * 7),
    logLevel,
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30000, 100, 600000),
    writeRateLimitPerMinute: int(env, 'WRITE_RATE_LIMIT_PER_MINUTE', 600, 1, 1000000),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 1000, 0, 3600000),
    notifyWebhookUrl,
    notifyWebhookSecret,
  };
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
