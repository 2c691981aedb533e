import { Database } from '../apps/api/src/database/database.service.js';
import { bearer, cast, type Cast, initiative } from './support/fixtures.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

describe('process log: append-only, chained, verifiable', () => {
  let t: TestApp;
  let a: Cast;
  let db: Database;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    db = t.app.get(Database);
    for (let i = 0; i < 3; i++) {
      const c = await t.http
        .post('/api/v1/cases')
        .set(bearer(a.resident))
        .send(initiative({ title: `Plan ${i}` }))
        .expect(201);
      await t.http
        .post(`/api/v1/cases/${c.body.id}/events`)
        .set(bearer(a.official))
        .send({ type: 'ASSESS', advice: 'reject', motivation: 'Niet haalbaar.' })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  const verify = async () =>
    (await t.http.get('/api/v1/audit/verify').set(bearer(a.council)).expect(200)).body;

  it('is valid on a clean log and reports its head', async () => {
    expect(await verify()).toMatchObject({
      valid: true,
      checked: 6,
      headSeq: 6,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await expect(
      db.transaction((m) => m.query(`UPDATE process_log SET event = 'X' WHERE seq = 1`)),
    ).rejects.toThrow();
    await expect(db.transaction((m) => m.query(`DELETE FROM process_log WHERE seq = 1`))).rejects.toThrow();
    expect(await verify()).toMatchObject({ valid: true, checked: 6 });
  });

  it('turns invalid, naming the entry, after a row is altered with the trigger bypassed', async () => {
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `UPDATE process_log SET payload = jsonb_set(payload, '{motivation}', '"Wel haalbaar."') WHERE seq = 4`,
      );
    });
    const v = await verify();
    expect(v).toMatchObject({ valid: false, firstInvalidSeq: 4, checked: 3 });
    expect(v.reason).toEqual(expect.any(String));
    // Putting the old content back makes the chain whole again: the check is about content, not a flag.
    await db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `UPDATE process_log SET payload = jsonb_set(payload, '{motivation}', '"Niet haalbaar."') WHERE seq = 4`,
      );
    });
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('is council-only', async () => {
    expectProblem(await t.http.get('/api/v1/audit/verify').set(bearer(a.resident)), 403);
    expectProblem(await t.http.get('/api/v1/audit/verify'), 401);
  });
});
