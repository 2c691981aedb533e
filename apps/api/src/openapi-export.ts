/**
 * Writes the OpenAPI document to a file (default dist/openapi.json) without serving it, for
 * `npm run lint:api`. The document depends on the code only, not on the settings, so the app
 * is built on a throwaway in-memory database with development settings.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? 'dist/openapi.json');

for (const name of [
  'DATABASE_URL',
  'DEV_SIGNING_KEY',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_ALGORITHMS',
  'PORT',
]) {
  delete process.env[name];
}
Object.assign(process.env, {
  NODE_ENV: 'development',
  AUTH_MODE: 'dev',
  DATA_DIR: 'memory://openapi-export',
  LOG_LEVEL: 'silent',
  MIGRATIONS_RUN: 'true',
});

try {
  const { createApp } = await import('./app.setup.js');
  const { buildOpenApi } = await import('./common/openapi.js');
  const app = await createApp();
  await app.init();
  const document = buildOpenApi(app);
  await app.close();
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
  process.stdout.write(`OpenAPI document written to ${path.relative(process.cwd(), out)}\n`);
} catch (error) {
  process.stderr.write(
    `Could not export the OpenAPI document: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
