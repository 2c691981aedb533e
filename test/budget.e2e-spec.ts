// The HONOUR rules of docs/api.md against programmes the council adopts through the API:
// each refusal (409 with its code, nothing changed), referral and the council's decisions,
// availableEvents telling the truth, and committed always equal to the honours in the log.
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { bearer, type Cast, cast, team } from './support/actors.js';
import { councilDecision } from './support/council.js';
import {
  assessed as assessedCase,
  caseLog,
  getCase,
  initiative,
  postEvent,
  rightToChallenge,
  sendEvent,
  grantTerms,
} from './support/cases.js';
import { adopt as put, expectCommittedMatchesLog, programmeOf } from './support/programmes.js';
import { verifyLog } from './support/process-log.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();

describe('budget: HONOUR within the council’s frame', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t); // area oost; "elsewhere" is centrum
  });
  // Each test starts from the same frame in oost, whatever earlier tests committed there:
  // €10,000 available, a €3,000 delegation limit. The other areas are each one test's own.
  beforeEach(async () => {
    const committed = (await programmeOf(t, a.council, 'oost'))?.committedCents ?? 0;
    await adopt('oost', {
      budgetCents: committed + 1_000_000,
      delegationLimitCents: 300_000,
      themes: ['speelruimte', 'groen'],
    });
  });
  afterAll(() => t.close());

  async function adopt(areaCode: string, body: Record<string, unknown>, year = YEAR) {
    const res = await put(t, a.clerk, areaCode, body, year);
    expect(res.status).toBe(200);
    return res.body;
  }
  const send = (token: string, id: string, body: Record<string, unknown>) => postEvent(t, token, id, body);
  // `!`: undefined (no programme) is a value the refusal checks compare too.
  const programme = async (areaCode: string) => (await programmeOf(t, a.resident, areaCode))!;
  /** Submitted by the resident and assessed by an official of the area. */
  const assessed = async (overrides: Record<string, unknown> = {}, official = a.official): Promise<string> =>
    (await assessedCase(t, { resident: a.resident, official }, initiative(overrides))).id;

  /** A refused event: 409 with this rule code, and the case, the budget and the log untouched. */
  async function expectRefused(token: string, id: string, body: Record<string, unknown>, code: string) {
    const before = await getCase(t, a.council, id);
    const area = await programme(before.areaCode as string);
    const logBefore = await caseLog(t, a.council, id);
    const problem = expectProblem(await send(token, id, body), 409);
    expect(problem).toMatchObject({ code, event: body.type, fromState: before.state });
    expect(problem.type).toBe(`https://wijkflow.nl/problems/${code.toLowerCase().replace(/_/g, '-')}`);
    const after = await getCase(t, a.council, id);
    expect(after).toMatchObject({ state: before.state, version: before.version, honouredAmountCents: null });
    expect(await programme(before.areaCode as string)).toEqual(area);
    const logAfter = await caseLog(t, a.council, id);
    expect(logAfter).toHaveLength(logBefore.length);
    return problem;
  }

  it('says why a decision the caller could take is missing now (blockedEvents)', async () => {
    const blocked = async (token: string, id: string) =>
      ((await getCase(t, token, id)).blockedEvents as { type: string; code: string; detail: string }[]).map(
        (b) => [b.type, b.code],
      );
    // Above the alderman's mandate: HONOUR is blocked, referring is what is left.
    const large = await assessed({ requestedAmountCents: 400_000 });
    expect(await blocked(a.alderman, large)).toEqual([['HONOUR', 'ABOVE_DELEGATION_LIMIT']]);
    expect((await getCase(t, a.alderman, large)).availableEvents).toEqual([
      'REJECT',
      'REFER_TO_COUNCIL',
      'EXTEND_TERM',
    ]);
    // A theme outside the programme.
    const sport = await assessed({ theme: 'sport', requestedAmountCents: 1_000 });
    expect(await blocked(a.alderman, sport)).toEqual([
      ['HONOUR', 'THEME_NOT_IN_PROGRAMME'],
      ['REFER_TO_COUNCIL', 'NOT_ABOVE_DELEGATION_LIMIT'],
    ]);
    // Whoever assessed it may decide nothing on it.
    const both = await t.token('official-alderman-b', ['official', 'alderman'], ['oost']);
    const own = await assessed({ requestedAmountCents: 1_000 }, both);
    expect((await blocked(both, own)).map(([, code]) => code)).toEqual([
      'FOUR_EYES',
      'FOUR_EYES',
      'FOUR_EYES',
    ]);
    // The initiator sees why notice of default cannot be given yet; the details are one sentence each.
    const resident = (await getCase(t, a.resident, own)).blockedEvents as {
      type: string;
      code: string;
      detail: string;
    }[];
    expect(resident).toEqual([
      { type: 'NOTICE_OF_DEFAULT', code: 'TERM_NOT_EXPIRED', detail: expect.stringMatching(/\.$/) },
    ]);
    // Nothing is listed that the caller's roles could never send.
    expect(await blocked(a.council, large)).toEqual([]);
  });

  it('refuses HONOUR when the area has no programme this year (NO_PROGRAMME), and does not offer it', async () => {
    const zuid = await team(t, 'zuid');
    // A programme for another year does not count.
    await adopt(
      'zuid',
      { budgetCents: 1_000_000, delegationLimitCents: 500_000, themes: ['speelruimte'] },
      YEAR + 1,
    );
    const id = await assessed({ areaCode: 'zuid' }, zuid.official);
    expect((await getCase(t, zuid.alderman, id)).availableEvents).toEqual(['REJECT', 'EXTEND_TERM']);
    const p = await expectRefused(
      zuid.alderman,
      id,
      { ...grantTerms(), type: 'HONOUR', amountCents: 1_000, motivation: 'x' },
      'NO_PROGRAMME',
    );
    expect(p.detail).toMatch(/geen programma/);
    await expectRefused(zuid.alderman, id, { type: 'REFER_TO_COUNCIL', motivation: 'x' }, 'NO_PROGRAMME');
    // Once the council adopts one, the same case can be honoured.
    await adopt('zuid', { budgetCents: 1_000_000, delegationLimitCents: 500_000, themes: ['speelruimte'] });
    expect((await getCase(t, zuid.alderman, id)).availableEvents).toEqual([
      'HONOUR',
      'REJECT',
      'EXTEND_TERM',
    ]);
    await send(zuid.alderman, id, {
      ...grantTerms(),
      type: 'HONOUR',
      amountCents: 250_000,
      motivation: 'Akkoord.',
    }).expect(200);
    expect(await programme('zuid')).toMatchObject({ committedCents: 250_000, availableCents: 750_000 });
  });

  it('refuses HONOUR for a theme outside the programme (THEME_NOT_IN_PROGRAMME)', async () => {
    const id = await assessed({ theme: 'verkeer', requestedAmountCents: 10_000 });
    expect((await getCase(t, a.alderman, id)).availableEvents).toEqual(['REJECT', 'EXTEND_TERM']);
    const p = await expectRefused(
      a.alderman,
      id,
      { ...grantTerms(), type: 'HONOUR', amountCents: 10_000, motivation: 'x' },
      'THEME_NOT_IN_PROGRAMME',
    );
    expect(p.detail).toContain('verkeer');
  });

  it('refuses HONOUR of more than was requested (AMOUNT_ABOVE_REQUEST)', async () => {
    const id = await assessed({ requestedAmountCents: 100_000 });
    expect((await getCase(t, a.alderman, id)).availableEvents).toEqual(['HONOUR', 'REJECT', 'EXTEND_TERM']);
    await expectRefused(
      a.alderman,
      id,
      { ...grantTerms(), type: 'HONOUR', amountCents: 100_001, motivation: 'x' },
      'AMOUNT_ABOVE_REQUEST',
    );
    const ok = await send(a.alderman, id, {
      ...grantTerms(),
      type: 'HONOUR',
      amountCents: 100_000,
      motivation: 'Akkoord.',
    }).expect(200);
    expect(ok.body).toMatchObject({ state: 'honoured', honouredAmountCents: 100_000 });
  });

  it('refuses HONOUR of more than is available (BUDGET_EXCEEDED), even within the delegation limit', async () => {
    const west = await team(t, 'west');
    await adopt('west', { budgetCents: 100_000, delegationLimitCents: 80_000, themes: ['groen'] });
    const first = await assessed(
      { areaCode: 'west', theme: 'groen', requestedAmountCents: 50_000 },
      west.official,
    );
    await send(west.alderman, first, {
      ...grantTerms(),
      type: 'HONOUR',
      amountCents: 50_000,
      motivation: 'Akkoord.',
    }).expect(200);
    const second = await assessed(
      { areaCode: 'west', theme: 'groen', requestedAmountCents: 60_000 },
      west.official,
    );
    // 60,000 is within the delegation limit (so no referral) but above the 50,000 available.
    expect((await getCase(t, west.alderman, second)).availableEvents).toEqual(['REJECT', 'EXTEND_TERM']);
    const p = await expectRefused(
      west.alderman,
      second,
      { ...grantTerms(), type: 'HONOUR', amountCents: 60_000, motivation: 'x' },
      'BUDGET_EXCEEDED',
    );
    expect(p.detail).toContain('€\u00a0500,00');
    await expectRefused(
      west.alderman,
      second,
      { type: 'REFER_TO_COUNCIL', motivation: 'x' },
      'NOT_ABOVE_DELEGATION_LIMIT',
    );
    // Honouring part of the request, up to what is available, is allowed and exhausts the programme.
    await send(west.alderman, second, {
      ...grantTerms(),
      type: 'HONOUR',
      amountCents: 50_000,
      motivation: 'Deels.',
    }).expect(200);
    expect(await programme('west')).toMatchObject({
      budgetCents: 100_000,
      committedCents: 100_000,
      availableCents: 0,
    });
    const third = await assessed(
      { areaCode: 'west', theme: 'groen', requestedAmountCents: 1 },
      west.official,
    );
    await expectRefused(
      west.alderman,
      third,
      { ...grantTerms(), type: 'HONOUR', amountCents: 1, motivation: 'x' },
      'BUDGET_EXCEEDED',
    );
  });

  it('refuses HONOUR above the delegation limit and offers referral instead; referral only above it', async () => {
    const within = await assessed({ requestedAmountCents: 300_000 });
    expect((await getCase(t, a.alderman, within)).availableEvents).toEqual([
      'HONOUR',
      'REJECT',
      'EXTEND_TERM',
    ]);
    const p = await expectRefused(
      a.alderman,
      within,
      { type: 'REFER_TO_COUNCIL', motivation: 'x' },
      'NOT_ABOVE_DELEGATION_LIMIT',
    );
    expect(p.detail).toContain('€\u00a03.000,00');

    const above = await assessed({ requestedAmountCents: 300_001 });
    expect((await getCase(t, a.alderman, above)).availableEvents).toEqual([
      'REJECT',
      'REFER_TO_COUNCIL',
      'EXTEND_TERM',
    ]);
    // The official and the council see neither: the alderman decides first.
    expect((await getCase(t, a.official, above)).availableEvents).toEqual(['EXTEND_TERM']);
    expect((await getCase(t, a.council, above)).availableEvents).toEqual([]);
    await expectRefused(
      a.alderman,
      above,
      { ...grantTerms(), type: 'HONOUR', amountCents: 300_001, motivation: 'x' },
      'ABOVE_DELEGATION_LIMIT',
    );
    const referred = await send(a.alderman, above, {
      type: 'REFER_TO_COUNCIL',
      motivation: 'Boven mandaat.',
    }).expect(200);
    expect(referred.body).toMatchObject({ state: 'awaiting_council', availableEvents: ['EXTEND_TERM'] });
    expect((await getCase(t, a.clerk, above)).availableEvents).toEqual(['COUNCIL_HONOUR', 'COUNCIL_REJECT']);
    // A raadslid reads the referred case but is not the raad: only its clerk registers the decision.
    expect((await getCase(t, a.council, above)).availableEvents).toEqual([]);
    // The council is not bound by the delegation limit, only by the budget rules.
    const before = await programme('oost');
    const honoured = await send(a.clerk, above, {
      ...grantTerms(),
      type: 'COUNCIL_HONOUR',
      amountCents: 300_001,
      motivation: 'Raadsbesluit.',
      councilDecision: councilDecision(),
    });
    expect(honoured.status).toBe(200);
    expect(honoured.body).toMatchObject({ state: 'honoured', honouredAmountCents: 300_001 });
    expect(await programme('oost')).toMatchObject({
      committedCents: before.committedCents + 300_001,
      availableCents: before.availableCents - 300_001,
    });
    const log = (await t.http.get(`/api/v1/cases/${above}/log`).set(bearer(a.council)).expect(200)).body;
    expect(log.map((e: { event: string }) => e.event)).toEqual([
      'SUBMIT',
      'ASSESS',
      'REFER_TO_COUNCIL',
      'COUNCIL_HONOUR',
    ]);
    expect(log[3]).toMatchObject({
      actor: { id: 'clerk-1', role: 'clerk' },
      payload: { amountCents: 300_001, councilDecision: councilDecision() },
    });
  });

  it('holds the council to the budget and the request, and lets it reject (COUNCIL_REJECT)', async () => {
    await adopt('centrum', { budgetCents: 500_000, delegationLimitCents: 100_000, themes: ['groen'] });
    const centrum = { official: a.officialElsewhere, alderman: a.aldermanElsewhere };
    const big = await assessed(
      { areaCode: 'centrum', theme: 'groen', requestedAmountCents: 600_000 },
      centrum.official,
    );
    await send(centrum.alderman, big, { type: 'REFER_TO_COUNCIL', motivation: 'Boven mandaat.' }).expect(200);
    // 600,000 requested, 500,000 available: the council cannot honour it all.
    expect((await getCase(t, a.clerk, big)).availableEvents).toEqual(['COUNCIL_REJECT']);
    const meeting = councilDecision();
    await expectRefused(
      a.clerk,
      big,
      {
        ...grantTerms(),
        type: 'COUNCIL_HONOUR',
        amountCents: 600_000,
        motivation: 'x',
        councilDecision: meeting,
      },
      'BUDGET_EXCEEDED',
    );
    await expectRefused(
      a.clerk,
      big,
      {
        ...grantTerms(),
        type: 'COUNCIL_HONOUR',
        amountCents: 600_001,
        motivation: 'x',
        councilDecision: meeting,
      },
      'AMOUNT_ABOVE_REQUEST',
    );
    // The alderman cannot decide a referred case; the council rejects it.
    expectProblem(
      await send(centrum.alderman, big, { ...grantTerms(), type: 'HONOUR', amountCents: 1, motivation: 'x' }),
      409,
    );
    const rejected = await send(a.clerk, big, {
      type: 'COUNCIL_REJECT',
      motivation: 'Past niet in de begroting.',
      councilDecision: meeting,
    }).expect(200);
    expect(rejected.body).toMatchObject({
      state: 'rejected',
      honouredAmountCents: null,
      availableEvents: [],
    });
    expect(await programme('centrum')).toMatchObject({ committedCents: 0, availableCents: 500_000 });

    // The council's theme rule: a revision that drops the theme stops the council too.
    const other = await assessed(
      { areaCode: 'centrum', theme: 'groen', requestedAmountCents: 200_000 },
      centrum.official,
    );
    await send(centrum.alderman, other, { type: 'REFER_TO_COUNCIL', motivation: 'Boven mandaat.' }).expect(
      200,
    );
    await adopt('centrum', { budgetCents: 500_000, delegationLimitCents: 100_000, themes: ['verkeer'] });
    await expectRefused(
      a.clerk,
      other,
      {
        ...grantTerms(),
        type: 'COUNCIL_HONOUR',
        amountCents: 200_000,
        motivation: 'x',
        councilDecision: meeting,
      },
      'THEME_NOT_IN_PROGRAMME',
    );
  });

  it('asks a Right to Challenge grant for its agreement term and an initiative grant for its account date (400)', async () => {
    const oudeWijken = await team(t, 'oude-wijken');
    await adopt('oude-wijken', { budgetCents: 200_000, delegationLimitCents: 80_000, themes: ['groen'] });
    const c = await assessedCase(
      t,
      { resident: a.resident, official: oudeWijken.official },
      rightToChallenge({ areaCode: 'oude-wijken', requestedAmountCents: 50_000 }),
    );
    const noTerm = expectProblem(
      await send(oudeWijken.alderman, c.id, { type: 'HONOUR', amountCents: 50_000, motivation: 'x' }),
      400,
    );
    expect(noTerm.invalidParams).toEqual([expect.objectContaining({ name: 'agreementMonths' })]);
    const wrongField = expectProblem(
      await send(oudeWijken.alderman, c.id, {
        ...grantTerms('initiative'),
        type: 'HONOUR',
        amountCents: 50_000,
        motivation: 'x',
        agreementMonths: 12,
      }),
      400,
    );
    expect(wrongField.invalidParams).toEqual([expect.objectContaining({ name: 'accountBy' })]);
    // Refused requests changed nothing: the whole amount is still available.
    expect((await getCase(t, oudeWijken.alderman, c.id)).state).toBe('assessed');
    await send(oudeWijken.alderman, c.id, {
      type: 'HONOUR',
      amountCents: 50_000,
      motivation: 'x',
      agreementMonths: 12,
    }).expect(200);

    const initiativeCase = await assessedCase(
      t,
      { resident: a.resident, official: oudeWijken.official },
      initiative({ areaCode: 'oude-wijken', theme: 'groen', requestedAmountCents: 10_000 }),
    );
    const noDate = expectProblem(
      await send(oudeWijken.alderman, initiativeCase.id, {
        type: 'HONOUR',
        amountCents: 10_000,
        motivation: 'x',
      }),
      400,
    );
    expect(noDate.invalidParams).toEqual([expect.objectContaining({ name: 'accountBy' })]);
  });

  it('lets availableEvents follow a revision of the frame', async () => {
    const id = await assessed({ requestedAmountCents: 350_000 });
    expect((await getCase(t, a.alderman, id)).availableEvents).toEqual([
      'REJECT',
      'REFER_TO_COUNCIL',
      'EXTEND_TERM',
    ]);
    const current = await programme('oost');
    await adopt('oost', {
      budgetCents: current.budgetCents,
      delegationLimitCents: 400_000,
      themes: current.themes,
    });
    expect((await getCase(t, a.alderman, id)).availableEvents).toEqual(['HONOUR', 'REJECT', 'EXTEND_TERM']);
    const list = await t.http
      .get('/api/v1/cases?areaCode=oost&state=assessed&limit=100')
      .set(bearer(a.alderman))
      .expect(200);
    const listed = list.body.items.find((c: { id: string }) => c.id === id);
    expect(listed.availableEvents).toEqual(['HONOUR', 'REJECT', 'EXTEND_TERM']);
    await adopt('oost', {
      budgetCents: current.budgetCents,
      delegationLimitCents: 300_000,
      themes: current.themes,
    });
    expect((await getCase(t, a.alderman, id)).availableEvents).toEqual([
      'REJECT',
      'REFER_TO_COUNCIL',
      'EXTEND_TERM',
    ]);
  });

  it('keeps committedCents equal to the honoured amounts in the process log, and the chain valid', async () => {
    // Honours of both kinds, the alderman's and (above the delegation limit) the council's.
    const byAlderman = await assessed({ requestedAmountCents: 10_000 });
    await sendEvent(t, a.alderman, byAlderman, {
      ...grantTerms(),
      type: 'HONOUR',
      amountCents: 10_000,
      motivation: 'Ja.',
    });
    const byCouncil = await assessed({ requestedAmountCents: 300_001 });
    await sendEvent(t, a.alderman, byCouncil, { type: 'REFER_TO_COUNCIL', motivation: 'Boven mandaat.' });
    await sendEvent(t, a.clerk, byCouncil, {
      ...grantTerms(),
      type: 'COUNCIL_HONOUR',
      amountCents: 300_001,
      motivation: 'Raadsbesluit.',
      councilDecision: councilDecision(),
    });
    await expectCommittedMatchesLog(t, a.council);
    expect((await verifyLog(t, a.council)).valid).toBe(true);
  });
});
