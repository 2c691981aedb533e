import pg from 'pg';
import { getPGliteInstance } from 'typeorm-pglite';
import { createTestApp, expectProblem, onPostgres, type TestApp } from './support/test-app.js';

/**
 * GET /health answers 503 when the database does not, and the app keeps answering: on
 * PostgreSQL the test database is dropped under the running app, on the embedded database
 * the PGlite instance is closed.
 */
describe('health: 503 when the database is gone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    // The database is gone: closing the app may complain, which is not what is tested here.
    await t.close().catch(() => undefined);
  });

  async function takeTheDatabaseAway(): Promise<void> {
    if (onPostgres) {
      const name = new URL(t.databaseUrl!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    } else {
      await (await getPGliteInstance()).close();
    }
  }

  it('answers 200 while the database answers, then 503 problem+json without internals, and keeps answering', async () => {
    const ok = await t.http.get('/health').expect(200);
    expect(ok.body).toMatchObject({ status: 'ok' });

    await takeTheDatabaseAway();

    const down = await t.http.get('/health');
    const problem = expectProblem(down, 503);
    expect(problem).toEqual({
      type: expect.any(String),
      title: expect.any(String),
      status: 503,
      detail: expect.any(String),
    });
    expect(down.headers['retry-after']).toMatch(/^\d+$/);
    expect(down.text).not.toMatch(/database "|pglite|ECONN|terminat|closed/i);

    // It keeps answering: again 503 on /health, 503 where the database is needed, 404 where
    // it is not. (One test with the above: on PGlite no other app can start in this process
    // once the database is closed, so a second test could not have a database to take away.)
    expectProblem(await t.http.get('/health'), 503);
    const areas = await t.http.get('/api/v1/areas');
    expectProblem(areas, 503);
    expect(areas.text).not.toMatch(/database "|pglite|ECONN|terminat|closed/i);
    expectProblem(await t.http.get('/api/v1/nope'), 404);
    expectProblem(await t.http.get('/api/v1/auth/me'), 401);
    const openapi = await t.http.get('/api/v1/openapi.json').expect(200);
    expect(openapi.body.openapi).toMatch(/^3\./);
  });
});
