// Request timeouts (issue 6): a slow client cannot hold a connection past REQUEST_TIMEOUT_MS,
// and a request cannot wait on the database past it either.
import net from 'node:net';
import pg from 'pg';
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { assessed, caseLog, getCase, initiative, postEvent, grantTerms } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, onPostgres, type TestApp } from './support/test-app.js';

const TIMEOUT_MS = 1000;

/** Writes `sent` to the server and never finishes the request; resolves with what came back. */
function slowClient(port: number, sent: string): Promise<{ reply: string; afterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let reply = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(sent));
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ reply, afterMs: Date.now() - started }));
    // Far beyond the limit: if the server never answers, the test fails on the reply.
    setTimeout(() => socket.destroy(), 15 * TIMEOUT_MS).unref();
  });
}

describe('request timeouts', () => {
  let t: TestApp;
  let a: Cast;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as net.AddressInfo).port;
    a = await cast(t);
  });
  afterAll(() => t.close());

  it('answers 408 and closes the connection when the headers do not arrive in time', async () => {
    const { reply, afterMs } = await slowClient(port, 'GET /api/v1/areas HTTP/1.1\r\nHost: localhost\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(afterMs).toBeLessThan(10 * TIMEOUT_MS);
  });

  it('answers 408 when a body does not arrive in time, and creates nothing', async () => {
    // A resident of its own, so that "nothing" is not about other tests' cases.
    const resident = await t.token('resident-slow', ['resident']);
    const body = JSON.stringify(initiative({ title: 'Half verstuurd' }));
    const head =
      'POST /api/v1/cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
      `Authorization: ${bearer(resident).Authorization}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { reply } = await slowClient(port, head + body.slice(0, 20));
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    const mine = await t.http.get('/api/v1/cases').set(bearer(resident)).expect(200);
    expect(mine.body.items).toHaveLength(0);
    // The server is fine for everyone else.
    await t.http.get('/health').expect(200);
  });

  (onPostgres ? it : it.skip)(
    'stops a request that waits on a locked row at REQUEST_TIMEOUT_MS: 503 problem+json, nothing changed, and it works once the lock is gone',
    async () => {
      await seedProgramme(t, 'oost', {
        budgetCents: 500_000,
        delegationLimitCents: 500_000,
        themes: ['groen'],
      });
      const { id } = await assessed(t, a, initiative({ theme: 'groen', requestedAmountCents: 10_000 }));
      const honour = {
        ...grantTerms(),
        type: 'HONOUR',
        amountCents: 10_000,
        motivation: 'Past in het programma.',
      };

      // Another session (a long report, an operator's query) holds the programme row.
      const other = new pg.Client({ connectionString: t.databaseUrl! });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT 1 FROM programmes WHERE year = $1 AND area_code = $2 FOR UPDATE', [
          programmeYear(),
          'oost',
        ]);
        const started = Date.now();
        const stopped = await postEvent(t, a.alderman, id, honour);
        const problem = expectProblem(stopped, 503);
        expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
        expect(stopped.headers['retry-after']).toBeDefined();
        expect(problem.detail).toMatch(/niets gewijzigd/);
      } finally {
        await other.query('ROLLBACK');
        await other.end();
      }

      const unchanged = await getCase(t, a.official, id);
      expect(unchanged.state).toBe('assessed');
      const log = await caseLog(t, a.official, id);
      expect(log.map((e) => e.event)).toEqual(['SUBMIT', 'ASSESS']);

      await postEvent(t, a.alderman, id, honour).expect(200);
    },
  );
});
