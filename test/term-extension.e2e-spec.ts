// The decision term extended once (verdaging, Awb 4:14 lid 3) through HTTP, on either database:
// by the area's official or alderman, while the term runs, to a moment at most the case type's
// maxExtensionDays later, with a letter that is no besluit. Time is moved by rewriting the
// stored facts, as if the days had gone by (the exact moment of decisionDueAt is in
// libs/workflows/src/case-terms.spec.ts, with a controllable clock).
import { Database } from '../apps/api/src/database/database.service.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { binary } from './support/binary.js';
import { caseLog, getCase, initiative, postEvent, sendEvent, setFacts, submit } from './support/cases.js';
import { pdfText } from './support/pdf.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const DAY_MS = 86_400_000;
const later = (iso: unknown, ms: number) => new Date(Date.parse(iso as string) + ms).toISOString();
const extend = (newDueAt: string, reason = 'Wij wachten op het advies van de brandweer.') => ({
  type: 'EXTEND_TERM',
  reason,
  newDueAt,
});

describe('EXTEND_TERM: the decision term extended once, with a letter', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
  });
  afterAll(() => t.close());

  const decisionsOf = async (token: string, id: string) =>
    (await t.http.get(`/api/v1/cases/${id}/decisions`).set(bearer(token)).expect(200)).body;

  it('moves decisionDueAt (the row its projection), marks the case extended, logs it and sends a verdagingsbrief', async () => {
    const c = await submit(t, a.resident, initiative());
    expect(c.termExtended).toBe(false);
    expect((await getCase(t, a.official, c.id)).availableEvents).toContain('EXTEND_TERM');
    expect((await getCase(t, a.alderman, c.id)).availableEvents).toContain('EXTEND_TERM');
    const newDueAt = later(c.decisionDueAt, 21 * DAY_MS);
    const extended = await sendEvent(t, a.official, c.id, extend(newDueAt));
    expect(extended).toMatchObject({ state: 'submitted', decisionDueAt: newDueAt, termExtended: true });
    const [row] = await t.app
      .get(Database)
      .read((m) => m.query(`SELECT decision_due_at, snapshot FROM cases WHERE id = $1`, [c.id]));
    expect(new Date(row.decision_due_at).toISOString()).toBe(newDueAt);
    expect(row.snapshot.context).toMatchObject({ decisionDueAt: newDueAt, termExtended: true });
    const log = await caseLog(t, a.resident, c.id);
    expect(log.at(-1)).toMatchObject({
      event: 'EXTEND_TERM',
      fromState: 'submitted',
      toState: 'submitted',
      actor: expect.objectContaining({ id: 'official-1', role: 'official' }),
      payload: { reason: 'Wij wachten op het advies van de brandweer.', newDueAt },
    });

    // The letter: listed with the decisions, but no besluit: nothing to object to.
    const [letter] = await decisionsOf(a.resident, c.id);
    expect(letter).toEqual({
      number: expect.stringMatching(/^BES-\d{4}-\d{6}$/),
      kind: 'extension',
      kindLabel: 'Verdaging van de beslistermijn',
      event: 'EXTEND_TERM',
      seq: log.at(-1)!.seq,
      decidedAt: expect.any(String),
      decidedBy: { name: 'Olga Official', role: 'official' },
      motivation: 'Wij wachten op het advies van de brandweer.',
      legalBasis: expect.stringContaining('4:14, derde lid'),
      objectionPossible: false,
      newDueAt,
    });
    const res = await t.http
      .get(`/api/v1/cases/${c.id}/decisions/${letter.number}`)
      .set(bearer(a.resident))
      .set('Accept', 'application/pdf')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = await pdfText(res.body as Buffer);
    const dueDay = new Intl.DateTimeFormat('nl-NL', {
      dateStyle: 'long',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(newDueAt));
    for (const expected of [
      'Gemeente Groningen',
      letter.number,
      'Verdaging van de beslistermijn voor uw aanvraag',
      'Wij hebben meer tijd nodig',
      `U ontvangt ons besluit uiterlijk op ${dueDay}.`,
      'Wij wachten op het advies van de brandweer.',
      'Artikel 4:14, derde lid',
      'Deze brief is geen besluit',
      'in gebreke stellen',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Ons besluit');
    expect(text).not.toContain('Dan kunt u bezwaar maken');
  });

  it('by the alderman of the area too; not by the initiator, a council member, the clerk or another area', async () => {
    const c = await submit(t, a.resident, initiative());
    const newDueAt = later(c.decisionDueAt, DAY_MS);
    for (const token of [a.resident, a.council, a.clerk]) {
      const refused = expectProblem(await postEvent(t, token, c.id, extend(newDueAt)), 403);
      expect(refused).toMatchObject({
        code: 'ROLE',
        detail:
          'Alleen een ambtenaar of een wethouder van het gebied van de aanvraag kan bij deze aanvraag kiezen voor “Verdaag de beslistermijn”.',
      });
    }
    expectProblem(await postEvent(t, a.officialElsewhere, c.id, extend(newDueAt)), 404);
    const extended = await sendEvent(t, a.alderman, c.id, extend(newDueAt));
    expect(extended.termExtended).toBe(true);
    expect((await caseLog(t, a.resident, c.id)).at(-1)!.actor).toMatchObject({ role: 'alderman' });
  });

  it('exactly maxExtensionDays later is accepted; a day more, or not later at all, is 400 newDueAt', async () => {
    const c = await submit(t, a.resident, initiative());
    const notLater = /^moet na de huidige beslistermijn liggen \(\d+ \w+ \d{4} om \d\d:\d\d\)$/;
    const tooLate =
      /^mag hoogstens 56 dagen na de huidige beslistermijn liggen \(uiterlijk \d+ \w+ \d{4} om /;
    for (const [newDueAt, reason] of [
      [c.decisionDueAt as string, notLater],
      [later(c.decisionDueAt, -DAY_MS), notLater],
      [later(c.decisionDueAt, 57 * DAY_MS), tooLate],
      [later(c.decisionDueAt, 56 * DAY_MS + 1), tooLate],
    ] as const) {
      const p = expectProblem(await postEvent(t, a.official, c.id, extend(newDueAt)), 400);
      expect(p.invalidParams).toEqual([{ name: 'newDueAt', reason: expect.stringMatching(reason) }]);
    }
    const dayOnly = expectProblem(await postEvent(t, a.official, c.id, extend('2027-03-01')), 400);
    expect(dayOnly.invalidParams).toEqual([
      { name: 'newDueAt', reason: 'moet een datum met een tijd zijn, zoals 2027-03-01T17:00:00Z' },
    ]);
    for (const body of [
      extend('2027-03-01'),
      extend('morgen'),
      { type: 'EXTEND_TERM', newDueAt: later(c.decisionDueAt, DAY_MS) },
      extend(later(c.decisionDueAt, DAY_MS), ''),
    ]) {
      expectProblem(await postEvent(t, a.official, c.id, body), 400);
    }
    expect((await getCase(t, a.official, c.id)).termExtended).toBe(false);
    const max = later(c.decisionDueAt, 56 * DAY_MS);
    expect((await sendEvent(t, a.official, c.id, extend(max))).decisionDueAt).toBe(max);
  });

  it('once: a second extension is 409 TERM_ALREADY_EXTENDED, and offered no more', async () => {
    const c = await submit(t, a.resident, initiative());
    const first = await sendEvent(t, a.official, c.id, extend(later(c.decisionDueAt, 7 * DAY_MS)));
    const again = expectProblem(
      await postEvent(t, a.alderman, c.id, extend(later(first.decisionDueAt, 7 * DAY_MS))),
      409,
    );
    expect(again).toMatchObject({
      code: 'TERM_ALREADY_EXTENDED',
      detail: 'De beslistermijn is al verdaagd; dat kan één keer.',
    });
    const seen = await getCase(t, a.official, c.id);
    expect(seen.availableEvents).not.toContain('EXTEND_TERM');
    expect(seen.blockedEvents).toContainEqual(
      expect.objectContaining({
        type: 'EXTEND_TERM',
        code: 'TERM_ALREADY_EXTENDED',
        detail: 'De beslistermijn is al verdaagd; dat kan één keer.',
      }),
    );
    expect(seen.decisionDueAt).toBe(first.decisionDueAt);
  });

  it('while the term runs: a minute before it ends accepted, a minute after 409 TERM_EXPIRED', async () => {
    const c = await submit(t, a.resident, initiative());
    const soon = new Date(Date.now() + 60_000).toISOString();
    await setFacts(t, c.id, { decisionDueAt: soon });
    expect((await sendEvent(t, a.official, c.id, extend(later(soon, 14 * DAY_MS)))).termExtended).toBe(true);

    const late = await submit(t, a.resident, initiative());
    const past = new Date(Date.now() - 60_000).toISOString();
    await setFacts(t, late.id, { decisionDueAt: past });
    const expired = expectProblem(
      await postEvent(t, a.official, late.id, extend(later(past, 14 * DAY_MS))),
      409,
    );
    expect(expired.code).toBe('TERM_EXPIRED');
    expect(expired.detail).toMatch(
      /^De beslistermijn is op \d+ \w+ \d{4} om \d\d:\d\d verstreken; een verstreken termijn kan niet meer worden verdaagd\.$/,
    );
    expect((await getCase(t, a.official, late.id)).availableEvents).not.toContain('EXTEND_TERM');
    expect(await decisionsOf(a.resident, late.id)).toEqual([]);
  });

  it('while information is asked for, and after the assessment; never once the case is decided', async () => {
    const c = await submit(t, a.resident, initiative());
    const asked = await sendEvent(t, a.official, c.id, { type: 'REQUEST_INFO', question: 'Wie doet mee?' });
    const extended = await sendEvent(t, a.official, c.id, extend(later(asked.decisionDueAt, 7 * DAY_MS)));
    expect(extended.state).toBe('awaiting_info');
    const d = await submit(t, a.resident, initiative());
    await sendEvent(t, a.official, d.id, { type: 'ASSESS', advice: 'reject', motivation: 'Past niet.' });
    expect((await sendEvent(t, a.alderman, d.id, extend(later(d.decisionDueAt, DAY_MS)))).state).toBe(
      'assessed',
    );
    const e = await submit(t, a.resident, initiative());
    await sendEvent(t, a.official, e.id, { type: 'ASSESS', advice: 'reject', motivation: 'Past niet.' });
    await sendEvent(t, a.alderman, e.id, { type: 'REJECT', motivation: 'Past niet.' });
    expect(
      expectProblem(await postEvent(t, a.alderman, e.id, extend(later(e.decisionDueAt, DAY_MS))), 409).code,
    ).toBe('STATE');
  });
});
