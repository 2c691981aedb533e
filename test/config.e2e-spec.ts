import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, MAIN, ROOT, runScript, type Settings, startApp } from './support/built-app.js';

/**
 * Start-up as an operator sees it: the built app as its own process. A bad setting stops it
 * with one line naming the setting; NODE_ENV=development alone serves on the embedded
 * database. (The helpers give every process NODE_ENV=test unless a test says otherwise.)
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

  const OIDC = { OIDC_ISSUER: 'https://id.example.org', OIDC_AUDIENCE: 'wijkflow' };
  const cases: [string, Settings, string][] = [
    // Authentication fails closed: dev tokens only when development is asked for by name.
    ['nothing is set (no NODE_ENV, AUTH_MODE or OIDC settings)', { NODE_ENV: undefined }, 'NODE_ENV'],
    ['NODE_ENV=Production (not a known value)', { NODE_ENV: 'Production' }, 'NODE_ENV'],
    ['NODE_ENV=prod', { NODE_ENV: 'prod' }, 'NODE_ENV'],
    ['NODE_ENV=Production, even with OIDC settings', { NODE_ENV: 'Production', ...OIDC }, 'NODE_ENV'],
    ['NODE_ENV=staging with AUTH_MODE=dev', { NODE_ENV: 'staging', AUTH_MODE: 'dev' }, 'NODE_ENV'],
    [
      'NODE_ENV=production, AUTH_MODE unset, no OIDC settings',
      { NODE_ENV: 'production', AUTH_MODE: undefined },
      'OIDC_ISSUER',
    ],
    [
      'DEV_TOKEN_TTL_SECONDS above TOKEN_MAX_LIFETIME_SECONDS',
      { NODE_ENV: 'development', TOKEN_MAX_LIFETIME_SECONDS: '3600', DEV_TOKEN_TTL_SECONDS: '7200' },
      'DEV_TOKEN_TTL_SECONDS',
    ],
    [
      'DEV_TOKEN_TTL_SECONDS above a day',
      { NODE_ENV: 'development', DEV_TOKEN_TTL_SECONDS: '90000' },
      'DEV_TOKEN_TTL_SECONDS',
    ],
    [
      'TOKEN_MAX_LIFETIME_SECONDS above a day',
      { TOKEN_MAX_LIFETIME_SECONDS: '172800' },
      'TOKEN_MAX_LIFETIME_SECONDS',
    ],
    [
      'OIDC_JWKS_MAX_AGE_SECONDS is 0',
      { NODE_ENV: 'production', ...OIDC, OIDC_JWKS_MAX_AGE_SECONDS: '0' },
      'OIDC_JWKS_MAX_AGE_SECONDS',
    ],
    [
      'OIDC_RETRY_MAX_SECONDS is not a number',
      { NODE_ENV: 'production', ...OIDC, OIDC_RETRY_MAX_SECONDS: 'soon' },
      'OIDC_RETRY_MAX_SECONDS',
    ],
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
    // An app that starts (as the old code did) fails the test without waiting the full 30 s.
    const res = await runScript(
      MAIN,
      { DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent', ...env },
      { timeoutMs: 15000 },
    );
    expect(res.code).toBe(1);
    const lines = res.stderr.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(setting);
    expect(res.stderr).not.toMatch(/\bat \S+ \(|\.js:\d+|Error:/);
    expect(res.stdout).toBe('');
  });

  it('starts with NODE_ENV=development alone on the embedded database in DATA_DIR, serving /health and the areas', async () => {
    const dataDir = tempDataDir();
    const app = await startApp({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
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
    // A first start in development migrates a new database and adopts the demo frame; on a
    // loaded machine that took over 30 s (spawn-app itself waits up to 60 s for /health).
  }, 120_000);
});

describe("npm start: the developer's command", () => {
  // The quick start is `npm start` with nothing set: the script asks for development by name
  // when NODE_ENV is unset, and leaves any NODE_ENV that is set (production) as it is.
  const script = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts.start;
  const nodeEnvUnder = (env: Record<string, string>) => {
    const prefix = script.slice(0, script.indexOf(' node '));
    const probe = `${prefix} node -e "process.stdout.write(String(process.env.NODE_ENV))"`;
    const { NODE_ENV: _inherited, ...rest } = process.env;
    return execFileSync('sh', ['-c', probe], { env: { ...rest, ...env }, encoding: 'utf8' });
  };

  it('runs in development when NODE_ENV is unset, and as set otherwise', () => {
    expect(script).toMatch(/ node .*dist\/apps\/api\/src\/main\.js$/);
    expect(nodeEnvUnder({})).toBe('development');
    expect(nodeEnvUnder({ NODE_ENV: 'production' })).toBe('production');
    expect(nodeEnvUnder({ NODE_ENV: 'Production' })).toBe('Production'); // refused by the app
  });
});

describe('dev tokens at start-up', () => {
  beforeAll(() => ensureBuilt());

  // In memory: these tests are about the tokens, and a busy machine starts that faster.
  const dataDir = 'memory://config-dev';
  // Start-up includes the migrations; on a loaded machine that can take a while.
  const STARTUP_MS = 120_000;

  /** The warn-level JSON log lines that say dev tokens are on. */
  function devTokenWarnings(stdout: string): Record<string, unknown>[] {
    return stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === 40 && /dev tokens are on/.test(String(l.msg)));
  }

  async function devTokenStatus(url: string): Promise<number> {
    const res = await fetch(`${url}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sub: 'raad-1', name: 'Raadslid', roles: ['council'] }),
    });
    return res.status;
  }

  it.each<[string, Settings]>([
    ['NODE_ENV=development', { NODE_ENV: 'development' }],
    ['NODE_ENV=test', { NODE_ENV: 'test' }],
    ['AUTH_MODE=dev without NODE_ENV', { NODE_ENV: undefined, AUTH_MODE: 'dev' }],
  ])(
    '%s hands out dev tokens and logs a warning line saying so',
    async (_, env) => {
      const app = await startApp({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env }, STARTUP_MS);
      let status: number;
      try {
        status = await devTokenStatus(app.url);
      } finally {
        const exited = await app.stop();
        expect(devTokenWarnings(exited.stdout)).toHaveLength(1);
      }
      expect(status).toBe(201);
    },
    180_000,
  );

  it('NODE_ENV=production with OIDC settings has no dev-token endpoint and logs no such warning', async () => {
    const app = await startApp(
      {
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        OIDC_ISSUER: 'http://127.0.0.1:9/issuer',
        OIDC_AUDIENCE: 'wijkflow',
      },
      STARTUP_MS,
    );
    let status: number;
    try {
      status = await devTokenStatus(app.url);
    } finally {
      const exited = await app.stop();
      expect(devTokenWarnings(exited.stdout)).toEqual([]);
      expect(exited.stdout).toMatch(/"level":30/); // it does log at this level: the absence means something
    }
    expect(status).toBe(404);
  }, 180_000);
});
