import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, MAIN, runScript, startApp } from './support/built-app.js';

/**
 * Start-up as an operator sees it: the built app as its own process. A bad setting stops it
 * with one line naming the setting; no settings at all serve on the embedded database.
 */
describe('configuration at start-up', () => {
  beforeAll(() => ensureBuilt());

  const dataDirs: string[] = [];
  afterAll(() => dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  function tempDataDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'wijkflow-config-'));
    dataDirs.push(dir);
    return dir;
  }

  const cases: [string, Record<string, string>, string][] = [
    ['PORT is not a number', { PORT: 'abc' }, 'PORT'],
    ['PORT is out of range', { PORT: '70000' }, 'PORT'],
    ['AUTH_MODE is unknown', { AUTH_MODE: 'x' }, 'AUTH_MODE'],
    ['NODE_ENV=production without OIDC settings', { NODE_ENV: 'production' }, 'OIDC_ISSUER'],
    ['NODE_ENV=production with AUTH_MODE=dev', { NODE_ENV: 'production', AUTH_MODE: 'dev' }, 'AUTH_MODE'],
    [
      'AUTH_MODE=oidc without OIDC_AUDIENCE',
      { AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://id.example.org' },
      'OIDC_AUDIENCE',
    ],
    [
      'OIDC_ISSUER is not a URL',
      { AUTH_MODE: 'oidc', OIDC_ISSUER: 'id', OIDC_AUDIENCE: 'wijkflow' },
      'OIDC_ISSUER',
    ],
    ['DATABASE_URL is not a postgres URL', { DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    ['MIGRATIONS_RUN is not a boolean', { MIGRATIONS_RUN: 'sometimes' }, 'MIGRATIONS_RUN'],
    ['LOG_LEVEL is unknown', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ];

  it.each(cases)('exits 1 with one line naming the setting when %s', async (_, env, setting) => {
    const res = await runScript(MAIN, { DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent', ...env });
    expect(res.code).toBe(1);
    const lines = res.stderr.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(setting);
    expect(res.stderr).not.toMatch(/\bat \S+ \(|\.js:\d+|Error:/);
    expect(res.stdout).toBe('');
  });

  it('starts with no settings at all on the embedded database in DATA_DIR, serving /health and the areas', async () => {
    const dataDir = tempDataDir();
    const app = await startApp({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    try {
      const health = await fetch(`${app.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const areas = await fetch(`${app.url}/api/v1/areas`);
      expect(areas.status).toBe(200);
      expect(((await areas.json()) as { code: string }[]).map((a) => a.code).sort()).toEqual([
        'centrum',
        'oost',
        'oude-wijken',
        'west',
        'zuid',
      ]);
      // The database and the dev signing key live in DATA_DIR, nowhere else.
      expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);
      expect(existsSync(path.join(dataDir, 'dev-signing-key.pem'))).toBe(true);
    } finally {
      const exited = await app.stop();
      expect(exited.stderr).toBe('');
    }
  });
});
