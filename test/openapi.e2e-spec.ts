import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, ROOT, runScript } from './support/built-app.js';
import { REFUSAL_CODES } from '../libs/workflows/src/index.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The served OpenAPI document passes the NL API Design Rules linter (adr/linter.yaml, the
 * Logius ruleset for Spectral) without errors, and `npm run lint:api` lints that same document.
 */
interface SpectralResult {
  code: string;
  message: string;
  severity: number; // 0 error, 1 warning, 2 info, 3 hint
  path: string[];
}

const dir = mkdtempSync(path.join(tmpdir(), 'wijkflow-openapi-'));

function spectral(document: unknown): { status: number | null; errors: SpectralResult[] } {
  const input = path.join(dir, 'openapi.json');
  const output = path.join(dir, 'results.json');
  writeFileSync(input, JSON.stringify(document));
  writeFileSync(output, '[]');
  const cli = path.join(ROOT, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
  const ruleset = path.join(ROOT, 'adr', 'linter.yaml');
  const res = spawnSync(
    process.execPath,
    [cli, 'lint', '-r', ruleset, input, '-f', 'json', '-o', output, '--fail-severity=error'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const results = JSON.parse(readFileSync(output, 'utf8') || '[]') as SpectralResult[];
  return { status: res.status, errors: results.filter((r) => r.severity === 0) };
}

describe('OpenAPI document against the NL API Design Rules', () => {
  let t: TestApp;
  let served: Record<string, unknown>;
  beforeAll(async () => {
    t = await createTestApp();
    served = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("declares the refusal codes as an enum on the problem's code, and the app refuses with them", async () => {
    const problem = (
      served.components as { schemas: Record<string, { properties: Record<string, unknown> }> }
    ).schemas.Problem;
    expect(problem.properties.code).toMatchObject({ type: 'string', enum: [...REFUSAL_CODES] });
    const resident = await t.token('openapi-resident', ['resident']);
    const created = await t.http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${resident}`)
      .send({
        type: 'initiative',
        title: 'Bankjes',
        description: 'Twee bankjes op het plein.',
        areaCode: 'west',
        theme: 'ontmoeting',
        requestedAmountCents: 50000,
        contactEmail: 'bewoner@example.org',
      })
      .expect(201);
    const refused = await t.http
      .post(`/api/v1/cases/${created.body.id}/events`)
      .set('Authorization', `Bearer ${resident}`)
      .send({ type: 'ASSESS', advice: 'honour', motivation: 'Mijn eigen plan is goed.' });
    expect(refused.status).toBe(403);
    expect(REFUSAL_CODES).toContain(refused.body.code);
  });

  it('passes the linter with no errors', () => {
    const { status, errors } = spectral(served);
    expect(errors.map((e) => `${e.code} at ${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(status).toBe(0);
  });

  it('would fail it without contact, servers or problem+json errors (the ruleset is active)', () => {
    const broken = structuredClone(served) as {
      info: Record<string, unknown>;
      servers?: unknown;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    delete broken.info.contact;
    delete broken.servers;
    broken.paths['/areas'].get.responses['500'] = {
      description: 'Oops',
      content: { 'application/json': { schema: { type: 'object' } } },
    };
    const { status, errors } = spectral(broken);
    expect(status).not.toBe(0);
    expect(errors.map((e) => e.code)).toEqual(
      expect.arrayContaining(['info-contact', 'oas3-api-servers', 'nlgov:use-problem-schema']),
    );
  });

  it('documents every path parameter, a 400 wherever there is input and API-Version on every response', () => {
    const paths = served.paths as Record<string, Record<string, Record<string, unknown>>>;
    for (const [route, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        const params = (op.parameters ?? []) as { name: string; in: string }[];
        for (const [, name] of route.matchAll(/\{([^}]+)\}/g)) {
          expect({ route, method, param: params.some((p) => p.in === 'path' && p.name === name) }).toEqual({
            route,
            method,
            param: true,
          });
        }
        const responses = op.responses as Record<string, { headers?: Record<string, unknown> }>;
        if (['post', 'put', 'patch'].includes(method) || params.length > 0) {
          expect({ route, method, has400: '400' in responses }).toEqual({ route, method, has400: true });
        }
        for (const response of Object.values(responses))
          expect(response.headers?.['API-Version']).toBeDefined();
      }
    }
  });

  it('is the document that `npm run lint:api` exports and lints', async () => {
    ensureBuilt();
    const file = path.join(dir, 'exported.json');
    const script = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'openapi-export.js');
    const res = await runScript(script, {}, { args: [file], timeoutMs: 60000 });
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(served);
  });
});
