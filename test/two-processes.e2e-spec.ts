import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { councilDecision } from './support/council.js';
import { initiative, grantTerms } from './support/cases.js';
import { call, type HttpResult, type SpawnedApp, spawnApp } from './support/spawn-app.js';
import { createTestDatabase, onPostgres } from './support/test-app.js';

/**
 * Two API processes on one PostgreSQL database, as behind a load balancer: the database,
 * not the process, must keep the budget and the one-winner-per-case rules. Their row locks
 * are the only thing the two processes share.
 */
const suite = onPostgres ? describe : describe.skip;
const YEAR = programmeYear();
const HUNDRED_EURO = 10_000;

suite('two API processes on one PostgreSQL (needs TEST_DATABASE_URL)', () => {
  let a: SpawnedApp;
  let b: SpawnedApp;
  let drop: () => Promise<void>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const db = (await createTestDatabase())!;
    drop = db.drop;
    // Both start at once, so both find pending migrations: one must wait for the other.
    [a, b] = await Promise.all([spawnApp({ databaseUrl: db.url }), spawnApp({ databaseUrl: db.url })]);
    // One shared signing key: a token from one process is good on the other.
    tokens.resident = await a.token('resident-1', ['resident']);
    tokens.official = await b.token('official-1', ['official'], ['oost']);
    tokens.otherOfficial = await a.token('official-2', ['official'], ['oost']);
    tokens.alderman = await a.token('alderman-1', ['alderman'], ['oost']);
    tokens.otherAlderman = await b.token('alderman-2', ['alderman'], ['oost']);
    tokens.council = await b.token('council-1', ['council']);
    tokens.clerk = await a.token('clerk-1', ['clerk']);
    tokens.westOfficial = await a.token('official-w', ['official'], ['west']);
    tokens.westAlderman = await b.token('alderman-w', ['alderman'], ['west']);
  }, 90000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await drop?.();
  });

  const on = (i: number) => (i % 2 === 0 ? a : b);
  const submit = async (i: number, body = initiative()) => {
    const res = await call(`${on(i).url}/api/v1/cases`, 'POST', tokens.resident, body);
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };
  const send = (i: number, token: string, id: string, event: unknown, headers: Record<string, string> = {}) =>
    call(`${on(i).url}/api/v1/cases/${id}/events`, 'POST', token, event, headers);
  const statuses = (results: HttpResult[]) =>
    results.reduce<Record<number, number>>(
      (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
      {},
    );

  it('30 HONOURs of €100 against a €1,000 programme, split over both: exactly 10 honoured, committed = budget', async () => {
    const adopted = await call(`${a.url}/api/v1/programmes/${YEAR}/oost`, 'PUT', tokens.clerk, {
      budgetCents: 10 * HUNDRED_EURO,
      delegationLimitCents: 10 * HUNDRED_EURO,
      themes: ['speelruimte'],
      councilDecision: councilDecision(),
    });
    expect(adopted.status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const id = await submit(i, initiative({ title: `Race ${i}`, requestedAmountCents: HUNDRED_EURO }));
      expect(
        (await send(i + 1, tokens.official, id, { type: 'ASSESS', advice: 'honour', motivation: 'Past.' }))
          .status,
      ).toBe(200);
      ids.push(id);
    }

    const results = await Promise.all(
      ids.map((id, i) =>
        send(i, i % 3 === 0 ? tokens.otherAlderman : tokens.alderman, id, {
          ...grantTerms(),
          type: 'HONOUR',
          amountCents: HUNDRED_EURO,
          motivation: 'Akkoord.',
        }),
      ),
    );
    expect(statuses(results)).toEqual({ 200: 10, 409: 20 });
    for (const r of results.filter((r) => r.status === 409)) {
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ code: 'BUDGET_EXCEEDED' });
    }
    const programmes = (await call(`${b.url}/api/v1/programmes/${YEAR}`, 'GET', tokens.council)).body as {
      areaCode: string;
      budgetCents: number;
      committedCents: number;
      availableCents: number;
    }[];
    expect(programmes.find((p) => p.areaCode === 'oost')).toMatchObject({
      budgetCents: 10 * HUNDRED_EURO,
      committedCents: 10 * HUNDRED_EURO,
      availableCents: 0,
    });
    // Exactly the winners are honoured, each with one HONOUR entry in the log.
    const states = await Promise.all(
      ids.map(async (id, i) => {
        const c = (await call(`${on(i + 1).url}/api/v1/cases/${id}`, 'GET', tokens.council)).body as {
          state: string;
          version: number;
        };
        const log = (await call(`${on(i).url}/api/v1/cases/${id}/log`, 'GET', tokens.council)).body as {
          event: string;
        }[];
        expect(log.map((e) => e.event)).toEqual(
          c.state === 'honoured' ? ['SUBMIT', 'ASSESS', 'HONOUR'] : ['SUBMIT', 'ASSESS'],
        );
        expect(c.version).toBe(log.length);
        return c.state;
      }),
    );
    expect(states.filter((s) => s === 'honoured')).toHaveLength(10);
    expect(states.filter((s) => s === 'assessed')).toHaveLength(20);
    expect(results.map((r) => r.status === 200)).toEqual(states.map((s) => s === 'honoured'));
  }, 60000);

  it('10 ASSESSes of one case, split over both: exactly one wins, the rest 409 or 412', async () => {
    const id = await submit(0);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(
          i,
          i % 2 === 0 ? tokens.official : tokens.otherOfficial,
          id,
          { type: 'ASSESS', advice: i % 2 === 0 ? 'honour' : 'reject', motivation: `Advies ${i}` },
          // Half of them name the version they saw: they must lose with 412, not 409.
          i < 5 ? { 'If-Match': '"1"' } : {},
        ),
      ),
    );
    const wins = results.filter((r) => r.status === 200);
    expect(wins).toHaveLength(1);
    results.forEach((r, i) => {
      if (r.status === 200) return;
      expect(i < 5 ? [412] : [409]).toContain(r.status);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
    const log = (await call(`${b.url}/api/v1/cases/${id}/log`, 'GET', tokens.council)).body as {
      event: string;
      payload: { motivation: string };
    }[];
    expect(log.map((e) => e.event)).toEqual(['SUBMIT', 'ASSESS']);
    // The entry is the winner's, not a loser's.
    expect(log[1].payload.motivation).toBe(`Advies ${results.indexOf(wins[0])}`);
    expect(wins[0].body).toMatchObject({ state: 'assessed', version: 2 });
  }, 60000);

  it('leaves one valid hash chain, whichever process wrote each entry', async () => {
    for (const app of [a, b]) {
      const verify = await call(`${app.url}/api/v1/audit/verify`, 'GET', tokens.council);
      expect(verify.status).toBe(200);
      // 30 submissions + 30 assessments + 10 honours + 1 programme; then 1 submission + 1 assessment.
      expect(verify.body).toMatchObject({ valid: true, checked: 73 });
    }
    expect(a.output() + b.output()).not.toMatch(/"level":(50|60)/);
  });

  it('grants and releases racing over both on one programme: each release once, committed = live grants', async () => {
    const put = await call(`${b.url}/api/v1/programmes/${YEAR}/west`, 'PUT', tokens.clerk, {
      budgetCents: 5 * HUNDRED_EURO,
      delegationLimitCents: 5 * HUNDRED_EURO,
      themes: ['speelruimte'],
      councilDecision: councilDecision(),
    });
    expect(put.status).toBe(200);
    const assessedCase = async (i: number) => {
      const id = await submit(i, initiative({ areaCode: 'west', requestedAmountCents: HUNDRED_EURO }));
      const assess = { type: 'ASSESS', advice: 'honour', motivation: 'Past.' };
      expect((await send(i + 1, tokens.westOfficial, id, assess)).status).toBe(200);
      return id;
    };
    const grant = { ...grantTerms(), type: 'HONOUR', amountCents: HUNDRED_EURO, motivation: 'Akkoord.' };
    const granted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await assessedCase(i);
      expect((await send(i, tokens.westAlderman, id, grant)).status).toBe(200);
      granted.push(id);
    }
    // Two grants are accounted for and reviewed at €50: settling them gives €50 back each.
    for (const id of granted.slice(0, 2)) {
      const account = { type: 'SUBMIT_ACCOUNT', report: 'Gedaan.', actualCostCents: 5_000 };
      expect((await send(0, tokens.resident, id, account)).status).toBe(200);
      const review = { type: 'REVIEW_ACCOUNT', advisedCents: 5_000, motivation: 'Klopt.' };
      expect((await send(1, tokens.westOfficial, id, review)).status).toBe(200);
    }
    const waiting = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => assessedCase(i)));
    // Every release is sent twice, once to each process; grants race for what comes back.
    const settle = { type: 'SETTLE', settledCents: 5_000, motivation: 'Vastgesteld.' };
    const releases = [
      ...granted.slice(0, 2).flatMap((id) => [0, 1].map((p) => send(p, tokens.westAlderman, id, settle))),
      ...granted
        .slice(2, 4)
        .flatMap((id) => [0, 1].map((p) => send(p, tokens.resident, id, { type: 'WITHDRAW' }))),
      ...[0, 1].map((p) =>
        send(p, tokens.westAlderman, granted[4], { type: 'REVOKE', motivation: 'Niet gedaan.' }),
      ),
    ];
    const grants = waiting.map((id, i) => send(i, tokens.westAlderman, id, grant));
    const [released, honoured] = await Promise.all([Promise.all(releases), Promise.all(grants)]);
    expect(statuses(released)).toEqual({ 200: 5, 409: 5 });
    for (let i = 0; i < released.length; i += 2) {
      expect([released[i].status, released[i + 1].status].sort()).toEqual([200, 409]);
    }
    const won = honoured.filter((r) => r.status === 200).length;
    for (const r of honoured.filter((x) => x.status !== 200))
      expect(r.body).toMatchObject({ code: 'BUDGET_EXCEEDED' });
    // Back: €50 + €50 from the settlements, €100 + €100 from the withdrawals, €100 from the revocation.
    const west = (
      (await call(`${a.url}/api/v1/programmes/${YEAR}`, 'GET', tokens.council)).body as {
        areaCode: string;
        committedCents: number;
        budgetCents: number;
      }[]
    ).find((p) => p.areaCode === 'west')!;
    expect(won).toBeLessThanOrEqual(4);
    expect(west.committedCents).toBe(5 * HUNDRED_EURO - 4 * HUNDRED_EURO + won * HUNDRED_EURO);
    expect(west.committedCents).toBeLessThanOrEqual(west.budgetCents);
    expect(a.output() + b.output()).not.toMatch(/"level":(50|60)/);
  }, 90000);
});
