// The case types and their terms (GET/PUT /case-types): the law's terms to begin with, set by
// the raad through its clerk with the meeting, logged, and applied to cases submitted
// afterwards only: a case keeps the terms it was submitted under.
import { addDays, amsterdamDate, CASE_TYPES, LEGAL_TERMS } from '../libs/workflows/src/index.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { councilDecision } from './support/council.js';
import { eventBody, getCase, initiative, sendEvent, submit } from './support/cases.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const DAY_MS = 86_400_000;
const LAW = { decisionTermDays: 56, maxExtensionDays: 56, defaultRespondByDays: 14, objectionTermDays: 42 };
const SHORTER = {
  decisionTermDays: 21,
  maxExtensionDays: 14,
  defaultRespondByDays: 7,
  objectionTermDays: 56,
};

describe('case types and their terms', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
  });
  afterAll(() => t.close());

  const put = (token: string, type: string, body: unknown) =>
    t.http
      .put(`/api/v1/case-types/${type}`)
      .set(bearer(token))
      .send(body as object);
  const list = async () => (await t.http.get('/api/v1/case-types').expect(200)).body;
  const termsLog = async () =>
    (await t.http.get('/api/v1/audit?limit=500').set(bearer(a.council)).expect(200)).body.items.filter(
      (e: { event: string }) => e.event === 'CASE_TYPE_TERMS_SET',
    );

  it('lists every case type with the law’s terms, without a token (Awb 4:13, 4:14, 4:5, 6:7, 7:10)', async () => {
    const types = await list();
    expect(types).toEqual([
      expect.objectContaining({
        type: 'initiative',
        name: 'Bewonersinitiatief',
        ...LAW,
        councilDecision: null,
      }),
      expect.objectContaining({
        type: 'right_to_challenge',
        name: 'Uitdaagrecht',
        ...LAW,
        councilDecision: null,
      }),
      expect.objectContaining({
        type: 'objection',
        name: 'Bezwaar',
        decisionTermDays: 42,
        maxExtensionDays: 42,
        defaultRespondByDays: 14,
        objectionTermDays: 42,
        legalBasis: expect.stringContaining('7:10'),
      }),
    ]);
    expect(types[0].legalBasis).toMatch(/4:13.*4:14.*4:5.*6:7/);
    // Every case type the machines know has its terms, and they are the law's the library holds.
    for (const type of CASE_TYPES) {
      expect(types.find((c: { type: string }) => c.type === type)).toMatchObject(LEGAL_TERMS[type]);
    }
  });

  it('lets only the clerk set terms (403 for a council member alone, an alderman, an official; 401 without a token)', async () => {
    const body = { ...SHORTER, councilDecision: councilDecision() };
    for (const token of [a.resident, a.official, a.alderman, a.council]) {
      expectProblem(await put(token, 'right_to_challenge', body), 403);
    }
    expectProblem(await t.http.put('/api/v1/case-types/right_to_challenge').send(body), 401);
    expect((await list())[1]).toMatchObject({ ...LAW, councilDecision: null });
    expect(await termsLog()).toEqual([]);
  });

  it('refuses terms out of range or without the meeting (400 invalidParams, every field at once), and changes nothing', async () => {
    const bad = {
      decisionTermDays: 0,
      maxExtensionDays: 183,
      defaultRespondByDays: 91,
      objectionTermDays: 41,
      councilDecision: councilDecision(),
    };
    const p = expectProblem(await put(a.clerk, 'right_to_challenge', bad), 400);
    expect((p.invalidParams as { name: string }[]).map((x) => x.name).sort()).toEqual([
      'decisionTermDays',
      'defaultRespondByDays',
      'maxExtensionDays',
      'objectionTermDays',
    ]);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...SHORTER }, ['councilDecision']],
      [{ ...SHORTER, councilDecision: { agendaItem: '4' } }, ['councilDecision.meetingOn']],
      [{ ...SHORTER, decisionTermDays: 2.5, councilDecision: councilDecision() }, ['decisionTermDays']],
      [{ ...SHORTER, decisionTermDays: '21', councilDecision: councilDecision() }, ['decisionTermDays']],
      [
        { ...SHORTER, objectionTermDays: undefined, councilDecision: councilDecision() },
        ['objectionTermDays'],
      ],
      [{ ...SHORTER, name: 'Anders', councilDecision: councilDecision() }, ['name']],
    ];
    for (const [body, names] of cases) {
      const res = expectProblem(await put(a.clerk, 'right_to_challenge', body), 400);
      expect((res.invalidParams as { name: string }[]).map((x) => x.name)).toEqual(names);
    }
    expectProblem(await put(a.clerk, 'permit', { ...SHORTER, councilDecision: councilDecision() }), 404);
    expectProblem(await put(a.clerk, 'Initiative!', { ...SHORTER, councilDecision: councilDecision() }), 400);
    expect((await list())[1]).toMatchObject({ ...LAW, councilDecision: null });
    expect(await termsLog()).toEqual([]);
  });

  it('accepts the bounds of each range (1 and 182 days, 1 and 90, 42 and 182)', async () => {
    const low = { decisionTermDays: 1, maxExtensionDays: 1, defaultRespondByDays: 1, objectionTermDays: 42 };
    const high = {
      decisionTermDays: 182,
      maxExtensionDays: 182,
      defaultRespondByDays: 90,
      objectionTermDays: 182,
    };
    const meeting = councilDecision({ agendaItem: '9 Termijnen' });
    expect(
      (await put(a.clerk, 'objection', { ...low, councilDecision: meeting }).expect(200)).body,
    ).toMatchObject(low);
    expect(
      (await put(a.clerk, 'objection', { ...high, councilDecision: meeting }).expect(200)).body,
    ).toMatchObject(high);
    // Back to the law's, as another meeting decided.
    const back = {
      decisionTermDays: 42,
      maxExtensionDays: 42,
      defaultRespondByDays: 14,
      objectionTermDays: 42,
    };
    await put(a.clerk, 'objection', {
      ...back,
      councilDecision: councilDecision({ agendaItem: '10' }),
    }).expect(200);
    expect(await termsLog()).toHaveLength(3);
  });

  it('sets the terms with the meeting, logs it once, and applies them to cases submitted afterwards only', async () => {
    const before = await submit(t, a.resident, initiative({ title: 'Voor het besluit' }));
    const meeting = councilDecision({ meetingOn: '2026-11-26', agendaItem: '5 Termijnen' });
    const set = await put(a.clerk, 'initiative', { ...SHORTER, councilDecision: meeting }).expect(200);
    expect(set.body).toEqual({
      type: 'initiative',
      name: 'Bewonersinitiatief',
      ...SHORTER,
      legalBasis: expect.any(String),
      councilDecision: meeting,
    });
    expect((await list())[0]).toEqual(set.body);
    const logged = (await termsLog()).filter(
      (e: { payload: { type: string } }) => e.payload.type === 'initiative',
    );
    expect(logged).toEqual([
      expect.objectContaining({
        caseId: null,
        actor: expect.objectContaining({ id: 'clerk-1', role: 'clerk' }),
        payload: { type: 'initiative', ...SHORTER, councilDecision: meeting, previous: LAW },
      }),
    ]);
    // The same terms by the same meeting again: nothing changes, nothing is logged.
    expect(
      (await put(a.clerk, 'initiative', { ...SHORTER, councilDecision: meeting }).expect(200)).body,
    ).toEqual(set.body);
    expect(
      (await termsLog()).filter((e: { payload: { type: string } }) => e.payload.type === 'initiative'),
    ).toHaveLength(1);

    const after = await submit(t, a.resident, initiative({ title: 'Na het besluit' }));
    const dueAfter = (c: Record<string, unknown>) =>
      (Date.parse(c.decisionDueAt as string) - Date.parse(c.createdAt as string)) / DAY_MS;
    expect(dueAfter(before)).toBe(56);
    expect(dueAfter(after)).toBe(21);
    // A right_to_challenge is of another type: the law's terms still.
    expect(
      dueAfter(await submit(t, a.resident, { ...initiative(), type: 'right_to_challenge', ...rtc() })),
    ).toBe(56);

    // The hersteltermijn when the official names no day: each case its own.
    const today = amsterdamDate(new Date().toISOString());
    const ask = { type: 'REQUEST_INFO', question: 'Wie doet mee?' };
    expect((await sendEvent(t, a.official, before.id, ask)).respondBy).toBe(addDays(today, 14));
    expect((await sendEvent(t, a.official, after.id, ask)).respondBy).toBe(addDays(today, 7));
    for (const c of [before, after]) await sendEvent(t, a.resident, c.id, eventBody('SUPPLY_INFO'));

    // The term to object to the decision: six weeks for the case before, eight for the one after.
    for (const c of [before, after]) {
      await sendEvent(t, a.official, c.id, eventBody('ASSESS'));
      await sendEvent(t, a.alderman, c.id, { type: 'REJECT', motivation: 'Past niet.' });
    }
    const deadline = async (id: string) =>
      (await t.http.get(`/api/v1/cases/${id}/decisions`).set(bearer(a.resident)).expect(200)).body[0]
        .objectionDeadline;
    expect(await deadline(before.id)).toBe(addDays(today, 42));
    expect(await deadline(after.id)).toBe(addDays(today, 56));
    // Set back later, the terms of the cases stay.
    await put(a.clerk, 'initiative', {
      ...LAW,
      councilDecision: councilDecision({ agendaItem: '6' }),
    }).expect(200);
    expect(dueAfter(await getCase(t, a.resident, after.id))).toBeCloseTo(21, 0);
  });
});

function rtc() {
  return {
    challengedTask: 'Onderhoud van het openbaar groen',
    organisation: 'Buurtcoöperatie Oost',
    claim: 'cheaper',
    proposedCostCents: 800_000,
  };
}
