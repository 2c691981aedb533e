// The budget race of issue 4: however many honours race, committed never exceeds budget and
// no request fails with a 5xx. Runs on PGlite (serialized) and on PostgreSQL (row locks)
// alike; the two-process variant lives with issue 6.
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { bearer, type Cast, cast, team } from './support/actors.js';
import { assessed, initiative, postEvent, grantTerms } from './support/cases.js';
import { adopt as put, expectCommittedMatchesLog, programmeOf } from './support/programmes.js';
import type { Response } from 'supertest';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();
const HUNDRED_EURO = 10_000;

describe('budget race', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t); // area oost
  });
  afterAll(() => t.close());

  const send = (token: string, id: string, body: Record<string, unknown>) => postEvent(t, token, id, body);
  const adopt = (areaCode: string, body: Record<string, unknown>) => put(t, a.clerk, areaCode, body, YEAR);
  const programme = async (areaCode: string) => (await programmeOf(t, a.council, areaCode, YEAR))!;
  async function assessedCases(
    n: number,
    areaCode: string,
    official: string,
    theme: string,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const body = initiative({
        title: `Race ${areaCode} ${i}`,
        areaCode,
        theme,
        requestedAmountCents: HUNDRED_EURO,
      });
      ids.push((await assessed(t, { resident: a.resident, official }, body)).id);
    }
    return ids;
  }

  it('30 concurrent HONOURs of €100 against a €1,000 budget: exactly 10 honoured, the rest 409 BUDGET_EXCEEDED', async () => {
    await adopt('oost', {
      budgetCents: 100_000,
      delegationLimitCents: 100_000,
      themes: ['speelruimte'],
    }).expect(200);
    const ids = await assessedCases(30, 'oost', a.official, 'speelruimte');
    // Two aldermen of the area, so the race is not only one actor's requests.
    const results = await Promise.all(
      ids.map((id, i) =>
        send(i % 2 ? a.alderman : a.otherAlderman, id, {
          ...grantTerms(),
          type: 'HONOUR',
          amountCents: HUNDRED_EURO,
          motivation: `Race ${i}`,
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(20);
    for (const r of refused) expect(expectProblem(r, 409).code).toBe('BUDGET_EXCEEDED');

    expect(await programme('oost')).toMatchObject({
      budgetCents: 100_000,
      committedCents: 100_000,
      availableCents: 0,
    });
    const honoured = await t.http
      .get('/api/v1/cases?state=honoured&areaCode=oost&limit=100')
      .set(bearer(a.council))
      .expect(200);
    expect(honoured.body.items).toHaveLength(10);
    expect(new Set(honoured.body.items.map((c: { id: string }) => c.id))).toEqual(
      new Set(ids.filter((_, i) => results[i].status === 200)),
    );
    const stillAssessed = await t.http
      .get('/api/v1/cases?state=assessed&areaCode=oost&limit=100')
      .set(bearer(a.alderman))
      .expect(200);
    expect(stillAssessed.body.items).toHaveLength(20);
    // With nothing left, no remaining case offers HONOUR any more (extending the term still is).
    for (const c of stillAssessed.body.items) expect(c.availableEvents).toEqual(['REJECT', 'EXTEND_TERM']);
    await expectCommittedMatchesLog(t, a.council);
  });

  it('commits the budget once when several deciders race on the same case', async () => {
    const zuid = {
      official: await t.token('official-z', ['official'], ['zuid']),
      aldermen: [
        await t.token('alderman-z1', ['alderman'], ['zuid']),
        await t.token('alderman-z2', ['alderman'], ['zuid']),
      ],
    };
    await adopt('zuid', {
      budgetCents: 1_000_000,
      delegationLimitCents: 1_000_000,
      themes: ['groen'],
    }).expect(200);
    for (let round = 0; round < 3; round++) {
      const [id] = await assessedCases(1, 'zuid', zuid.official, 'groen');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 4 === 3
            ? send(zuid.aldermen[i % 2], id, { type: 'REJECT', motivation: `R${i}` })
            : send(zuid.aldermen[i % 2], id, {
                ...grantTerms(),
                type: 'HONOUR',
                amountCents: HUNDRED_EURO,
                motivation: `H${i}`,
              }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    }
    const after = await programme('zuid');
    const honoured = await t.http
      .get('/api/v1/cases?areaCode=zuid&state=honoured')
      .set(bearer(a.council))
      .expect(200);
    expect(after.committedCents).toBe(honoured.body.items.length * HUNDRED_EURO);
    await expectCommittedMatchesLog(t, a.council);
  });

  it('serializes a budget revision with racing honours: committed never exceeds budget, never a 5xx', async () => {
    const west = await team(t, 'west');
    await adopt('west', { budgetCents: 200_000, delegationLimitCents: 200_000, themes: ['groen'] }).expect(
      200,
    );
    const ids = await assessedCases(20, 'west', west.official, 'groen');
    // Halve the budget in the middle of the race: once 8 honours are answered, while others
    // are still queued on the programme row.
    let answered = 0;
    let startRevision!: () => void;
    const revision = new Promise<Response>((resolve) => {
      startRevision = () =>
        resolve(adopt('west', { budgetCents: 100_000, delegationLimitCents: 100_000, themes: ['groen'] }));
    });
    const honours = ids.map((id, i) =>
      send(west.alderman, id, {
        ...grantTerms(),
        type: 'HONOUR',
        amountCents: HUNDRED_EURO,
        motivation: `R${i}`,
      }).then((r) => {
        if (++answered === 8) startRevision();
        return r;
      }),
    );
    const [revised, ...results] = await Promise.all([revision, ...honours]);
    const statuses = [revised.status, ...results.map((r) => r.status)];
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const won = results.filter((r) => r.status === 200).length;
    for (const r of results.filter((x) => x.status === 409))
      expect(expectProblem(r, 409).code).toBe('BUDGET_EXCEEDED');
    const after = await programme('west');
    expect(after.committedCents).toBe(won * HUNDRED_EURO);
    expect(after.committedCents).toBeLessThanOrEqual(after.budgetCents);
    if (revised.status === 200) {
      // The revision went first or while at most €1,000 was committed; honours then stop at €1,000.
      expect(after.budgetCents).toBe(100_000);
      expect(won).toBe(10);
    } else {
      // More than €1,000 was already committed when the revision came: it changed nothing.
      expect(expectProblem(revised, 409).code).toBe('BUDGET_BELOW_COMMITTED');
      expect(after.budgetCents).toBe(200_000);
      expect(won).toBe(20);
    }
    await expectCommittedMatchesLog(t, a.council);
  });

  it('grants, settlements, withdrawals and revocations racing on one programme: money released once, committed = live grants', async () => {
    // An area of its own: no other test in this file commits against it.
    const area = await team(t, 'oude-wijken');
    await adopt('oude-wijken', {
      budgetCents: 100_000,
      delegationLimitCents: 100_000,
      themes: ['sport'],
    }).expect(200);
    const granted = await assessedCases(10, 'oude-wijken', area.official, 'sport');
    for (const id of granted) {
      await send(area.alderman, id, {
        ...grantTerms(),
        type: 'HONOUR',
        amountCents: HUNDRED_EURO,
        motivation: 'Toegekend.',
      }).expect(200);
    }
    expect(await programme('oude-wijken')).toMatchObject({ committedCents: 100_000, availableCents: 0 });
    // Five grants wait for their settlement: accounted for and reviewed at €40 each.
    const toSettle = granted.slice(0, 5);
    for (const id of toSettle) {
      await send(a.resident, id, {
        type: 'SUBMIT_ACCOUNT',
        report: 'Gedaan.',
        actualCostCents: 4_000,
      }).expect(200);
      await send(area.official, id, {
        type: 'REVIEW_ACCOUNT',
        advisedCents: 4_000,
        motivation: 'Klopt.',
      }).expect(200);
    }
    const toWithdraw = granted.slice(5, 8);
    const toRevoke = granted.slice(8);
    const waiting = await assessedCases(10, 'oude-wijken', area.official, 'sport');

    const releases = [
      ...toSettle.map((id) =>
        send(area.alderman, id, { type: 'SETTLE', settledCents: 4_000, motivation: 'Vastgesteld.' }),
      ),
      ...toWithdraw.map((id) => send(a.resident, id, { type: 'WITHDRAW', reason: 'Gaat niet door.' })),
      ...toRevoke.map((id) => send(area.alderman, id, { type: 'REVOKE', motivation: 'Niet uitgevoerd.' })),
    ];
    const grants = waiting.map((id, i) =>
      send(area.alderman, id, {
        ...grantTerms(),
        type: 'HONOUR',
        amountCents: HUNDRED_EURO,
        motivation: `G${i}`,
      }),
    );
    const [released, honoured] = await Promise.all([Promise.all(releases), Promise.all(grants)]);
    // Every release is taken; each grant is taken or refused for want of budget, never a 5xx.
    expect(released.map((r) => r.status)).toEqual(releases.map(() => 200));
    for (const r of honoured.filter((x) => x.status !== 200))
      expect(expectProblem(r, 409).code).toBe('BUDGET_EXCEEDED');
    const won = honoured.filter((r) => r.status === 200).length;
    // €300 comes back from five settlements (€60 each), €300 from three withdrawals, €200 from two revocations.
    expect(won).toBeLessThanOrEqual(8);
    const after = await programme('oude-wijken');
    expect(after.committedCents).toBe(100_000 - 80_000 + won * HUNDRED_EURO);
    await expectCommittedMatchesLog(t, a.council);

    // Racing releases on the same grant: one wins, the money comes back once.
    await adopt('oude-wijken', {
      budgetCents: 200_000,
      delegationLimitCents: 100_000,
      themes: ['sport'],
    }).expect(200);
    const [id] = await assessedCases(1, 'oude-wijken', area.official, 'sport');
    await send(area.alderman, id, {
      ...grantTerms(),
      type: 'HONOUR',
      amountCents: 1_000,
      motivation: 'Klein.',
    }).expect(200);
    const before = (await programme('oude-wijken')).committedCents;
    const racing = await Promise.all([
      send(area.alderman, id, { type: 'REVOKE', motivation: 'Een.' }),
      send(area.alderman, id, { type: 'REVOKE', motivation: 'Twee.' }),
      send(a.resident, id, { type: 'WITHDRAW' }),
      send(a.resident, id, { type: 'WITHDRAW' }),
    ]);
    expect(racing.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of racing.filter((x) => x.status !== 200)) expect(expectProblem(r, 409).code).toBe('STATE');
    expect((await programme('oude-wijken')).committedCents).toBe(before - 1_000);
    await expectCommittedMatchesLog(t, a.council);
  });
});
