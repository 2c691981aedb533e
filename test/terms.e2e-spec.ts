// Awb terms through HTTP, on either database: the hersteltermijn of a request for information
// (respondBy), setting an application aside when it passes (NOT_PROCESSED), and the notice of
// default with its penalty once the decision term has passed (NOTICE_OF_DEFAULT, Awb 4:17).
// Time is moved by rewriting the stored facts, as if the days had gone by.
import { addDays, amsterdamDate } from '../libs/workflows/src/index.js';
import { formatEuro } from '../apps/api/src/common/dutch.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { eventBody, getCase, initiative, postEvent, sendEvent, setFacts, submit } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const DAY_MS = 86_400_000;

describe('terms: respondBy, not processed, notice of default and penalty', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    await seedProgramme(t, 'oost', {
      budgetCents: 10_000_000,
      delegationLimitCents: 5_000_000,
      themes: ['speelruimte'],
    });
  });
  afterAll(() => t.close());

  const today = () => amsterdamDate(new Date().toISOString());

  it('gives the initiator two weeks by default, or the day the official names (1 to 90 days ahead)', async () => {
    const c = await submit(t, a.resident, initiative());
    const asked = await sendEvent(t, a.official, c.id, { type: 'REQUEST_INFO', question: 'Wie doet mee?' });
    expect(asked.respondBy).toBe(addDays(today(), 14));
    // The term is moved on at once by the longest the request can suspend it.
    expect(Date.parse(asked.decisionDueAt as string)).toBeGreaterThan(
      Date.parse(c.decisionDueAt as string) + 14 * DAY_MS,
    );
    const answered = await sendEvent(t, a.resident, c.id, { type: 'SUPPLY_INFO', answer: 'Twintig buren.' });
    // Answered at once: only the time it actually stood still is added.
    expect(Date.parse(answered.decisionDueAt as string) - Date.parse(c.decisionDueAt as string)).toBe(
      Date.parse(answered.updatedAt as string) - Date.parse(asked.updatedAt as string),
    );
    expect(answered.respondBy).toBeUndefined();

    for (const respondBy of [today(), addDays(today(), 91), '2027-02-30']) {
      const res = expectProblem(
        await postEvent(t, a.official, c.id, { type: 'REQUEST_INFO', question: 'Nog iets?', respondBy }),
        400,
      );
      expect(res.invalidParams).toEqual([expect.objectContaining({ name: 'respondBy' })]);
    }
    const named = await sendEvent(t, a.official, c.id, {
      type: 'REQUEST_INFO',
      question: 'Nog iets?',
      respondBy: addDays(today(), 90),
    });
    expect(named.respondBy).toBe(addDays(today(), 90));
  });

  it('sets an application aside only once the day to supply the information has passed, as a besluit', async () => {
    const c = await submit(t, a.resident, initiative());
    await sendEvent(t, a.official, c.id, {
      type: 'REQUEST_INFO',
      question: 'Welke begroting?',
      respondBy: addDays(today(), 3),
    });
    const early = expectProblem(
      await postEvent(t, a.official, c.id, { type: 'NOT_PROCESSED', motivation: 'Geen antwoord.' }),
      409,
    );
    expect(early.code).toBe('RESPOND_BY_NOT_PASSED');
    expect((await getCase(t, a.official, c.id)).availableEvents).not.toContain('NOT_PROCESSED');

    // The last day was yesterday.
    await setFacts(t, c.id, { respondBy: addDays(today(), -1) });
    expect((await getCase(t, a.official, c.id)).availableEvents).toContain('NOT_PROCESSED');
    const set = await sendEvent(t, a.official, c.id, {
      type: 'NOT_PROCESSED',
      motivation: 'De gevraagde begroting is niet op tijd ontvangen.',
    });
    expect(set.state).toBe('not_processed');
    const decisions = (
      await t.http.get(`/api/v1/cases/${c.id}/decisions`).set(bearer(a.resident)).expect(200)
    ).body;
    expect(decisions).toEqual([
      expect.objectContaining({
        kind: 'set_aside',
        kindLabel: 'Buiten behandeling gesteld',
        event: 'NOT_PROCESSED',
        legalBasis: expect.stringContaining('4:5'),
      }),
    ]);
    // A closed case: the next report files it and lists the decision.
    const report = (await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201)).body;
    expect(
      report.decisions.map((d: { caseId: string; event: string }) => [d.caseId, d.event]),
    ).toContainEqual([c.id, 'NOT_PROCESSED']);
    expect((await getCase(t, a.resident, c.id)).state).toBe('reported_to_raad');
  });

  it('takes notice of default only after the term, once, and counts the penalty until the decision', async () => {
    const c = await submit(t, a.resident, initiative({ requestedAmountCents: 10_000 }));
    const early = expectProblem(await postEvent(t, a.resident, c.id, { type: 'NOTICE_OF_DEFAULT' }), 409);
    expect(early.code).toBe('TERM_NOT_EXPIRED');

    await setFacts(t, c.id, { decisionDueAt: new Date(Date.now() - 60_000).toISOString() });
    const overdue = (
      await t.http.get('/api/v1/cases?overdue=true&limit=100').set(bearer(a.official)).expect(200)
    ).body;
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const noticed = await sendEvent(t, a.resident, c.id, { type: 'NOTICE_OF_DEFAULT' });
    expect(noticed).toMatchObject({
      state: 'submitted',
      penalty: { accruesFrom: addDays(today(), 14), days: 0, amountCents: 0, capped: false, frozen: false },
    });
    const again = expectProblem(await postEvent(t, a.resident, c.id, { type: 'NOTICE_OF_DEFAULT' }), 409);
    expect(again.code).toBe('NOTICE_ALREADY_GIVEN');

    // Twenty days ago: the penalty runs from six days ago, today included: 7 days of €23.
    await setFacts(t, c.id, { noticeOfDefaultAt: new Date(Date.now() - 20 * DAY_MS).toISOString() });
    expect((await getCase(t, a.resident, c.id)).penalty).toMatchObject({
      days: 7,
      amountCents: 16_100,
      frozen: false,
    });
    // Sixty days ago: capped at 42 days, €1,442.
    await setFacts(t, c.id, { noticeOfDefaultAt: new Date(Date.now() - 60 * DAY_MS).toISOString() });
    expect((await getCase(t, a.council, c.id)).penalty).toMatchObject({
      days: 42,
      amountCents: 144_200,
      capped: true,
    });

    // The decision stops it: the day of the decision no longer counts.
    await setFacts(t, c.id, { noticeOfDefaultAt: new Date(Date.now() - 20 * DAY_MS).toISOString() });
    await sendEvent(t, a.official, c.id, eventBody('ASSESS'));
    const decided = await sendEvent(t, a.alderman, c.id, { type: 'REJECT', motivation: 'Past niet.' });
    expect(decided.penalty).toMatchObject({ days: 6, amountCents: 13_800, frozen: true });

    // The next report lists the refusal with the penalty it froze, and counts it in the totals.
    const report = (await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201)).body;
    type Listed = { caseId: string; event: string; penaltyCents?: number };
    const listed = (report.decisions as Listed[]).filter((d) => d.caseId === c.id);
    expect(listed).toEqual([expect.objectContaining({ event: 'REJECT', penaltyCents: 13_800 })]);
    const owed = (report.decisions as Listed[]).reduce((sum, d) => sum + (d.penaltyCents ?? 0), 0);
    expect(report.totals.penaltyAmountCents).toBe(owed);
    const oost = report.totals.byArea.find((x: { areaCode: string }) => x.areaCode === 'oost');
    expect(oost.penaltyAmountCents).toBeGreaterThanOrEqual(13_800);
    expect(
      report.totals.byArea.find((x: { areaCode: string }) => x.areaCode === 'west').penaltyAmountCents,
    ).toBe(0);
    const brief = await t.http
      .get(`/api/v1/reports/${report.id}`)
      .set(bearer(a.council))
      .set('Accept', 'text/markdown')
      .expect(200);
    expect(brief.text).toContain(`Dwangsommen omdat te laat is beslist: ${formatEuro(owed)}.`);
  });
});
