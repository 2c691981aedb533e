// What a newcomer sees when the app starts: the address it listens on, and pages that load
// over plain http (no Content-Security-Policy sending the browser to https).
import { call, type SpawnedApp, spawnApp } from './support/spawn-app.js';
import { createTestDatabase } from './support/test-app.js';

describe('starting the app', () => {
  let app: SpawnedApp | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db?.drop;
    app = await spawnApp({ databaseUrl: db?.url ?? null, env: { LOG_LEVEL: 'info' } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await drop?.();
  });

  it('says in one line where it listens', () => {
    const port = new URL(app!.url).port;
    const lines = app!
      .output()
      .split('\n')
      .filter((l) => l.includes('Wijkflow luistert op'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).msg).toMatch(
      new RegExp(`^Wijkflow luistert op http://localhost:${port}( |$)`),
    );
  });

  it('sends no upgrade-insecure-requests over plain http, for the web front end and the API', async () => {
    for (const path of ['/', '/health']) {
      const res = await fetch(`${app!.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect({ path, csp: csp.includes("default-src 'self'") }).toEqual({ path, csp: true });
      expect({ path, upgrade: csp.includes('upgrade-insecure-requests') }).toEqual({ path, upgrade: false });
    }
    expect((await call(`${app!.url}/health`, 'GET', null)).status).toBe(200);
  });
});
