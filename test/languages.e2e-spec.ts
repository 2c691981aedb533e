// Problems and explanations speak Dutch unless the client asks for English (Accept-Language,
// with q-values); Content-Language says which. See docs/api.md (Errors and languages).
import { bearer, type Cast, cast } from './support/actors.js';
import { assessed, getCase, initiative, postCase, postEvent, grantTerms } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/** Words that give an English sentence away; none of them is Dutch. */
const ENGLISH =
  /\b(the|are|must|may|not|you|your|this|and|only|request|requested|found|required|valid|should|cannot|with|from)\b/i;

function expectDutch(text: unknown): void {
  expect(typeof text).toBe('string');
  expect({ text, english: ENGLISH.exec(text as string)?.[0] ?? null }).toEqual({ text, english: null });
}

describe('languages of problems and explanations', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    // € 12.000,00 left in the programme; the alderman may grant up to € 20.000,00 alone.
    await seedProgramme(t, 'oost', {
      budgetCents: 1_200_000,
      delegationLimitCents: 2_000_000,
      themes: ['groen', 'speelruimte'],
    });
  });
  afterAll(() => t.close());

  const unknownPath = (acceptLanguage?: string) => {
    const req = t.http.get('/api/v1/no-such-thing');
    return acceptLanguage === undefined ? req : req.set('Accept-Language', acceptLanguage);
  };

  it('answers in Dutch by default, and says so', async () => {
    const res = await unknownPath();
    const problem = expectProblem(res, 404);
    expect(res.headers['content-language']).toBe('nl');
    expect(res.headers.vary).toMatch(/Accept-Language/i);
    expect(problem).toMatchObject({ title: 'Niet gevonden' });
    expectDutch(problem.title);
    expectDutch(problem.detail);
  });

  it.each([
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['en-US', 'en'],
    ['nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    ['en;q=0.2, nl', 'nl'],
    ['fr', 'nl'],
    ['fr, en;q=0.5', 'en'],
    ['*', 'nl'],
  ])('Accept-Language: %s gives %s', async (header, lang) => {
    const res = await unknownPath(header);
    const problem = expectProblem(res, 404);
    expect(res.headers['content-language']).toBe(lang);
    expect(problem.title).toBe(lang === 'en' ? 'Not found' : 'Niet gevonden');
  });

  it('401, malformed JSON and a refused role in Dutch, and in English on request', async () => {
    const unauthenticated = await t.http.get('/api/v1/cases');
    expect(expectProblem(unauthenticated, 401)).toMatchObject({ title: 'Niet ingelogd' });
    expectDutch(unauthenticated.body.detail);

    const malformed = () =>
      t.http
        .post('/api/v1/cases')
        .set(bearer(a.resident))
        .set('Content-Type', 'application/json')
        .send('{"a":');
    expect(expectProblem(await malformed(), 400)).toMatchObject({
      title: 'Ongeldig verzoek',
      detail: 'De inhoud van het verzoek is geen geldige JSON.',
    });
    expect(expectProblem(await malformed().set('Accept-Language', 'en'), 400)).toMatchObject({
      title: 'Bad request',
      detail: 'The request body is not valid JSON.',
    });

    const forbidden = await t.http.get('/api/v1/audit').set(bearer(a.resident));
    const problem = expectProblem(forbidden, 403);
    expect(problem).toMatchObject({ title: 'Niet toegestaan', detail: 'Hiervoor is de rol raadslid nodig.' });
    expectDutch(problem.detail);
  });

  it('a 400 names each field with a Dutch reason, from the constraint and its bounds', async () => {
    const body = initiative({ requestedAmountCents: -1, title: '', theme: 'Buurtfeest', colour: 'blauw' });
    const dutch = expectProblem(await postCase(t, a.resident, body), 400);
    expect(dutch.title).toBe('Ongeldige invoer');
    expectDutch(dutch.detail);
    const reasons = Object.fromEntries(
      (dutch.invalidParams as { name: string; reason: string }[]).map((p) => [p.name, p.reason]),
    );
    expect(reasons).toMatchObject({
      requestedAmountCents: 'mag niet lager zijn dan €\u00a00,01',
      title: expect.stringMatching(/tekens lang zijn/),
      theme: expect.stringContaining('kleine letters'),
      colour: 'onbekend veld',
    });
    for (const reason of Object.values(reasons)) expectDutch(reason);

    const res = await postCase(t, a.resident, body).set('Accept-Language', 'en');
    expect(res.headers['content-language']).toBe('en');
    const english = expectProblem(res, 400);
    expect(english.title).toBe('Invalid input');
    expect(english.invalidParams).toEqual(
      expect.arrayContaining([
        { name: 'requestedAmountCents', reason: 'must not be less than €0.01' },
        { name: 'colour', reason: 'unknown field' },
      ]),
    );
  });

  it('a refusal writes amounts as the language does: € 15.000,00 and €15,000.00', async () => {
    const c = await assessed(t, a, initiative({ theme: 'groen', requestedAmountCents: 1_500_000 }));
    const honour = { type: 'HONOUR', amountCents: 1_500_000, motivation: 'Past.', ...grantTerms() };
    const dutch = expectProblem(await postEvent(t, a.alderman, c.id, honour), 409);
    expect(dutch).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      title: 'Niet toegestaan volgens de regels',
      detail:
        'Het bedrag van €\u00a015.000,00 is hoger dan de €\u00a012.000,00 die nog beschikbaar is in het programma van het gebied.',
    });
    expectDutch(dutch.detail);
    const english = await postEvent(t, a.alderman, c.id, honour).set('Accept-Language', 'en-GB,en;q=0.9');
    expect(english.headers['content-language']).toBe('en');
    expect(expectProblem(english, 409)).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      title: 'Business rule violated',
      detail: "The amount of €15,000.00 is more than the €12,000.00 still available in the area's programme.",
    });
  });

  it('blockedEvents explain in Dutch by default and in English on request', async () => {
    const c = await assessed(t, a, initiative({ theme: 'groen', requestedAmountCents: 1_500_000 }));
    const dutch = await t.http.get(`/api/v1/cases/${c.id}`).set(bearer(a.alderman)).expect(200);
    expect(dutch.headers['content-language']).toBe('nl');
    const blocked = (dutch.body.blockedEvents as { type: string; code: string; detail: string }[]).find(
      (b) => b.type === 'HONOUR',
    );
    expect(blocked).toEqual({
      type: 'HONOUR',
      code: 'BUDGET_EXCEEDED',
      detail: expect.stringContaining('€\u00a012.000,00'),
    });
    expectDutch(blocked!.detail);
    const english = await t.http
      .get(`/api/v1/cases/${c.id}`)
      .set(bearer(a.alderman))
      .set('Accept-Language', 'en')
      .expect(200);
    expect(english.headers['content-language']).toBe('en');
    expect(english.body.blockedEvents).toContainEqual({
      type: 'HONOUR',
      code: 'BUDGET_EXCEEDED',
      detail: expect.stringContaining('€12,000.00'),
    });
    // The same case, the same facts: only the words differ.
    expect((await getCase(t, a.alderman, c.id)).version).toBe(english.body.version);
  });
});
