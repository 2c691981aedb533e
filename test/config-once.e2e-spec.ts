import { ConfigService } from '@nestjs/config';
import { APP_CONFIG, type AppConfig } from '../apps/api/src/common/config.js';
import { ensureBuilt, MIGRATE, runScript } from './support/built-app.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/**
 * Settings are loaded and validated once per app, through @nestjs/config's validate hook, and
 * `npm run migrate` checks its settings with the same rules. Every problem, also the 404 for a
 * path outside the API, is built by the same code.
 */
describe('configuration once, problems one way', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: '77' });
  });
  afterAll(() => t.close());

  it('serves the validated settings through ConfigService and APP_CONFIG as one object', () => {
    const config = t.app.get<AppConfig>(APP_CONFIG);
    expect(config.writeRateLimitPerMinute).toBe(77);
    expect(t.app.get(ConfigService).getOrThrow('wijkflow')).toBe(config);
  });

  it('gives each app its own settings, read when the app is created', async () => {
    const other = await createTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: '78' });
    try {
      expect(other.app.get<AppConfig>(APP_CONFIG).writeRateLimitPerMinute).toBe(78);
      expect(t.app.get<AppConfig>(APP_CONFIG).writeRateLimitPerMinute).toBe(77);
    } finally {
      await other.close();
    }
  });

  it('answers an unknown path outside the API with the same problem as an unknown API route', async () => {
    const outside = expectProblem(await t.http.get('/nothing-here'), 404);
    const inside = expectProblem(await t.http.get('/api/v1/nothing-here'), 404);
    const slash = expectProblem(await t.http.get('/api/v1/areas/'), 404);
    expect(outside).toEqual(inside);
    expect(slash).toEqual(inside);
  });

  it('npm run migrate refuses a bad setting with the same one line as the app', async () => {
    ensureBuilt();
    const res = await runScript(MIGRATE, { DB_POOL_SIZE: '0', DATABASE_URL: undefined });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'Migration failed: Invalid configuration: DB_POOL_SIZE must be between 1 and 500, got 0\n',
    );
  });
});
