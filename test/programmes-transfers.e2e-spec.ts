// POST/GET /programmes/{year}/transfers: the college shifts budget between two areas'
// programmes, atomically, logged, and waiting for the next report to the council.
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { Database } from '../apps/api/src/database/database.service.js';
import { sql } from '../apps/api/src/database/sql.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { assessed, decide, initiative, postEvent, submit, grantTerms } from './support/cases.js';
import { adopt, expectCommittedMatchesLog, programmeOf, programmes } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();
/**
 * The years of the tests. Honours count against this year's programmes only, so the tests that
 * honour share YEAR (each with an area or a frame of its own); the ones that count every
 * transfer of a year have a year to themselves.
 */
const NO_PROGRAMMES_YEAR = YEAR + 1;
const FIRST_TRANSFER_YEAR = YEAR + 2; // and YEAR + 3, which must stay empty
const RACE_YEAR = YEAR + 4;

describe('budget transfers between programmes', () => {
  let t: TestApp;
  let a: Cast;
  /** An alderman of oost and west. */
  let college: string;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t); // alderman: oost; aldermanElsewhere: centrum
    college = await t.token('alderman-ow', ['alderman'], ['oost', 'west'], 'Wethouder Oost-West');
    await adoptThree(YEAR);
  });
  afterAll(() => t.close());

  const transfer = (token: string, body: Record<string, unknown>, year: number | string = YEAR) =>
    t.http.post(`/api/v1/programmes/${year}/transfers`).set(bearer(token)).send(body);
  /** Programmes of €10,000 each for oost, west and centrum. */
  async function adoptThree(year: number) {
    for (const area of ['oost', 'west', 'centrum']) {
      await adopt(
        t,
        a.clerk,
        area,
        { budgetCents: 1_000_000, delegationLimitCents: 500_000, themes: ['speelruimte'] },
        year,
      ).expect(200);
    }
  }
  async function budgets(
    year = YEAR,
  ): Promise<Record<string, { budgetCents: number; committedCents: number }>> {
    return Object.fromEntries(
      (await programmes(t, a.council, year)).map((p) => [
        p.areaCode,
        { budgetCents: p.budgetCents, committedCents: p.committedCents },
      ]),
    );
  }
  const total = (b: Record<string, { budgetCents: number }>) =>
    Object.values(b).reduce((s, p) => s + p.budgetCents, 0);
  /** The BUDGET_TRANSFERRED entries, of one year or (null) of all. */
  const transferLog = async (year: number | null = null) =>
    (
      await t.http.get('/api/v1/audit?event=BUDGET_TRANSFERRED&limit=500').set(bearer(a.council)).expect(200)
    ).body.items.filter((e: { payload: { year: number } }) => year === null || e.payload.year === year);
  const unreported = (year: number | null = null) =>
    t.app
      .get(Database)
      .read((m) =>
        sql<{ id: string }>(
          m,
          'SELECT id FROM budget_transfers WHERE report_id IS NULL AND ($1::int IS NULL OR year = $1::int)',
          [year],
        ),
      );

  it('moves budget from one programme to another (201), logs it and leaves it for the next report', async () => {
    // A year of its own: the log, the table and the list hold this one transfer only.
    const year = FIRST_TRANSFER_YEAR;
    await adoptThree(year);
    const before = await budgets(year);
    const res = await transfer(
      a.alderman,
      {
        fromAreaCode: 'oost',
        toAreaCode: 'west',
        amountCents: 250_000,
        reason: 'West heeft meer aanvragen voor speelruimte.',
      },
      year,
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      year,
      fromAreaCode: 'oost',
      toAreaCode: 'west',
      amountCents: 250_000,
      reason: 'West heeft meer aanvragen voor speelruimte.',
      createdAt: expect.any(String),
      actorId: 'alderman-1',
      reportId: null,
    });
    const after = await budgets(year);
    expect(after.oost.budgetCents).toBe(before.oost.budgetCents - 250_000);
    expect(after.west.budgetCents).toBe(before.west.budgetCents + 250_000);
    expect(total(after)).toBe(total(before));

    const log = await transferLog(year);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      event: 'BUDGET_TRANSFERRED',
      caseId: null,
      areaCode: 'oost',
      actor: { id: 'alderman-1', role: 'alderman' },
      payload: {
        transferId: res.body.id,
        year,
        fromAreaCode: 'oost',
        toAreaCode: 'west',
        amountCents: 250_000,
        reason: 'West heeft meer aanvragen voor speelruimte.',
      },
    });
    expect((await unreported(year)).map((r) => r.id)).toEqual([res.body.id]);

    for (const token of [a.alderman, a.aldermanElsewhere, a.council]) {
      const listed = await t.http.get(`/api/v1/programmes/${year}/transfers`).set(bearer(token)).expect(200);
      expect(listed.body).toEqual([res.body]);
    }
    expect(
      (
        await t.http
          .get(`/api/v1/programmes/${year + 1}/transfers`)
          .set(bearer(a.council))
          .expect(200)
      ).body,
    ).toEqual([]);
  });

  it('refuses more than the source has available (409 BUDGET_EXCEEDED): neither side changes', async () => {
    // Centrum's programme, €7,500 with €4,000 of it committed, so available is less than budget.
    await adopt(t, a.clerk, 'centrum', {
      budgetCents: 750_000,
      delegationLimitCents: 500_000,
      themes: ['speelruimte'],
    }).expect(200);
    const c = await submit(t, a.resident, initiative({ areaCode: 'centrum', requestedAmountCents: 400_000 }));
    await decide(
      t,
      { official: a.officialElsewhere, alderman: a.aldermanElsewhere },
      c.id,
      'honoured',
      400_000,
    );
    const before = await budgets();
    expect(before.centrum).toEqual({ budgetCents: 750_000, committedCents: 400_000 });
    const logBefore = await transferLog();
    const unreportedBefore = await unreported();

    // 350,000 available: 350,001 is too much although the budget is 750,000.
    const p = expectProblem(
      await transfer(a.aldermanElsewhere, {
        fromAreaCode: 'centrum',
        toAreaCode: 'west',
        amountCents: 350_001,
        reason: 'Te veel.',
      }),
      409,
    );
    expect(p).toMatchObject({ code: 'BUDGET_EXCEEDED', availableCents: 350_000 });
    expect(p.detail).toContain('€\u00a03.500,00');
    expect(await budgets()).toEqual(before);
    expect(await transferLog()).toHaveLength(logBefore.length);
    expect(await unreported()).toHaveLength(unreportedBefore.length);

    // Exactly what is available may go.
    await transfer(a.aldermanElsewhere, {
      fromAreaCode: 'centrum',
      toAreaCode: 'west',
      amountCents: 350_000,
      reason: 'Alles wat over is.',
    }).expect(201);
    expect((await budgets()).centrum).toEqual({ budgetCents: 400_000, committedCents: 400_000 });
  });

  it('refuses a transfer to or from an area without a programme (409 NO_PROGRAMME): neither side changes', async () => {
    const before = await budgets();
    const logBefore = await transferLog();
    const zuid = await t.token('alderman-z', ['alderman'], ['zuid']);
    let p = expectProblem(
      await transfer(college, {
        fromAreaCode: 'west',
        toAreaCode: 'zuid',
        amountCents: 1,
        reason: 'Naar zuid.',
      }),
      409,
    );
    expect(p.code).toBe('NO_PROGRAMME');
    expect(p.detail).toContain('zuid');
    p = expectProblem(
      await transfer(zuid, { fromAreaCode: 'zuid', toAreaCode: 'west', amountCents: 1, reason: 'Van zuid.' }),
      409,
    );
    expect(p.code).toBe('NO_PROGRAMME');
    // Another year's programmes are other programmes.
    p = expectProblem(
      await transfer(
        college,
        { fromAreaCode: 'west', toAreaCode: 'oost', amountCents: 1, reason: 'Volgend jaar.' },
        NO_PROGRAMMES_YEAR,
      ),
      409,
    );
    expect(p.code).toBe('NO_PROGRAMME');
    expect(await budgets()).toEqual(before);
    expect(await transferLog()).toHaveLength(logBefore.length);
  });

  it('lets only an alderman of the source area transfer (403 otherwise), and only aldermen and the council list', async () => {
    const before = await budgets();
    const body = { fromAreaCode: 'west', toAreaCode: 'oost', amountCents: 1_000, reason: 'Terug naar oost.' };
    // a.alderman works for oost, the receiving area: pulling budget in is not theirs to decide.
    const p = expectProblem(await transfer(a.alderman, body), 403);
    expect(p.detail).toContain('west');
    expectProblem(await transfer(a.aldermanElsewhere, body), 403);
    for (const token of [a.resident, a.official, a.council, a.clerk])
      expectProblem(await transfer(token, body), 403);
    expectProblem(await t.http.post(`/api/v1/programmes/${YEAR}/transfers`).send(body), 401);
    expect(await budgets()).toEqual(before);
    await transfer(college, body).expect(201);

    for (const token of [a.resident, a.official])
      expectProblem(await t.http.get(`/api/v1/programmes/${YEAR}/transfers`).set(bearer(token)), 403);
    expectProblem(await t.http.get(`/api/v1/programmes/${YEAR}/transfers`), 401);
  });

  it('refuses invalid input with 400 naming every invalid field', async () => {
    const ok = { fromAreaCode: 'oost', toAreaCode: 'west', amountCents: 1_000, reason: 'Omdat het kan.' };
    const cases: [Record<string, unknown>, string[], number | string][] = [
      [{ ...ok, toAreaCode: 'oost' }, ['toAreaCode'], YEAR],
      [{ ...ok, toAreaCode: 'mars' }, ['toAreaCode'], YEAR],
      [{ ...ok, fromAreaCode: 'pluto', toAreaCode: 'mars' }, ['fromAreaCode', 'toAreaCode'], YEAR],
      [{ ...ok, amountCents: 0 }, ['amountCents'], YEAR],
      [{ ...ok, amountCents: -5 }, ['amountCents'], YEAR],
      [{ ...ok, amountCents: 1.5 }, ['amountCents'], YEAR],
      [{ ...ok, amountCents: '1000' }, ['amountCents'], YEAR],
      [{ ...ok, reason: '' }, ['reason'], YEAR],
      [{ ...ok, reason: 7 }, ['reason'], YEAR],
      [{ ...ok, extra: 1 }, ['extra'], YEAR],
      [{}, ['amountCents', 'fromAreaCode', 'reason', 'toAreaCode'], YEAR],
      [ok, ['year'], 1999],
      [ok, ['year'], 'now'],
    ];
    const before = await budgets();
    const logBefore = await transferLog();
    for (const [body, fields, year] of cases) {
      const p = expectProblem(await transfer(college, body, year), 400);
      const names = [...new Set((p.invalidParams as { name: string }[]).map((x) => x.name))].sort();
      expect({ body, year, names }).toEqual({ body, year, names: fields });
    }
    expectProblem(await t.http.get('/api/v1/programmes/21000/transfers').set(bearer(a.council)), 400);
    expect(await budgets()).toEqual(before);
    expect(await transferLog()).toHaveLength(logBefore.length);
  });

  it('is atomic under concurrency: racing transfers never overdraw the source, opposite ones never deadlock', async () => {
    // A year of its own: the budgets of its programmes add up to what is adopted here.
    const year = RACE_YEAR;
    await adoptThree(year);
    // centrum has 1,000,000 available; 8 racing transfers of 300,000 out of it: exactly 3 fit.
    const centrumTo = await t.token('alderman-c', ['alderman'], ['centrum']);
    const before = await budgets(year);
    const out = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        transfer(
          centrumTo,
          { fromAreaCode: 'centrum', toAreaCode: 'west', amountCents: 300_000, reason: `Race ${i}` },
          year,
        ),
      ),
    );
    expect(out.map((r) => r.status).filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(out.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of out.filter((x) => x.status === 409))
      expect(expectProblem(r, 409).code).toBe('BUDGET_EXCEEDED');
    let after = await budgets(year);
    expect(after.centrum.budgetCents).toBe(100_000);
    expect(total(after)).toBe(total(before));

    // Opposite directions at once (oost → west and west → oost), each locking both rows. Give
    // oost enough available first, so every one of them can succeed in any order.
    await transfer(
      college,
      { fromAreaCode: 'west', toAreaCode: 'oost', amountCents: 50_000, reason: 'Ruimte.' },
      year,
    ).expect(201);
    const mid = await budgets(year);
    const swings = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transfer(
          college,
          {
            fromAreaCode: i % 2 ? 'oost' : 'west',
            toAreaCode: i % 2 ? 'west' : 'oost',
            amountCents: 1_000,
            reason: `Heen en weer ${i}`,
          },
          year,
        ),
      ),
    );
    expect(swings.map((r) => r.status)).toEqual(Array(20).fill(201));
    after = await budgets(year);
    expect(after).toEqual(mid);

    // Every logged transfer is in the table, and the budgets add up to what the council adopted.
    const log = await transferLog(year);
    const listed = (
      await t.http.get(`/api/v1/programmes/${year}/transfers`).set(bearer(a.council)).expect(200)
    ).body;
    expect(new Set(log.map((e: { payload: { transferId: string } }) => e.payload.transferId))).toEqual(
      new Set(listed.map((x: { id: string }) => x.id)),
    );
    expect(total(after)).toBe(3_000_000);
    await expectCommittedMatchesLog(t, a.council, year);
  });

  it('keeps committed within budget while honours race with transfers out of the same programme', async () => {
    // Exactly €1,000 available in oost to race for, whatever earlier tests committed there.
    const committed = (await programmeOf(t, a.council, 'oost'))!.committedCents;
    await adopt(t, a.clerk, 'oost', {
      budgetCents: committed + 100_000,
      delegationLimitCents: 100_000,
      themes: ['speelruimte'],
    }).expect(200);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push((await assessed(t, a, initiative({ requestedAmountCents: 20_000 }))).id);
    }
    const honours = ids.map((id) =>
      postEvent(t, a.alderman, id, {
        ...grantTerms(),
        type: 'HONOUR',
        amountCents: 20_000,
        motivation: 'Ja.',
      }),
    );
    const transfers = Array.from({ length: 5 }, (_, i) =>
      transfer(college, {
        fromAreaCode: 'oost',
        toAreaCode: 'west',
        amountCents: 20_000,
        reason: `Weg ${i}`,
      }),
    );
    const results = await Promise.all([...honours, ...transfers]);
    expect(results.map((r) => r.status).filter((s) => ![200, 201, 409].includes(s))).toEqual([]);
    const won = results.filter((r) => r.status === 200 || r.status === 201).length;
    expect(won).toBe(5); // 100,000 available, every request is 20,000
    const after = await budgets();
    expect(after.oost.committedCents).toBeLessThanOrEqual(after.oost.budgetCents);
    expect(after.oost.budgetCents - after.oost.committedCents).toBe(0);
    await expectCommittedMatchesLog(t, a.council);
  });
});
