import { bearer } from './support/actors.js';
import { initiative } from './support/cases.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/** Rate limits on the routes that create things: submissions and dev tokens. */
describe('hardening: write rate limits', () => {
  const LIMIT = 4;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => t.close());

  const devToken = (sub: string) =>
    t.http
      .post('/api/v1/auth/dev-token')
      .send({ sub, name: sub, roles: ['resident', 'official'], areas: ['oost'] });

  it('answers 429 problem+json with Retry-After once a client passes the limit, on dev-token and on submissions', async () => {
    // dev-token is public: the client is the peer address. Tokens for later, within the limit.
    const first = await devToken('resident-1').expect(201);
    const anna = first.body.accessToken as string;
    // @nestjs/throttler tells the client where it stands.
    expect(first.headers['x-ratelimit-limit']).toBe(String(LIMIT));
    expect(first.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1));
    const bert = (await devToken('resident-2').expect(201)).body.accessToken as string;
    for (let i = 2; i < LIMIT; i++) await devToken(`resident-${i + 1}`).expect(201);
    const limited = expectProblem(await devToken('one-too-many'), 429);
    expect(limited.detail).toMatch(/probeer het over \d+ seconden? opnieuw/);
    const retryAfter = Number((await devToken('still-too-many')).headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Submissions count per actor; invalid ones count too (they cost the server the same).
    for (let i = 0; i < LIMIT - 1; i++) {
      await t.http.post('/api/v1/cases').set(bearer(anna)).send(initiative()).expect(201);
    }
    await t.http.post('/api/v1/cases').set(bearer(anna)).send({}).expect(400);
    const tooMany = await t.http.post('/api/v1/cases').set(bearer(anna)).send(initiative());
    expectProblem(tooMany, 429);
    expect(Number(tooMany.headers['retry-after'])).toBeGreaterThan(0);

    // Nothing was created by the refused request: anna has exactly LIMIT - 1 cases.
    const mine = await t.http.get('/api/v1/cases').set(bearer(anna)).expect(200);
    expect(mine.body.items).toHaveLength(LIMIT - 1);

    // Another actor has a window of their own; reads and events are not limited.
    await t.http.post('/api/v1/cases').set(bearer(bert)).send(initiative()).expect(201);
    for (let i = 0; i < LIMIT + 2; i++) await t.http.get('/api/v1/cases').set(bearer(anna)).expect(200);
    const id = mine.body.items[0].id as string;
    await t.http.get(`/api/v1/cases/${id}`).set(bearer(anna)).expect(200);
    // anna is also an official of oost: the event route is not rate limited.
    for (let i = 0; i < LIMIT + 1; i++) {
      await t.http
        .post(`/api/v1/cases/${id}/events`)
        .set(bearer(anna))
        .send({ type: 'REQUEST_INFO', question: '' })
        .expect(400);
    }
  });
});
