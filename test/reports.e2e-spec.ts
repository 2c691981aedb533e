import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { type AreaTeam, bearer, type Cast, cast, team } from './support/actors.js';
import { decide, getCase, initiative, rightToChallenge, sendEvent, submit } from './support/cases.js';
import { csvObjects } from './support/csv.js';
import { seedProgramme } from './support/programmes.js';
import { verifyLog } from './support/process-log.js';
import { createTestApp, expectNoInternals, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();
const EMAIL = 'geheim.adres@example.org';

interface ReportCase {
  caseId: string;
  reference: string;
  outcome: string;
  decidedBy: string;
  honouredAmountCents: number | null;
}

type Report = Record<string, unknown> & {
  id: string;
  cases: ReportCase[];
  logHead: { seq: number; hash: string };
};

type Ids = Record<string, { id: string; reference: string }>;

/**
 * A new app with what a report looks at: in oost a case honoured, one rejected, one honoured by
 * the council, one submitted, one assessed and one withdrawn; in west a Right to Challenge
 * honoured; a transfer from oost to west. Every case has a contact e-mail.
 */
async function appWithDecisions(): Promise<{ t: TestApp; a: Cast; oost: AreaTeam; ids: Ids }> {
  const t = await createTestApp();
  const a = await cast(t);
  const oost = await team(t, 'oost');
  const west = await team(t, 'west');
  const ids: Ids = {};
  await seedProgramme(t, 'oost', {
    budgetCents: 10_000_000,
    delegationLimitCents: 500_000,
    themes: ['speelruimte', 'groen'],
  });
  await seedProgramme(t, 'west', {
    budgetCents: 5_000_000,
    delegationLimitCents: 5_000_000,
    themes: ['groen'],
  });
  const mk = async (key: string, body: Record<string, unknown>) =>
    (ids[key] = await submit(t, a.resident, { ...body, contactEmail: EMAIL }));

  await mk('honoured', initiative({ title: 'Speeltuin', requestedAmountCents: 250_000 }));
  await decide(t, oost, ids.honoured.id, 'honoured', 200_000);
  await mk('rejected', initiative({ title: 'Bankjes', theme: 'groen' }));
  await decide(t, oost, ids.rejected.id, 'rejected');
  await mk('rtc', rightToChallenge({ requestedAmountCents: 400_000 }));
  await decide(t, west, ids.rtc.id, 'honoured', 300_000, { agreementMonths: 12 });
  await mk('council', initiative({ title: 'Trapveld', requestedAmountCents: 900_000 }));
  await sendEvent(t, oost.official, ids.council.id, {
    type: 'ASSESS',
    advice: 'honour',
    motivation: 'Goed plan.',
  });
  await sendEvent(t, oost.alderman, ids.council.id, {
    type: 'REFER_TO_COUNCIL',
    motivation: 'Boven mijn mandaat.',
  });
  await sendEvent(t, a.council, ids.council.id, {
    type: 'COUNCIL_HONOUR',
    amountCents: 800_000,
    motivation: 'Aangenomen.',
  });
  await mk('submitted', initiative({ title: 'Nog in behandeling' }));
  await mk('assessed', initiative({ title: 'Beoordeeld' }));
  await sendEvent(t, oost.official, ids.assessed.id, {
    type: 'ASSESS',
    advice: 'reject',
    motivation: 'Nee.',
  });
  await mk('withdrawn', initiative({ title: 'Ingetrokken' }));
  await sendEvent(t, a.resident, ids.withdrawn.id, { type: 'WITHDRAW' });
  const transfer = await t.http.post(`/api/v1/programmes/${YEAR}/transfers`).set(bearer(oost.alderman)).send({
    fromAreaCode: 'oost',
    toAreaCode: 'west',
    amountCents: 100_000,
    reason: 'West heeft meer aanvragen voor groen.',
  });
  expect(transfer.status).toBe(201);
  return { t, a, oost, ids };
}

/** The college reports as a whole: an alderman of centrum reports the cases of oost and west. */
const firstReport = (t: TestApp, a: Cast) =>
  t.http.post('/api/v1/reports').set(bearer(a.aldermanElsewhere)).expect(201);

describe('reports to the council: the first report', () => {
  let t: TestApp;
  let a: Cast;
  let ids: Ids;
  let issued: { headers: Record<string, string>; body: Report };
  let first: Report;
  const post = (token: string) => t.http.post('/api/v1/reports').set(bearer(token));
  const state = async (id: string) => (await getCase(t, a.council, id)).state;
  const refs = (cases: ReportCase[]) => cases.map((c) => c.reference).sort();

  beforeAll(async () => {
    ({ t, a, ids } = await appWithDecisions());
    issued = await firstReport(t, a);
    first = issued.body;
  });
  afterAll(() => t.close());

  it('moves exactly the decided cases to reported_to_raad, whichever alderman issues it', async () => {
    expect(issued.headers.location).toBe(`/api/v1/reports/${first.id}`);
    expect(first).toMatchObject({ number: 1, issuedBy: { id: 'alderman-9', name: 'alderman-9' } });
    expect(Date.parse(first.createdAt as string)).not.toBeNaN();
    expect(refs(first.cases)).toEqual(
      [ids.honoured, ids.rejected, ids.rtc, ids.council].map((c) => c.reference).sort(),
    );
    const byRef = new Map(first.cases.map((c) => [c.reference, c]));
    expect(byRef.get(ids.honoured.reference)).toMatchObject({
      caseId: ids.honoured.id,
      type: 'initiative',
      title: 'Speeltuin',
      areaCode: 'oost',
      theme: 'speelruimte',
      outcome: 'honoured',
      decidedBy: 'college',
      requestedAmountCents: 250_000,
      honouredAmountCents: 200_000,
      decidedAt: expect.any(String),
    });
    expect(byRef.get(ids.rejected.reference)).toMatchObject({
      outcome: 'rejected',
      honouredAmountCents: null,
      decidedBy: 'college',
    });
    expect(byRef.get(ids.rtc.reference)).toMatchObject({
      type: 'right_to_challenge',
      areaCode: 'west',
      honouredAmountCents: 300_000,
    });
    expect(byRef.get(ids.council.reference)).toMatchObject({
      outcome: 'honoured',
      decidedBy: 'council',
      honouredAmountCents: 800_000,
    });
    for (const c of first.cases) {
      expect(Object.keys(c).sort()).toEqual(
        [
          'areaCode',
          'caseId',
          'decidedAt',
          'decidedBy',
          'honouredAmountCents',
          'outcome',
          'reference',
          'requestedAmountCents',
          'theme',
          'title',
          'type',
        ].sort(),
      );
    }

    for (const key of ['honoured', 'rejected', 'rtc', 'council'])
      expect(await state(ids[key].id)).toBe('reported_to_raad');
    expect(await state(ids.submitted.id)).toBe('submitted');
    expect(await state(ids.assessed.id)).toBe('assessed');
    expect(await state(ids.withdrawn.id)).toBe('withdrawn');

    // Through the machine: one REPORT entry per case, from its decided state, naming the report.
    const log = (await t.http.get(`/api/v1/cases/${ids.rejected.id}/log`).set(bearer(a.council)).expect(200))
      .body;
    expect(log.at(-1)).toMatchObject({
      event: 'REPORT',
      fromState: 'rejected',
      toState: 'reported_to_raad',
      actor: { id: 'alderman-9', role: 'alderman' },
      payload: { reportId: first.id },
    });
    expect(log.filter((e: { event: string }) => e.event === 'REPORT')).toHaveLength(1);
  });

  it('includes the transfers and the totals per area and theme against the budget', async () => {
    expect(first.transfers).toEqual([
      expect.objectContaining({
        year: YEAR,
        fromAreaCode: 'oost',
        toAreaCode: 'west',
        amountCents: 100_000,
        reason: 'West heeft meer aanvragen voor groen.',
        actorId: 'alderman-oost',
      }),
    ]);
    const totals = first.totals as Record<string, unknown>;
    expect(totals).toMatchObject({
      caseCount: 4,
      honouredCount: 3,
      rejectedCount: 1,
      honouredAmountCents: 1_300_000,
      transferCount: 1,
      transferredAmountCents: 100_000,
      programmeYear: YEAR,
    });
    expect(totals.byAreaTheme).toEqual([
      { areaCode: 'oost', theme: 'groen', honouredCount: 0, rejectedCount: 1, honouredAmountCents: 0 },
      {
        areaCode: 'oost',
        theme: 'speelruimte',
        honouredCount: 2,
        rejectedCount: 0,
        honouredAmountCents: 1_000_000,
      },
      { areaCode: 'west', theme: 'groen', honouredCount: 1, rejectedCount: 0, honouredAmountCents: 300_000 },
    ]);
    const byArea = new Map((totals.byArea as { areaCode: string }[]).map((x) => [x.areaCode, x]));
    expect([...byArea.keys()]).toEqual(['centrum', 'oost', 'oude-wijken', 'west', 'zuid']);
    expect(byArea.get('oost')).toEqual({
      areaCode: 'oost',
      honouredCount: 2,
      rejectedCount: 1,
      honouredAmountCents: 1_000_000,
      transferredNetCents: -100_000,
      programme: { year: YEAR, budgetCents: 9_900_000, committedCents: 1_000_000, availableCents: 8_900_000 },
    });
    expect(byArea.get('west')).toMatchObject({
      transferredNetCents: 100_000,
      programme: { budgetCents: 5_100_000, committedCents: 300_000, availableCents: 4_800_000 },
    });
    expect(byArea.get('centrum')).toMatchObject({ honouredCount: 0, programme: null });
  });

  it('anchors the log head after its own REPORT_ISSUED entry', async () => {
    const issued = (await t.http.get('/api/v1/audit?event=REPORT_ISSUED').set(bearer(a.council)).expect(200))
      .body.items;
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      seq: first.logHead.seq,
      hash: first.logHead.hash,
      caseId: null,
      actor: { id: 'alderman-9', role: 'alderman' },
      payload: { reportId: first.id, number: 1, caseCount: 4, transferCount: 1 },
    });
    const reportEntries = (await t.http.get('/api/v1/audit?event=REPORT').set(bearer(a.council)).expect(200))
      .body.items;
    expect(reportEntries).toHaveLength(4);
    for (const e of reportEntries) expect(e.seq).toBeLessThan(first.logHead.seq);
    const v = await verifyLog(t, a.council);
    expect(v).toMatchObject({
      valid: true,
      headSeq: first.logHead.seq,
      headHash: first.logHead.hash,
      anchorsChecked: 1,
    });
  });

  it('negotiates: */* and no Accept give JSON, an unsupported type 406, q-values are honoured', async () => {
    const url = `/api/v1/reports/${first.id}`;
    const any = await t.http.get(url).set(bearer(a.council)).set('Accept', '*/*').expect(200);
    expect(any.headers['content-type']).toMatch(/^application\/json/);
    expect(any.body.id).toBe(first.id);
    const none = await t.http.get(url).set(bearer(a.council)).expect(200);
    expect(none.headers['content-type']).toMatch(/^application\/json/);
    const pref = await t.http.get(url).set(bearer(a.council)).set('Accept', 'text/csv;q=0.5, text/markdown');
    expect(pref.headers['content-type']).toMatch(/^text\/markdown/);
    const xml = expectProblem(
      await t.http.get(url).set(bearer(a.council)).set('Accept', 'application/xml'),
      406,
    );
    expect(xml.detail).toContain('text/csv');
    expectProblem(
      await t.http.get('/api/v1/reports').set(bearer(a.council)).set('Accept', 'text/markdown'),
      406,
    );
  });

  it('refuses: residents and officials may not read or issue, the council may not issue', async () => {
    const before = (await t.http.get('/api/v1/reports').set(bearer(a.council)).expect(200)).body.items.length;
    for (const token of [a.resident, a.official]) {
      expectProblem(await post(token), 403);
      expectProblem(await t.http.get('/api/v1/reports').set(bearer(token)), 403);
      expectProblem(await t.http.get(`/api/v1/reports/${first.id}`).set(bearer(token)), 403);
      expectProblem(
        await t.http.get(`/api/v1/reports/${first.id}`).set(bearer(token)).set('Accept', 'text/csv'),
        403,
      );
    }
    expectProblem(await post(a.council), 403);
    expectProblem(await t.http.post('/api/v1/reports'), 401);
    expectProblem(await t.http.get('/api/v1/reports'), 401);
    expectProblem(
      await t.http.get('/api/v1/reports/00000000-0000-4000-8000-000000000000').set(bearer(a.council)),
      404,
    );
    expectProblem(await t.http.get('/api/v1/reports/not-a-uuid').set(bearer(a.council)), 400);
    expectProblem(await t.http.get(`/api/v1/reports/${first.id}/`).set(bearer(a.council)), 404);
    // This request takes no body: an unknown field is a 400 and issues nothing.
    const bad = expectProblem(await post(a.alderman).send({ note: 'x' }), 400);
    expect(bad.invalidParams).toEqual([{ name: 'note', reason: expect.any(String) }]);
    expectProblem(await post(a.alderman).set('Content-Type', 'application/json').send('{"broken"'), 400);
    expectProblem(await post(a.alderman).send([1]), 400);
    expect((await t.http.get('/api/v1/reports').set(bearer(a.council)).expect(200)).body.items).toHaveLength(
      before,
    );
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.paths['/reports'].post.operationId).toBe('issueReport');
    expect(doc.paths['/reports'].get.operationId).toBe('listReports');
    expect(Object.keys(doc.paths['/reports/{id}'].get.responses['200'].content).sort()).toEqual([
      'application/json',
      'text/csv',
      'text/markdown',
    ]);
    expect(doc.components.schemas.ReportCaseView.properties).not.toHaveProperty('contactEmail');
    expect(doc.components.schemas.ReportCaseView.properties).not.toHaveProperty('initiatorId');
    expectNoInternals(JSON.stringify(doc.paths['/reports']));
  });
});

describe('reports to the council: the reports after the first', () => {
  let t: TestApp;
  let a: Cast;
  let ids: Ids;
  let first: Report;
  let second: Report;
  let third: Report;
  const post = (token: string) => t.http.post('/api/v1/reports').set(bearer(token));
  const refs = (cases: ReportCase[]) => cases.map((c) => c.reference).sort();

  beforeAll(async () => {
    let oost: AreaTeam;
    ({ t, a, oost, ids } = await appWithDecisions());
    first = (await firstReport(t, a)).body;
    // One case decided after the first report, with a title that CSV and Markdown must escape.
    const late = await submit(
      t,
      a.resident,
      initiative({ title: '=SUM(1,2) | "Buurt", feest\nregel 2', contactEmail: EMAIL }),
    );
    ids.late = late;
    await decide(t, oost, late.id, 'rejected');
    second = (await post(a.alderman).expect(201)).body;
    third = (await post(a.alderman).expect(201)).body;
  });
  afterAll(() => t.close());

  it('repeats nothing in the next report, and still issues one with nothing new', async () => {
    expect(second.number).toBe(2);
    expect(refs(second.cases)).toEqual([ids.late.reference]);
    expect(second.transfers).toEqual([]);
    expect(second.totals).toMatchObject({ caseCount: 1, rejectedCount: 1, transferCount: 0 });
    expect(second.logHead.seq).toBeGreaterThan(first.logHead.seq);

    // Nothing new: still a report (it anchors the log), with no cases.
    expect(third).toMatchObject({
      number: 3,
      cases: [],
      transfers: [],
      totals: { caseCount: 0, transferCount: 0 },
    });
    expect(third.logHead.seq).toBe(second.logHead.seq + 1);

    // A report is a document: reading it again gives what was issued.
    const again = (await t.http.get(`/api/v1/reports/${first.id}`).set(bearer(a.council)).expect(200)).body;
    expect(again).toEqual(first);
    const v = await verifyLog(t, a.council);
    expect(v).toMatchObject({ valid: true, anchorsChecked: 3, headSeq: third.logHead.seq });
  });

  it('lists reports newest first with a cursor', async () => {
    const p1 = (await t.http.get('/api/v1/reports?limit=2').set(bearer(a.council)).expect(200)).body;
    expect(p1.items.map((r: { number: number }) => r.number)).toEqual([3, 2]);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = (
      await t.http.get(`/api/v1/reports?limit=2&cursor=${p1.nextCursor}`).set(bearer(a.alderman)).expect(200)
    ).body;
    expect(p2.items.map((r: { number: number }) => r.number)).toEqual([1]);
    expect(p2.nextCursor).toBeNull();
    expect(p2.items[0]).toEqual(first);
    for (const q of ['limit=0', 'limit=101', 'limit=x', 'cursor=abc', 'cursor=-1', 'foo=1']) {
      expectProblem(await t.http.get(`/api/v1/reports?${q}`).set(bearer(a.council)), 400);
    }
  });

  it('exports the cases as RFC 4180 CSV, without contact data, safe to open in a spreadsheet', async () => {
    const res = await t.http
      .get(`/api/v1/reports/${first.id}`)
      .set(bearer(a.council))
      .set('Accept', 'text/csv')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.vary).toMatch(/Accept/);
    const rows = csvObjects(res.text);
    expect(Object.keys(rows[0])).toEqual([
      'reportNumber',
      'reference',
      'type',
      'title',
      'areaCode',
      'theme',
      'outcome',
      'decidedBy',
      'requestedAmountCents',
      'honouredAmountCents',
      'decidedAt',
    ]);
    expect(rows.map((r) => r.reference).sort()).toEqual(refs(first.cases));
    for (const c of first.cases) {
      const row = rows.find((r) => r.reference === c.reference)!;
      expect(row).toMatchObject({
        reportNumber: '1',
        outcome: c.outcome,
        decidedBy: c.decidedBy,
        honouredAmountCents: c.honouredAmountCents === null ? '' : String(c.honouredAmountCents),
      });
      expect(Date.parse(row.decidedAt)).not.toBeNaN();
    }
    expect(res.text).not.toContain(EMAIL);
    expect(res.text).not.toContain('resident-1');

    // Quotes, commas and line breaks survive quoting; a leading "=" cannot become a formula.
    const second = (
      await t.http.get('/api/v1/reports?limit=3').set(bearer(a.council)).expect(200)
    ).body.items.find((r: { number: number }) => r.number === 2);
    const csv = await t.http
      .get(`/api/v1/reports/${second.id}`)
      .set(bearer(a.council))
      .set('Accept', 'text/csv')
      .expect(200);
    const [late] = csvObjects(csv.text);
    expect(late).toMatchObject({
      reference: ids.late.reference,
      title: `'=SUM(1,2) | "Buurt", feest\nregel 2`,
      outcome: 'rejected',
    });

    // The list as CSV: the cases of every report on the page, each with its report number.
    const all = await t.http
      .get('/api/v1/reports')
      .set(bearer(a.alderman))
      .set('Accept', 'text/csv')
      .expect(200);
    const allRows = csvObjects(all.text);
    expect(allRows).toHaveLength(5);
    expect(allRows.filter((r) => r.reportNumber === '2').map((r) => r.reference)).toEqual([
      ids.late.reference,
    ]);
  });

  it('renders a readable Dutch raadsinformatiebrief in Markdown', async () => {
    const res = await t.http
      .get(`/api/v1/reports/${first.id}`)
      .set(bearer(a.council))
      .set('Accept', 'text/markdown')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown; charset=utf-8/);
    const md = res.text;
    expect(md).toMatch(/^# Raadsinformatiebrief 1\b/);
    expect(md).toContain('**Aan:** de gemeenteraad');
    expect(md).toMatch(/Besluiten: 4, waarvan 3 toegekend en 1 afgewezen\./);
    expect(md).toMatch(/Toegekend: €\s13\.000,00\./u);
    for (const c of first.cases) expect(md).toContain(c.reference);
    expect(md).toContain('West heeft meer aanvragen voor groen.');
    expect(md).toContain('| Oost | West |');
    expect(md).toContain(first.logHead.hash);
    expect(md).toContain(`laatste regel nummer ${first.logHead.seq}`);
    expect(md).toContain('## Verificatie');
    // The case referred to the council says so.
    const councilRow = md.split('\n').find((l) => l.includes(ids.council.reference))!;
    expect(councilRow).toMatch(/\| toegekend \| raad \|/);
    expect(md).not.toContain(EMAIL);
    expect(md).not.toContain('resident-1');

    // Text typed by residents cannot break the table or become markup.
    const second = (await t.http.get('/api/v1/reports?limit=3').set(bearer(a.council)).expect(200)).body
      .items[1];
    const md2 = (
      await t.http
        .get(`/api/v1/reports/${second.id}`)
        .set(bearer(a.council))
        .set('Accept', 'text/markdown')
        .expect(200)
    ).text;
    const row = md2.split('\n').find((l) => l.includes(ids.late.reference))!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(12); // 10 columns between 11 unescaped pipes
    expect(row).toContain('=SUM\\(1,2\\) \\| "Buurt", feest regel 2');
  });
});

describe('reports under concurrency', () => {
  let t: TestApp;
  let a: Cast;
  let oost: AreaTeam;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    oost = await team(t, 'oost');
    await seedProgramme(t, 'oost', {
      budgetCents: 100_000_000,
      delegationLimitCents: 5_000_000,
      themes: ['speelruimte'],
    });
  });
  afterAll(() => t.close());

  it('never reports a case twice: parallel reports, racing decisions, together each case once', async () => {
    const decided: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await submit(t, a.resident, initiative({ title: `Plan ${i}` }));
      await decide(t, oost, c.id, i % 3 === 0 ? 'rejected' : 'honoured', 10_000);
      decided.push(c.reference);
    }
    // Six more cases are decided while the reports run; each lands in one report or none yet.
    const racing: { id: string; reference: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await submit(t, a.resident, initiative({ title: `Later ${i}` }));
      await sendEvent(t, oost.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Goed.' });
      racing.push(c);
    }
    const aldermen = [a.alderman, a.otherAlderman, a.aldermanElsewhere, a.alderman, a.otherAlderman];
    const results = await Promise.all([
      ...aldermen.map((tok) => t.http.post('/api/v1/reports').set(bearer(tok))),
      ...racing.map((c) =>
        t.http
          .post(`/api/v1/cases/${c.id}/events`)
          .set(bearer(oost.alderman))
          .send({ type: 'HONOUR', amountCents: 5_000, motivation: 'Ja.' }),
      ),
    ]);
    const reports = results.slice(0, 5);
    for (const r of reports) expect(r.status).toBe(201);
    for (const r of results.slice(5)) expect(r.status).toBe(200);
    expect(reports.map((r) => r.body.number).sort()).toEqual([1, 2, 3, 4, 5]);

    const last = (await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201)).body;
    const all = [...reports.map((r) => r.body), last].flatMap((r) =>
      r.cases.map((c: ReportCase) => c.reference),
    );
    expect(all).toHaveLength(new Set(all).size); // no case twice
    expect(all.sort()).toEqual([...decided, ...racing.map((c) => c.reference)].sort()); // every case once
    for (const c of racing) {
      expect((await t.http.get(`/api/v1/cases/${c.id}`).set(bearer(a.council)).expect(200)).body.state).toBe(
        'reported_to_raad',
      );
    }
    const entries = (
      await t.http.get('/api/v1/audit?event=REPORT&limit=500').set(bearer(a.council)).expect(200)
    ).body.items;
    expect(entries).toHaveLength(18);
    expect(new Set(entries.map((e: { caseId: string }) => e.caseId)).size).toBe(18);
    const v = await verifyLog(t, a.council);
    expect(v).toMatchObject({ valid: true, anchorsChecked: 6 });
  });
});
