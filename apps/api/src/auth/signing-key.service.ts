import { Inject, Injectable, Logger } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_CONFIG, type AppConfig, ConfigError } from '../common/config.js';

export const DEV_ISSUER = 'wijkflow-dev';
export const DEV_AUDIENCE = 'wijkflow';
export const DEV_ALGORITHM = 'ES256';

/**
 * The key pair for dev-mode tokens: DEV_SIGNING_KEY (PKCS#8 PEM) when set, otherwise made
 * once and kept in DATA_DIR so tokens survive a restart. In memory mode it lives in memory.
 */
@Injectable()
export class SigningKeyService {
  private readonly logger = new Logger(SigningKeyService.name);
  readonly privateKey: KeyObject | null = null;
  readonly publicKey: KeyObject | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.authMode !== 'dev') return;
    // Said on every start: on a server reachable by others this is a hole, not a convenience.
    this.logger.warn(
      'dev tokens are on (AUTH_MODE=dev): anyone who can reach POST /api/v1/auth/dev-token gets a token with any role, council included. Use AUTH_MODE=oidc wherever real people or data are',
    );
    const pem = config.devSigningKey ?? this.loadOrCreate(config.dataDir);
    try {
      this.privateKey = createPrivateKey(pem);
    } catch {
      throw new ConfigError('DEV_SIGNING_KEY', 'is not a PKCS#8 PEM private key');
    }
    this.publicKey = createPublicKey(this.privateKey);
  }

  private loadOrCreate(dataDir: string): string {
    const fresh = () =>
      generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
    if (dataDir.startsWith('memory://')) return fresh();
    const file = path.resolve(dataDir, 'dev-signing-key.pem');
    if (existsSync(file)) return readFileSync(file, 'utf8');
    mkdirSync(path.dirname(file), { recursive: true });
    const pem = fresh();
    writeFileSync(file, pem, { mode: 0o600 });
    this.logger.log('generated a new dev signing key in DATA_DIR');
    return pem;
  }
}
