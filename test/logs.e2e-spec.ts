import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, type RunningApp, startApp } from './support/built-app.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * The built app's own stdout at LOG_LEVEL=info: one JSON object a line, a request id on every
 * request, and never a token or an e-mail address, wherever the client put them.
 */
const EMAIL = 'anna.devries@example.org';
const ANY_EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}/i;

describe('logs: structured, with a request id, without tokens or e-mail addresses', () => {
  let app: RunningApp;
  let stdout: string;
  let token: string;
  let cleanUp: () => Promise<void>;
  const requestIds: string[] = [];

  async function call(pathname: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${app.url}${pathname}`, init);
    const id = res.headers.get('x-request-id');
    if (id) requestIds.push(id);
    await res.arrayBuffer();
    return res;
  }
  const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  beforeAll(async () => {
    ensureBuilt();
    const db = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-logs-'));
    cleanUp = async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await db?.drop();
    };
    app = await startApp({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ...(db ? { DATABASE_URL: db.url } : {}) });

    const issued = await fetch(
      `${app.url}/api/v1/auth/dev-token`,
      json({ sub: 'resident-1', name: 'Anna de Vries', roles: ['resident'] }),
    );
    token = ((await issued.json()) as { accessToken: string }).accessToken;
    const auth = { Authorization: `Bearer ${token}` };

    await call('/api/v1/auth/me', { headers: { ...auth, 'X-Request-Id': 'trace-me-42' } });
    // E-mail addresses in a body the app refuses, in one it cannot parse, in a query string,
    // in a path, and in a body it accepts (a case, where the API takes contactEmail).
    await call(
      '/api/v1/auth/dev-token',
      json({ sub: 'r2', name: 'R', roles: ['resident'], contactEmail: EMAIL }),
    );
    await call('/api/v1/auth/dev-token', json(`{"contactEmail": "${EMAIL}", `));
    await call(`/api/v1/areas?email=${encodeURIComponent(EMAIL)}`, { headers: auth });
    await call(`/api/v1/areas/${EMAIL}`, { headers: auth });
    await call(
      '/api/v1/cases',
      json(
        {
          type: 'initiative',
          title: 'Speeltuin',
          description: 'Een speeltuin voor de buurt.',
          areaCode: 'oost',
          theme: 'speelruimte',
          requestedAmountCents: 100000,
          contactEmail: EMAIL,
        },
        auth,
      ),
    );
    // A token that fails verification is not logged either.
    await call('/api/v1/auth/me', { headers: { Authorization: `Bearer ${token.slice(0, -4)}AAAA` } });

    stdout = (await app.stop()).stdout;
  });
  afterAll(async () => {
    await cleanUp?.();
  });

  function lines(): Record<string, unknown>[] {
    return stdout
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it('writes one JSON object a line, with level and time', () => {
    const all = lines();
    expect(all.length).toBeGreaterThan(5);
    for (const line of all)
      expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(Number) });
  });

  it('logs every request with its request id (the X-Request-Id it answered, or the one given)', () => {
    const logged = new Set(
      lines()
        .map((l) => (l.req as { id?: string } | undefined)?.id)
        .filter(Boolean),
    );
    expect(requestIds).toContain('trace-me-42');
    expect(requestIds.length).toBe(7);
    for (const id of requestIds) expect(logged).toContain(id);
    const me = lines().find((l) => (l.req as { id?: string } | undefined)?.id === 'trace-me-42');
    expect(me).toMatchObject({ req: { method: 'GET', path: '/api/v1/auth/me' }, res: { statusCode: 200 } });
  });

  it('never contains the token, the Authorization header or an e-mail address', () => {
    expect(token.length).toBeGreaterThan(20);
    const [header, payload, signature] = token.split('.');
    for (const part of [token, header, payload, signature]) expect(stdout).not.toContain(part);
    expect(stdout).not.toMatch(/authorization|bearer/i);
    expect(stdout).not.toContain(EMAIL);
    expect(stdout).not.toMatch(ANY_EMAIL);
  });
});
