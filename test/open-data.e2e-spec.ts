// GET /open/spending: public figures per area and year, with no personal data.
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { Database } from '../apps/api/src/database/database.service.js';
import { type Cast, cast } from './support/actors.js';
import {
  assessed as assessedCase,
  eventBody,
  getCase,
  grantTerms,
  initiative,
  sendEvent,
} from './support/cases.js';
import { councilDecision } from './support/council.js';
import { adopt } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();
const AREAS = ['centrum', 'oost', 'oude-wijken', 'west', 'zuid'];
/** The figures of an area without a programme in the year. */
const NO_PROGRAMME = {
  programmeAdopted: false,
  budgetCents: 0,
  committedCents: 0,
  honouredCount: 0,
  settledAmountCents: 0,
  releasedAmountCents: 0,
};

describe('open data: spending before anything is adopted', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers without a token, every area, zeros before anything is adopted', async () => {
    const res = await t.http.get(`/api/v1/open/spending?year=${YEAR}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(AREAS.map((areaCode) => ({ areaCode, ...NO_PROGRAMME })));
  });
});

describe('open data: spending', () => {
  let t: TestApp;
  let a: Cast;
  /**
   * Honoured, referred and honoured by the council, rejected, pending; and after the grant:
   * settled below the grant, revoked, withdrawn by the initiator. Spending to count.
   */
  let one: string;
  let rejected: string;
  let settled: string;
  let revoked: string;
  let withdrawn: string;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t); // area oost
    await adopt(t, a.clerk, 'oost', {
      budgetCents: 1_000_000,
      delegationLimitCents: 300_000,
      themes: ['speelruimte'],
    }).expect(200);
    await adopt(
      t,
      a.clerk,
      'oost',
      { budgetCents: 7_000, delegationLimitCents: 0, themes: ['groen'] },
      YEAR + 1,
    ).expect(200);
    one = await assessed(100_000, 'Bankjes');
    const two = await assessed(50_000, 'Plantenbakken');
    const referred = await assessed(400_000, 'Groot plein');
    rejected = await assessed(10_000, 'Afgewezen');
    await assessed(10_000, 'Nog in behandeling');
    await send(a.alderman, one, { type: 'HONOUR', amountCents: 80_000, motivation: 'Ja.', ...grantTerms() });
    await send(a.alderman, two, { type: 'HONOUR', amountCents: 50_000, motivation: 'Ja.', ...grantTerms() });
    await send(a.alderman, referred, { type: 'REFER_TO_COUNCIL', motivation: 'Boven mandaat.' });
    await send(a.clerk, referred, {
      type: 'COUNCIL_HONOUR',
      amountCents: 400_000,
      motivation: 'Raadsbesluit.',
      ...grantTerms(),
      councilDecision: councilDecision(),
    });
    await send(a.alderman, rejected, { type: 'REJECT', motivation: 'Nee.' });
    settled = await granted(60_000, 'Buurtfeest');
    await send(a.resident, settled, { ...eventBody('SUBMIT_ACCOUNT'), actualCostCents: 40_000 });
    await send(a.official, settled, { ...eventBody('REVIEW_ACCOUNT'), advisedCents: 40_000 });
    await send(a.alderman, settled, { ...eventBody('SETTLE'), settledCents: 40_000 });
    revoked = await granted(20_000, 'Ingetrokken toekenning');
    await send(a.alderman, revoked, eventBody('REVOKE'));
    withdrawn = await granted(10_000, 'Zelf teruggetrokken');
    await send(a.resident, withdrawn, eventBody('WITHDRAW'));
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
  /** Assessed and granted in full by the alderman. */
  const granted = async (amountCents: number, title: string): Promise<string> => {
    const id = await assessed(amountCents, title);
    await send(a.alderman, id, eventBody('HONOUR', { amountCents }));
    return id;
  };

  it('counts what was honoured against that year’s programme, not rejected or pending cases', async () => {
    const res = await spending(YEAR).expect(200);
    // Committed: the three running grants and the settled amount; the revoked and withdrawn
    // grants went back. Settled and returned: over every grant made against the programme.
    expect(res.body.find((s: { areaCode: string }) => s.areaCode === 'oost')).toEqual({
      areaCode: 'oost',
      programmeAdopted: true,
      budgetCents: 1_000_000,
      committedCents: 570_000,
      honouredCount: 4,
      settledAmountCents: 40_000,
      releasedAmountCents: 50_000,
    });
    for (const s of res.body.filter((x: { areaCode: string }) => x.areaCode !== 'oost')) {
      expect(s).toMatchObject(NO_PROGRAMME);
    }
    // Next year's programme has its own figures: nothing was honoured against it.
    const next = await spending(YEAR + 1).expect(200);
    expect(next.body.find((s: { areaCode: string }) => s.areaCode === 'oost')).toEqual({
      areaCode: 'oost',
      programmeAdopted: true,
      budgetCents: 7_000,
      committedCents: 0,
      honouredCount: 0,
      settledAmountCents: 0,
      releasedAmountCents: 0,
    });

    // A case reported to the council still counts for the year it was honoured in. (Reports
    // move cases there; this test sets the state directly to stay independent of them.)
    await t.app
      .get(Database)
      .transaction((m) => m.query(`UPDATE cases SET state = 'reported_to_raad' WHERE id = $1`, [one]));
    const reported = await spending(YEAR).expect(200);
    expect(reported.body.find((s: { areaCode: string }) => s.areaCode === 'oost').honouredCount).toBe(4);
    // …but a rejected case that was reported does not.
    await t.app
      .get(Database)
      .transaction((m) => m.query(`UPDATE cases SET state = 'reported_to_raad' WHERE id = $1`, [rejected]));
    const still = await spending(YEAR).expect(200);
    expect(still.body.find((s: { areaCode: string }) => s.areaCode === 'oost').honouredCount).toBe(4);
  });

  it('sums settled and returned amounts as the cases hold them, for the year of their grant', async () => {
    const oostOf = async (year: number) =>
      (await spending(year).expect(200)).body.find((s: { areaCode: string }) => s.areaCode === 'oost');
    const views = await Promise.all([settled, revoked, withdrawn].map((id) => getCase(t, a.council, id)));
    expect(views.map((v) => [v.state, v.settledAmountCents ?? null, v.releasedAmountCents])).toEqual([
      ['settled', 40_000, 20_000],
      ['revoked', null, 20_000],
      ['withdrawn', null, 10_000],
    ]);
    const now = await oostOf(YEAR);
    expect(now.settledAmountCents).toBe(40_000);
    expect(now.releasedAmountCents).toBe(views.reduce((n, v) => n + Number(v.releasedAmountCents), 0));
    // A grant counts for the year whose programme it was committed against, not the year of its
    // settlement or revocation. (Set directly: the programme year is fixed when the grant is made.)
    const db = t.app.get(Database);
    const moveTo = (year: number) =>
      db.transaction((m) => m.query(`UPDATE cases SET programme_year = $2 WHERE id = $1`, [revoked, year]));
    await moveTo(YEAR + 1);
    try {
      expect(await oostOf(YEAR)).toMatchObject({ settledAmountCents: 40_000, releasedAmountCents: 30_000 });
      expect(await oostOf(YEAR + 1)).toMatchObject({ settledAmountCents: 0, releasedAmountCents: 20_000 });
    } finally {
      await moveTo(YEAR);
    }
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
        'releasedAmountCents',
        'settledAmountCents',
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
