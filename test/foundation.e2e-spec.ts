import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

describe('foundation: conventions, areas, health, auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the five areas publicly, with API-Version and security headers', async () => {
    const res = await t.http.get('/api/v1/areas').expect(200);
    expect(res.body.map((a: { code: string }) => a.code).sort()).toEqual([
      'centrum',
      'oost',
      'oude-wijken',
      'west',
      'zuid',
    ]);
    // Each with the wijken it covers, none in two areas.
    const wijken = res.body.flatMap((a: { neighbourhoods: string[] }) => a.neighbourhoods);
    expect(res.body.find((a: { code: string }) => a.code === 'oost').neighbourhoods).toContain('Lewenborg');
    expect(res.body.find((a: { code: string }) => a.code === 'west').neighbourhoods).toContain('Selwerd');
    for (const area of res.body) expect(area.neighbourhoods.length).toBeGreaterThan(0);
    expect(new Set(wijken).size).toBe(wijken.length);
    expect(res.headers['api-version']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('answers /health with status ok', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('404s unknown paths and trailing slashes as problem+json, with or without a token', async () => {
    const token = await t.token('c1', ['council']);
    expectProblem(await t.http.get('/api/v1/nope'), 404);
    expectProblem(await t.http.get('/api/v1/areas/'), 404);
    expectProblem(await t.http.get('/api/v1/areas/').set('Authorization', `Bearer ${token}`), 404);
    expectProblem(await t.http.get('/health/'), 404);
    expectProblem(await t.http.get('/nope'), 404);
    expectProblem(await t.http.post('/api').send({}), 404);
    expectProblem(await t.http.get('/nope').set('Authorization', `Bearer ${token}`), 404);
  });

  it('serves the OpenAPI document and Swagger UI publicly', async () => {
    const res = await t.http.get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/areas']).toBeDefined();
    expect(res.headers['api-version']).toBeDefined();
    await t.http.get('/api/v1/docs').expect(200);
  });

  it('issues dev tokens and validates their body listing every invalid field', async () => {
    const ok = await t.http
      .post('/api/v1/auth/dev-token')
      .send({ sub: 'r1', name: 'R', roles: ['resident'] })
      .expect(201);
    expect(ok.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
      accessToken: expect.any(String),
    });
    const bad = expectProblem(
      await t.http.post('/api/v1/auth/dev-token').send({ sub: 5, roles: ['king'], extra: true }),
      400,
    );
    const names = (bad.invalidParams as { name: string }[]).map((p) => p.name).sort();
    expect(names).toEqual(['extra', 'name', 'roles', 'sub']);
    const area = expectProblem(
      await t.http
        .post('/api/v1/auth/dev-token')
        .send({ sub: 'o', name: 'O', roles: ['official'], areas: ['mars'] }),
      400,
    );
    expect(area.invalidParams).toEqual([{ name: 'areas', reason: expect.stringContaining('mars') }]);
  });

  it('refuses malformed JSON with 400 and bodies above 1 MB with 413', async () => {
    expectProblem(
      await t.http.post('/api/v1/auth/dev-token').set('Content-Type', 'application/json').send('{"sub": '),
      400,
    );
    const big = JSON.stringify({ sub: 'x', name: 'y'.repeat(1_100_000), roles: ['resident'] });
    expectProblem(
      await t.http.post('/api/v1/auth/dev-token').set('Content-Type', 'application/json').send(big),
      413,
    );
  });
});
