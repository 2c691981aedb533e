// Decisions (besluiten) as numbered letters: written with the transition that takes them,
// listed per case, readable as a PDF in Dutch with the municipality's name, the amount and
// until when to object. The PDF is read back with poppler's pdftotext (Debian's
// poppler-utils, which .ci/run installs), a reader that shares no code with the writer.
import { Database } from '../apps/api/src/database/database.service.js';
import { addDays, amsterdamDate, dutchDate } from '../libs/workflows/src/index.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { binary } from './support/binary.js';
import { pdfText } from './support/pdf.js';
import { assessed, caseLog, eventBody, grantTerms, initiative, sendEvent } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

describe('decisions as letters', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp({ MUNICIPALITY_NAME: 'Gemeente Proefstad' });
    a = await cast(t);
    await seedProgramme(t, 'oost', {
      budgetCents: 10_000_000,
      delegationLimitCents: 5_000_000,
      themes: ['speelruimte', 'groen'],
    });
  });
  afterAll(() => t.close());

  const decisionsOf = async (token: string, id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/decisions`).set(bearer(token)).expect(200)).body;

  it('numbers every besluit with its log entry, and nothing else', async () => {
    const c = await assessed(t, a, initiative({ title: 'Speeltuin Oosterpark' }));
    expect(await decisionsOf(a.resident, c.id)).toEqual([]);
    await sendEvent(t, a.alderman, c.id, {
      type: 'HONOUR',
      amountCents: 200_000,
      motivation: 'Het plan past in het programma speelruimte.',
      conditions: 'Vermeld de gemeente op de uitnodiging.',
      ...grantTerms(),
    });
    await sendEvent(t, a.resident, c.id, eventBody('SUBMIT_ACCOUNT', { amountCents: 150_000 }));
    await sendEvent(t, a.official, c.id, eventBody('REVIEW_ACCOUNT', { amountCents: 150_000 }));
    await sendEvent(t, a.otherAlderman, c.id, {
      type: 'SETTLE',
      settledCents: 150_000,
      motivation: 'Vastgesteld op de aangetoonde kosten.',
    });
    const decisions = await decisionsOf(a.resident, c.id);
    // The account and its review are no besluit; the grant and the settlement are.
    expect(decisions.map((d: { kind: string; event: string }) => [d.kind, d.event])).toEqual([
      ['grant', 'HONOUR'],
      ['settlement', 'SETTLE'],
    ]);
    const today = amsterdamDate(new Date().toISOString());
    expect(decisions[0]).toMatchObject({
      number: expect.stringMatching(/^BES-\d{4}-\d{6}$/),
      amountCents: 200_000,
      motivation: 'Het plan past in het programma speelruimte.',
      conditions: 'Vermeld de gemeente op de uitnodiging.',
      legalBasis: expect.stringContaining('4:29'),
      objectionPossible: true,
      objectionDeadline: addDays(today, 42),
      decidedBy: { name: 'Wethouder Wim', role: 'alderman' },
    });
    expect(decisions[1]).toMatchObject({ amountCents: 150_000, legalBasis: expect.stringContaining('4:44') });
    const [first, second] = decisions.map((d: { number: string }) => Number(d.number.slice(-6)));
    expect(second).toBeGreaterThan(first);
    // Each points at its own log entry.
    const log = await caseLog(t, a.resident, c.id);
    for (const d of decisions) {
      expect(log.find((e) => e.seq === d.seq)).toMatchObject({ event: d.event });
    }
  });

  it('sends the letter as a PDF in Dutch: municipality, reference, amount, obligations, basis and objection deadline', async () => {
    const c = await assessed(t, a, initiative({ title: 'Buurtfeest Oosterpoort' }));
    const honoured = await sendEvent(t, a.alderman, c.id, {
      type: 'HONOUR',
      amountCents: 123_456,
      motivation: 'Een feest voor de hele straat.',
      conditions: 'Ruim na afloop de straat op.',
      ...grantTerms(),
    });
    const [decision] = await decisionsOf(a.resident, c.id);
    const res = await t.http
      .get(`/api/v1/cases/${c.id}/decisions/${decision.number}`)
      .set(bearer(a.resident))
      .set('Accept', 'application/pdf')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const expected of [
      'Gemeente Proefstad',
      decision.number,
      honoured.reference as string,
      '‘Buurtfeest Oosterpoort’',
      'Wij kennen uw aanvraag toe. U ontvangt € 1.234,56.',
      'Een feest voor de hele straat.',
      'Ruim na afloop de straat op.',
      'Artikel 4:29 van de Algemene wet bestuursrecht',
      `uiterlijk op ${dutchDate(decision.objectionDeadline)}`,
      `uiterlijk op ${dutchDate(grantTerms().accountBy as string)}`,
      'Wethouder Wim',
    ]) {
      expect({ expected, found: text.includes(expected.replace(/\s+/gu, ' ')) }).toEqual({
        expected,
        found: true,
      });
    }
    // The fonts travel with the letter.
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
  });

  it('writes a refusal and a revocation as letters too', async () => {
    const refused = await assessed(t, a, initiative());
    await sendEvent(t, a.alderman, refused.id, { type: 'REJECT', motivation: 'Past niet in het programma.' });
    expect(await decisionsOf(a.official, refused.id)).toEqual([
      expect.objectContaining({ kind: 'refusal', legalBasis: expect.stringContaining('4:35') }),
    ]);
    const revoked = await assessed(t, a, initiative());
    await sendEvent(t, a.alderman, revoked.id, eventBody('HONOUR', { amountCents: 10_000 }));
    await sendEvent(t, a.alderman, revoked.id, { type: 'REVOKE', motivation: 'Niet uitgevoerd.' });
    const [, revocation] = await decisionsOf(a.council, revoked.id);
    expect(revocation).toMatchObject({ kind: 'revocation', legalBasis: expect.stringContaining('4:48') });
    expect(revocation.amountCents).toBeUndefined();
  });

  it('names the decision in the notification of the transition', async () => {
    const c = await assessed(t, a, initiative());
    await sendEvent(t, a.alderman, c.id, eventBody('HONOUR', { amountCents: 10_000 }));
    const [decision] = await decisionsOf(a.resident, c.id);
    const rows: { payload: Record<string, unknown> }[] = await t.app
      .get(Database)
      .read((m) => m.query(`SELECT payload FROM outbox WHERE payload->>'caseId' = $1 ORDER BY id`, [c.id]));
    const payloads = rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));
    expect(payloads.map((p) => p.decisionNumber)).toEqual([undefined, undefined, decision.number]);
  });

  it('refuses what it cannot give: 404 for another resident or an unknown number, 400 for a malformed one, 406 for another format', async () => {
    const c = await assessed(t, a, initiative());
    await sendEvent(t, a.alderman, c.id, eventBody('HONOUR', { amountCents: 10_000 }));
    const [d] = await decisionsOf(a.official, c.id);
    expectProblem(await t.http.get(`/api/v1/cases/${c.id}/decisions`).set(bearer(a.otherResident)), 404);
    expectProblem(
      await t.http.get(`/api/v1/cases/${c.id}/decisions/${d.number}`).set(bearer(a.otherResident)),
      404,
    );
    expectProblem(
      await t.http.get(`/api/v1/cases/${c.id}/decisions/BES-1999-000001`).set(bearer(a.resident)),
      404,
    );
    expectProblem(await t.http.get(`/api/v1/cases/${c.id}/decisions/besluit-1`).set(bearer(a.resident)), 400);
    expectProblem(
      await t.http
        .get(`/api/v1/cases/${c.id}/decisions/${d.number}`)
        .set(bearer(a.resident))
        .set('Accept', 'text/csv'),
      406,
    );
    // The council reads decisions like the case itself.
    await t.http.get(`/api/v1/cases/${c.id}/decisions/${d.number}`).set(bearer(a.council)).expect(200);
  });

  it('keeps a decision as it was sent: the database refuses to change or delete it', async () => {
    const c = await assessed(t, a, initiative());
    await sendEvent(t, a.alderman, c.id, eventBody('HONOUR', { amountCents: 10_000 }));
    const db = t.app.get(Database);
    await expect(
      db.transaction((m) => m.query(`UPDATE decisions SET amount_cents = 1 WHERE case_id = $1`, [c.id])),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      db.transaction((m) => m.query(`DELETE FROM decisions WHERE case_id = $1`, [c.id])),
    ).rejects.toThrow(/cannot be changed/);
    expect(await decisionsOf(a.resident, c.id)).toEqual([expect.objectContaining({ amountCents: 10_000 })]);
  });
});
