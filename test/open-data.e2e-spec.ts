// GET /open/spending: public figures per area and year, with no personal data.
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { Database } from '../apps/api/src/database/database.service.js';
import { type Cast, cast } from './support/actors.js';
import { assessed as assessedCase, initiative, sendEvent } from './support/cases.js';
import { adopt } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();
const AREAS = ['centrum', 'oost', 'oude-wijken', 'west', 'zuid'];

describe('open data: spending before anything is adopted', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers without a token, every area, zeros before anything is adopted', async () => {
    const res = await t.http.get(`/api/v1/open/spending?year=${YEAR}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(
      AREAS.map((areaCode) => ({
        areaCode,
        programmeAdopted: false,
        budgetCents: 0,
        committedCents: 0,
        honouredCount: 0,
      })),
    );
  });
});

describe('open data: spending', () => {
  let t: TestApp;
  let a: Cast;
  /** Honoured, referred and honoured by the council, rejected, pending: spending to count. */
  let one: string;
  let rejected: string;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t); // area oost
    await adopt(t, a.council, 'oost', {
      budgetCents: 1_000_000,
      delegationLimitCents: 300_000,
      themes: ['speelruimte'],
    }).expect(200);
    await adopt(
      t,
      a.council,
      'oost',
      { budgetCents: 7_000, delegationLimitCents: 0, themes: ['groen'] },
      YEAR + 1,
    ).expect(200);
    one = await assessed(100_000, 'Bankjes');
    const two = await assessed(50_000, 'Plantenbakken');
    const referred = await assessed(400_000, 'Groot plein');
    rejected = await assessed(10_000, 'Afgewezen');
    await assessed(10_000, 'Nog in behandeling');
    await send(a.alderman, one, { type: 'HONOUR', amountCents: 80_000, motivation: 'Ja.' });
    await send(a.alderman, two, { type: 'HONOUR', amountCents: 50_000, motivation: 'Ja.' });
    await send(a.alderman, referred, { type: 'REFER_TO_COUNCIL', motivation: 'Boven mandaat.' });
    await send(a.council, referred, {
      type: 'COUNCIL_HONOUR',
      amountCents: 400_000,
      motivation: 'Raadsbesluit.',
    });
    await send(a.alderman, rejected, { type: 'REJECT', motivation: 'Nee.' });
  });
  afterAll(() => t.close());

  const spending = (year: number | string) => t.http.get(`/api/v1/open/spending?year=${year}`);
  const send = (token: string, id: string, body: { type: string } & Record<string, unknown>) =>
    sendEvent(t, token, id, body);
  const assessed = async (requestedAmountCents: number, title: string): Promise<string> =>
    (
      await assessedCase(
        t,
        a,
        initiative({ requestedAmountCents, title, contactEmail: 'bewoner.geheim@example.org' }),
      )
    ).id;

  it('counts what was honoured against that year’s programme, not rejected or pending cases', async () => {
    const res = await spending(YEAR).expect(200);
    expect(res.body.find((s: { areaCode: string }) => s.areaCode === 'oost')).toEqual({
      areaCode: 'oost',
      programmeAdopted: true,
      budgetCents: 1_000_000,
      committedCents: 530_000,
      honouredCount: 3,
    });
    for (const s of res.body.filter((x: { areaCode: string }) => x.areaCode !== 'oost')) {
      expect(s).toMatchObject({
        programmeAdopted: false,
        budgetCents: 0,
        committedCents: 0,
        honouredCount: 0,
      });
    }
    // Next year's programme has its own figures: nothing was honoured against it.
    const next = await spending(YEAR + 1).expect(200);
    expect(next.body.find((s: { areaCode: string }) => s.areaCode === 'oost')).toEqual({
      areaCode: 'oost',
      programmeAdopted: true,
      budgetCents: 7_000,
      committedCents: 0,
      honouredCount: 0,
    });

    // A case reported to the council still counts for the year it was honoured in. (Reports
    // move cases there; this test sets the state directly to stay independent of them.)
    await t.app
      .get(Database)
      .transaction((m) => m.query(`UPDATE cases SET state = 'reported_to_raad' WHERE id = $1`, [one]));
    const reported = await spending(YEAR).expect(200);
    expect(reported.body.find((s: { areaCode: string }) => s.areaCode === 'oost').honouredCount).toBe(3);
    // …but a rejected case that was reported does not.
    await t.app
      .get(Database)
      .transaction((m) => m.query(`UPDATE cases SET state = 'reported_to_raad' WHERE id = $1`, [rejected]));
    const still = await spending(YEAR).expect(200);
    expect(still.body.find((s: { areaCode: string }) => s.areaCode === 'oost').honouredCount).toBe(3);
  });

  it('shows no personal data: no e-mail, no resident, no titles, only the documented fields', async () => {
    const res = await spending(YEAR).expect(200);
    for (const s of res.body) {
      expect(Object.keys(s).sort()).toEqual([
        'areaCode',
        'budgetCents',
        'committedCents',
        'honouredCount',
        'programmeAdopted',
      ]);
    }
    expect(res.text).not.toMatch(/@|resident-1|Bankjes|Raadslid|alderman/);
  });

  it('requires a valid year (400) and refuses unknown parameters', async () => {
    for (const q of [
      '',
      '?year=',
      '?year=1999',
      '?year=2101',
      '?year=20x6',
      '?year=2026.0',
      '?year=2026&year=2027',
    ]) {
      const p = expectProblem(await t.http.get(`/api/v1/open/spending${q}`), 400);
      expect((p.invalidParams as { name: string }[]).map((x) => x.name)).toEqual(['year']);
    }
    const p = expectProblem(await t.http.get(`/api/v1/open/spending?year=${YEAR}&area=oost`), 400);
    expect((p.invalidParams as { name: string }[]).map((x) => x.name)).toEqual(['area']);
    expectProblem(await t.http.get(`/api/v1/open/spending/?year=${YEAR}`), 404);
  });
});
