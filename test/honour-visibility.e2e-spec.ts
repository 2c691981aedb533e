// An honour locks the case and its area's programme. Whoever may not see the case must be
// told 404 before any of that: they must not wait on (or hold up) another area's honours.
import pg from 'pg';
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { Database } from '../apps/api/src/database/database.service.js';
import { sql } from '../apps/api/src/database/sql.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { councilDecision } from './support/council.js';
import { assessed, caseLog, getCase, initiative, postEvent, grantTerms } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, onPostgres, type TestApp } from './support/test-app.js';
import { until } from './support/wait.js';

const AMOUNT = 10_000;
const honour = { ...grantTerms(), type: 'HONOUR', amountCents: AMOUNT, motivation: 'Past in het programma.' };

describe('HONOUR by someone who may not see the case', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    // An honour that waited on a held lock would be stopped here with 503, not answered 404.
    t = await createTestApp({ REQUEST_TIMEOUT_MS: '10000' });
    a = await cast(t);
    await seedProgramme(t, 'oost', {
      budgetCents: 500_000,
      delegationLimitCents: 500_000,
      themes: ['groen'],
    });
  });
  afterAll(() => t.close());

  /** A case of area oost, assessed: an honour of it would be accepted from its alderman. */
  const assessedCase = async (): Promise<string> =>
    (await assessed(t, a, initiative({ theme: 'groen', requestedAmountCents: AMOUNT }))).id;

  /** What must stay the same: the case as its official sees it, its log, the programme. */
  async function stateOf(id: string) {
    const view = await getCase(t, a.official, id);
    const log = await caseLog(t, a.official, id);
    const [programme] = await t.app
      .get(Database)
      .read((m) =>
        sql<{ committed: string }>(
          m,
          `SELECT committed_cents::text AS committed FROM programmes WHERE year = $1 AND area_code = 'oost'`,
          [programmeYear()],
        ),
      );
    return { case: view, log, committed: programme.committed };
  }

  it('answers 404 and changes nothing, for HONOUR and COUNCIL_HONOUR, as everyone who cannot see it', async () => {
    const id = await assessedCase();
    const before = await stateOf(id);
    for (const [who, token] of Object.entries({
      'alderman elsewhere': a.aldermanElsewhere,
      'official elsewhere': a.officialElsewhere,
      'another resident': a.otherResident,
    })) {
      for (const event of [
        honour,
        { ...honour, type: 'COUNCIL_HONOUR', councilDecision: councilDecision() },
      ]) {
        const res = await postEvent(t, token, id, event);
        expect({ who, event: event.type, status: res.status }).toEqual({
          who,
          event: event.type,
          status: 404,
        });
        expectProblem(res, 404);
      }
    }
    expectProblem(
      await t.http
        .post('/api/v1/cases/00000000-0000-4000-8000-000000000000/events')
        .set(bearer(a.alderman))
        .send(honour),
      404,
    );
    expect(await stateOf(id)).toEqual(before);
    // The case's own alderman still can.
    await postEvent(t, a.alderman, id, honour).expect(200);
  });

  (onPostgres ? it : it.skip)(
    'answers 404 while another session holds the case and programme rows, without waiting for them',
    async () => {
      const id = await assessedCase();
      const before = await stateOf(id);
      const other = new pg.Client({ connectionString: t.databaseUrl! });
      await other.connect();
      let released = false;
      try {
        await other.query('BEGIN');
        await other.query('SELECT 1 FROM programmes WHERE year = $1 AND area_code = $2 FOR UPDATE', [
          programmeYear(),
          'oost',
        ]);
        await other.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [id]);

        // Answered while both rows are still held: it never waited for either.
        const res = await postEvent(t, a.aldermanElsewhere, id, honour);
        expectProblem(res, 404);

        // The rows really are held: the case's own alderman has to wait for them.
        const waiting = postEvent(t, a.alderman, id, honour);
        const settled = waiting.then((r) => r);
        await until('the alderman waits on the held rows', async () => {
          const { rows } = await other.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return rows[0].n === 1;
        });
        await other.query('ROLLBACK');
        released = true;
        expect((await settled).status).toBe(200);
      } finally {
        if (!released) await other.query('ROLLBACK');
        await other.end();
      }
      const after = await stateOf(id);
      // Only the rightful honour changed anything: one entry more, and its amount committed.
      expect(after.log.slice(0, before.log.length)).toEqual(before.log);
      expect(after.log.map((e: { event: string }) => e.event)).toEqual(['SUBMIT', 'ASSESS', 'HONOUR']);
      expect(Number(after.committed) - Number(before.committed)).toBe(AMOUNT);
    },
  );
});
