import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type { Response } from 'supertest';
import { ConfigError, loadConfig } from '../../apps/api/src/common/config.js';

/**
 * Boots the real app on a fresh database for one test file: an in-memory PGlite by default,
 * a new PostgreSQL database when TEST_DATABASE_URL is set (dropped again on close).
 */
export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  databaseUrl: string | null;
  token(sub: string, roles: string[], areas?: string[], name?: string): Promise<string>;
  close(): Promise<void>;
}

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const name = `wijkflow_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Somewhere for an app started by a test to keep its data, fresh for that test: a new DATA_DIR
 * (the embedded database, and the keys the app generates), and a new PostgreSQL database when
 * TEST_DATABASE_URL is set. `env` holds the settings that point an app there.
 */
export interface TestStore {
  env: { DATA_DIR: string; DATABASE_URL?: string };
  databaseUrl: string | null;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestStore(): Promise<TestStore> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-test-'));
  return {
    env: { DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}) },
    databaseUrl: db?.url ?? null,
    dataDir,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      await db?.drop();
    },
  };
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const saved = { ...process.env };
  delete process.env.DATABASE_URL;
  // A test never posts to a messaging service from the developer's shell, only to its own.
  delete process.env.NOTIFY_WEBHOOK_URL;
  delete process.env.NOTIFY_WEBHOOK_SECRET;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'silent',
    DATA_DIR: `memory://${randomBytes(4).toString('hex')}`,
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...env,
  });
  const { createApp } = await import('../../apps/api/src/app.setup.js');
  const app = await createApp();
  await app.init();
  process.env = saved;
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    databaseUrl: db?.url ?? null,
    async token(sub, roles, areas = [], name = sub) {
      const res = await request(app.getHttpServer())
        .post('/api/v1/auth/dev-token')
        .send({ sub, name, roles, areas });
      if (res.status !== 201) throw new Error(`dev-token failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      await db?.drop();
    },
  };
}

/** Asserts a response is a problem document with this status and no internals in it. */
export function expectProblem(res: Response, status: number): Record<string, unknown> {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  // Every problem says which language its title, detail and reasons are in (docs/api.md).
  expect(res.headers['content-language']).toMatch(/^(nl|en)$/);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.any(String),
  });
  expectNoInternals(res.text);
  return body;
}

/** No stack traces, SQL, table or class names in anything a client receives. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(
    /\bat \S+ \(|node_modules|QueryFailedError|TypeORM|SELECT |INSERT |UPDATE \w+ SET|process_log|DomainError|Exception\b/,
  );
}

/** Asserts that loadConfig refuses `env` with a ConfigError naming `setting`. */
export function expectSettingRefused(env: Record<string, string>, setting: string): void {
  let error: unknown;
  try {
    loadConfig(env);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).setting).toBe(setting);
}
