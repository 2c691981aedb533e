import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { DECISION_EVENTS, EVENT_WORDS } from '../libs/workflows/src/index.js';
import { type AreaTeam, bearer, type Cast, cast, team } from './support/actors.js';
import { councilDecision } from './support/council.js';
import {
  type CaseView,
  decide,
  eventBody,
  getCase,
  grantTerms,
  initiative,
  rightToChallenge,
  sendEvent,
  submit,
} from './support/cases.js';
import ExcelJS from 'exceljs';
import { binary } from './support/binary.js';
import { csvObjects } from './support/csv.js';
import { seedProgramme } from './support/programmes.js';
import { verifyLog } from './support/process-log.js';
import { createTestApp, expectNoInternals, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();
const EMAIL = 'geheim.adres@example.org';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AREA_NAMES: Record<string, string> = {
  centrum: 'Centrum',
  'oude-wijken': 'Oude Wijken',
  west: 'West',
  oost: 'Oost',
  zuid: 'Zuid',
};

/** A moment as the CSV writes it: the clock in Groningen, dd-mm-jjjj uu:mm. */
function amsterdamMinute(iso: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('nl-NL', {
      timeZone: 'Europe/Amsterdam',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}`;
}

interface ReportCase {
  caseId: string;
  reference: string;
  outcome: string;
  decidedBy: string;
  honouredAmountCents: number | null;
  settledAmountCents: number | null;
  releasedAmountCents: number | null;
}

interface Decision {
  seq: number;
  at: string;
  caseId: string;
  reference: string;
  type: string;
  title: string;
  areaCode: string;
  theme: string;
  event: string;
  amountCents?: number;
  releasedCents?: number;
}

type Totals = Record<string, number> & {
  byAreaTheme: (Record<string, number> & { areaCode: string; theme: string })[];
  byArea: (Record<string, unknown> & { areaCode: string })[];
};

type Report = Record<string, unknown> & {
  id: string;
  number: number;
  decisions: Decision[];
  cases: ReportCase[];
  transfers: unknown[];
  totals: Totals;
  logHead: { seq: number; hash: string };
};

type Ids = Record<string, { id: string; reference: string }>;

/** Sends `event` with the body test/support gives it, `extra` on top; 200 or it throws. */
const send = (
  t: TestApp,
  token: string,
  c: { id: string },
  event: string,
  extra: Record<string, unknown> = {},
) => sendEvent(t, token, c.id, { ...eventBody(event), ...extra });

/**
 * A new app with what a report looks at. In oost: a grant still running (honoured, not yet
 * accounted for), a refusal, a grant settled below the grant after its account, a grant by the
 * council after a referral (running), a grant revoked, a grant withdrawn by the initiator, and a
 * case submitted, one assessed and one withdrawn before any decision. In west: a Right to
 * Challenge granted, its agreement signed and terminated early (part of the money back), and one
 * signed and evaluated. A transfer from oost to west. Every case has a contact e-mail.
 */
async function appWithDecisions(): Promise<{
  t: TestApp;
  a: Cast;
  oost: AreaTeam;
  west: AreaTeam;
  ids: Ids;
}> {
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

  await mk('running', initiative({ title: 'Speeltuin', requestedAmountCents: 250_000 }));
  await decide(t, oost, ids.running.id, 'honoured', 200_000);
  await mk('rejected', initiative({ title: 'Bankjes', theme: 'groen' }));
  await decide(t, oost, ids.rejected.id, 'rejected');
  await mk('settled', initiative({ title: 'Buurtfeest', requestedAmountCents: 300_000 }));
  await decide(t, oost, ids.settled.id, 'honoured', 300_000);
  await send(t, a.resident, ids.settled, 'SUBMIT_ACCOUNT', { actualCostCents: 240_000 });
  await send(t, oost.official, ids.settled, 'REVIEW_ACCOUNT', { advisedCents: 240_000 });
  await send(t, oost.alderman, ids.settled, 'SETTLE', { settledCents: 240_000 });
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
  await sendEvent(t, a.clerk, ids.council.id, {
    type: 'COUNCIL_HONOUR',
    amountCents: 800_000,
    motivation: 'Aangenomen.',
    ...grantTerms('initiative'),
    councilDecision: councilDecision(),
  });
  await mk('revoked', initiative({ title: 'Geveltuinen', theme: 'groen', requestedAmountCents: 100_000 }));
  await decide(t, oost, ids.revoked.id, 'honoured', 100_000);
  await send(t, oost.alderman, ids.revoked, 'REVOKE');
  await mk(
    'withdrawnAfterGrant',
    initiative({ title: 'Moestuin', theme: 'groen', requestedAmountCents: 50_000 }),
  );
  await decide(t, oost, ids.withdrawnAfterGrant.id, 'honoured', 50_000);
  await send(t, a.resident, ids.withdrawnAfterGrant, 'WITHDRAW');
  await mk('terminated', rightToChallenge({ requestedAmountCents: 400_000 }));
  await decide(t, west, ids.terminated.id, 'honoured', 300_000);
  await send(t, west.alderman, ids.terminated, 'SIGN_AGREEMENT');
  await send(t, west.alderman, ids.terminated, 'TERMINATE', { releasedCents: 100_000 });
  await mk('evaluated', rightToChallenge({ title: 'Zwerfvuil Vinkhuizen', requestedAmountCents: 200_000 }));
  await decide(t, west, ids.evaluated.id, 'honoured', 200_000);
  await send(t, west.alderman, ids.evaluated, 'SIGN_AGREEMENT');
  await send(t, west.alderman, ids.evaluated, 'EVALUATE');
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
  return { t, a, oost, west, ids };
}

/** The decisions of the first report, in log order: [case key, event, amountCents?, releasedCents?]. */
const FIRST_DECISIONS: [string, string, number?, number?][] = [
  ['running', 'HONOUR', 200_000],
  ['rejected', 'REJECT'],
  ['settled', 'HONOUR', 300_000],
  ['settled', 'SETTLE', 240_000, 60_000],
  ['council', 'COUNCIL_HONOUR', 800_000],
  ['revoked', 'HONOUR', 100_000],
  ['revoked', 'REVOKE', undefined, 100_000],
  ['withdrawnAfterGrant', 'HONOUR', 50_000],
  ['withdrawnAfterGrant', 'WITHDRAW', undefined, 50_000],
  ['terminated', 'HONOUR', 300_000],
  ['terminated', 'SIGN_AGREEMENT'],
  ['terminated', 'TERMINATE', undefined, 100_000],
  ['evaluated', 'HONOUR', 200_000],
  ['evaluated', 'SIGN_AGREEMENT'],
  ['evaluated', 'EVALUATE'],
];
/** The closed cases the first report files. */
const FIRST_CLOSED = ['rejected', 'settled', 'revoked', 'terminated', 'evaluated'];

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
  const refs = (cases: { reference: string }[]) => cases.map((c) => c.reference).sort();

  beforeAll(async () => {
    ({ t, a, ids } = await appWithDecisions());
    issued = await firstReport(t, a);
    first = issued.body;
  });
  afterAll(() => t.close());

  it('lists every decision since the start in log order, grants of running cases included', async () => {
    expect(issued.headers.location).toBe(`/api/v1/reports/${first.id}`);
    expect(first).toMatchObject({ number: 1, issuedBy: { id: 'alderman-9', name: 'alderman-9' } });
    expect(Date.parse(first.createdAt as string)).not.toBeNaN();
    expect(first.decisions.map((d) => [d.reference, d.event, d.amountCents, d.releasedCents])).toEqual(
      FIRST_DECISIONS.map(([key, event, amount, released]) => [ids[key].reference, event, amount, released]),
    );
    // Each is the log entry of the decision: its seq, its moment, before the report's own head.
    const seqs = first.decisions.map((d) => d.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    for (const d of first.decisions) {
      const entry = (
        await t.http
          .get(`/api/v1/audit?caseId=${d.caseId}&event=${d.event}`)
          .set(bearer(a.council))
          .expect(200)
      ).body.items.find((e: { seq: number }) => e.seq === d.seq);
      expect(entry).toMatchObject({ seq: d.seq, at: d.at, event: d.event, caseReference: d.reference });
      expect(d.seq).toBeLessThan(first.logHead.seq);
    }
    const running = first.decisions.find((d) => d.caseId === ids.running.id)!;
    expect(running).toEqual({
      seq: expect.any(Number),
      at: expect.any(String),
      caseId: ids.running.id,
      reference: ids.running.reference,
      type: 'initiative',
      title: 'Speeltuin',
      areaCode: 'oost',
      theme: 'speelruimte',
      event: 'HONOUR',
      amountCents: 200_000,
    });
    // Nothing about who asked, in any decision.
    expect(JSON.stringify(first.decisions)).not.toMatch(/geheim|resident-1|initiatorId|contactEmail/);
  });

  it('files only the closed cases, through the machine; running grants stay where they are', async () => {
    expect(refs(first.cases)).toEqual(refs(FIRST_CLOSED.map((k) => ids[k])));
    const byRef = new Map(first.cases.map((c) => [c.reference, c]));
    expect(byRef.get(ids.settled.reference)).toEqual({
      caseId: ids.settled.id,
      reference: ids.settled.reference,
      type: 'initiative',
      title: 'Buurtfeest',
      areaCode: 'oost',
      theme: 'speelruimte',
      outcome: 'settled',
      decidedBy: 'college',
      requestedAmountCents: 300_000,
      honouredAmountCents: 300_000,
      settledAmountCents: 240_000,
      releasedAmountCents: 60_000,
      decidedAt: expect.any(String),
    });
    expect(byRef.get(ids.rejected.reference)).toMatchObject({
      outcome: 'rejected',
      honouredAmountCents: null,
      settledAmountCents: null,
      releasedAmountCents: null,
      decidedBy: 'college',
    });
    expect(byRef.get(ids.revoked.reference)).toMatchObject({
      outcome: 'revoked',
      honouredAmountCents: 100_000,
      releasedAmountCents: 100_000,
    });
    expect(byRef.get(ids.terminated.reference)).toMatchObject({
      type: 'right_to_challenge',
      areaCode: 'west',
      outcome: 'terminated',
      honouredAmountCents: 300_000,
      releasedAmountCents: 100_000,
    });
    expect(byRef.get(ids.evaluated.reference)).toMatchObject({
      outcome: 'evaluated',
      releasedAmountCents: null,
    });

    for (const key of FIRST_CLOSED) expect(await state(ids[key].id)).toBe('reported_to_raad');
    expect(await state(ids.running.id)).toBe('honoured');
    expect(await state(ids.council.id)).toBe('honoured');
    expect(await state(ids.withdrawnAfterGrant.id)).toBe('withdrawn');
    expect(await state(ids.submitted.id)).toBe('submitted');
    expect(await state(ids.assessed.id)).toBe('assessed');
    expect(await state(ids.withdrawn.id)).toBe('withdrawn');

    // Through the machine: one REPORT entry per closed case, from its closed state, naming the report.
    const log = (await t.http.get(`/api/v1/cases/${ids.settled.id}/log`).set(bearer(a.council)).expect(200))
      .body;
    expect(log.at(-1)).toMatchObject({
      event: 'REPORT',
      fromState: 'settled',
      toState: 'reported_to_raad',
      actor: { id: 'alderman-9', role: 'alderman' },
      payload: { reportId: first.id },
    });
    expect(log.filter((e: { event: string }) => e.event === 'REPORT')).toHaveLength(1);
  });

  it('records the report on every case it lists, in reportedIn, and on no other', async () => {
    const listed = new Set([...first.decisions.map((d) => d.caseId), ...first.cases.map((c) => c.caseId)]);
    for (const key of Object.keys(ids)) {
      const c = await getCase(t, a.council, ids[key].id);
      expect({ key, reportedIn: c.reportedIn }).toEqual({
        key,
        reportedIn: listed.has(ids[key].id) ? [first.id] : [],
      });
    }
    // The initiator sees it too; the case did not move, so its version stays.
    const running = await getCase(t, a.resident, ids.running.id);
    expect(running).toMatchObject({ state: 'honoured', reportedIn: [first.id] });
  });

  it('includes the transfers and totals per area and theme: granted, settled, returned', async () => {
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
    const totals = first.totals;
    expect(totals).toMatchObject({
      caseCount: 5,
      decisionCount: 15,
      honouredCount: 7,
      rejectedCount: 1,
      honouredAmountCents: 1_950_000,
      settledCount: 1,
      settledAmountCents: 240_000,
      releasedAmountCents: 310_000,
      // No case of this fixture was decided late.
      penaltyAmountCents: 0,
      transferCount: 1,
      transferredAmountCents: 100_000,
      programmeYear: YEAR,
    });
    expect(totals.byAreaTheme).toEqual([
      {
        areaCode: 'oost',
        theme: 'groen',
        honouredCount: 2,
        rejectedCount: 1,
        honouredAmountCents: 150_000,
        settledCount: 0,
        settledAmountCents: 0,
        releasedAmountCents: 150_000,
        penaltyAmountCents: 0,
      },
      {
        areaCode: 'oost',
        theme: 'speelruimte',
        honouredCount: 3,
        rejectedCount: 0,
        honouredAmountCents: 1_300_000,
        settledCount: 1,
        settledAmountCents: 240_000,
        releasedAmountCents: 60_000,
        penaltyAmountCents: 0,
      },
      {
        areaCode: 'west',
        theme: 'groen',
        honouredCount: 2,
        rejectedCount: 0,
        honouredAmountCents: 500_000,
        settledCount: 0,
        settledAmountCents: 0,
        releasedAmountCents: 100_000,
        penaltyAmountCents: 0,
      },
    ]);
    const byArea = new Map(totals.byArea.map((x) => [x.areaCode, x]));
    expect([...byArea.keys()]).toEqual(['centrum', 'oost', 'oude-wijken', 'west', 'zuid']);
    expect(byArea.get('oost')).toEqual({
      areaCode: 'oost',
      honouredCount: 5,
      rejectedCount: 1,
      honouredAmountCents: 1_450_000,
      settledCount: 1,
      settledAmountCents: 240_000,
      releasedAmountCents: 210_000,
      penaltyAmountCents: 0,
      transferredNetCents: -100_000,
      // Committed: the running grants, the settled amount; what was revoked or withdrawn went back.
      programme: { year: YEAR, budgetCents: 9_900_000, committedCents: 1_240_000, availableCents: 8_660_000 },
    });
    expect(byArea.get('west')).toMatchObject({
      honouredAmountCents: 500_000,
      releasedAmountCents: 100_000,
      transferredNetCents: 100_000,
      programme: { budgetCents: 5_100_000, committedCents: 400_000, availableCents: 4_700_000 },
    });
    expect(byArea.get('centrum')).toMatchObject({
      honouredCount: 0,
      releasedAmountCents: 0,
      programme: null,
    });
  });

  it('totals what the cases themselves say they were granted, settled at and gave back', async () => {
    const views = new Map<string, CaseView>();
    for (const d of first.decisions) views.set(d.caseId, await getCase(t, a.council, d.caseId));
    const sum = (pick: (c: CaseView) => unknown) =>
      [...views.values()].reduce((n, c) => n + Number(pick(c) ?? 0), 0);
    expect(first.totals.honouredAmountCents).toBe(sum((c) => c.honouredAmountCents));
    expect(first.totals.settledAmountCents).toBe(sum((c) => c.settledAmountCents));
    expect(first.totals.releasedAmountCents).toBe(sum((c) => c.releasedAmountCents));
    for (const d of first.decisions) {
      const c = views.get(d.caseId)!;
      if (d.releasedCents !== undefined) expect(d.releasedCents).toBe(c.releasedAmountCents);
      if (d.event === 'SETTLE') expect(d.amountCents).toBe(c.settledAmountCents);
      if (d.event.endsWith('HONOUR')) expect(d.amountCents).toBe(c.honouredAmountCents);
    }
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
      payload: { reportId: first.id, number: 1, caseCount: 5, decisionCount: 15, transferCount: 1 },
    });
    const reportEntries = (await t.http.get('/api/v1/audit?event=REPORT').set(bearer(a.council)).expect(200))
      .body.items;
    expect(reportEntries).toHaveLength(5);
    for (const e of reportEntries) expect(e.seq).toBeLessThan(first.logHead.seq);
    const v = await verifyLog(t, a.council);
    expect(v).toMatchObject({
      valid: true,
      headSeq: first.logHead.seq,
      headHash: first.logHead.hash,
      anchorsChecked: 1,
    });
  });

  it('finds the new decisions in the audit trail by event', async () => {
    for (const event of ['SETTLE', 'REVOKE', 'SIGN_AGREEMENT', 'EVALUATE', 'TERMINATE', 'SUBMIT_ACCOUNT']) {
      const items = (await t.http.get(`/api/v1/audit?event=${event}`).set(bearer(a.council)).expect(200)).body
        .items as { event: string; caseId: string }[];
      expect(items.length).toBeGreaterThan(0);
      for (const e of items) expect(e.event).toBe(event);
    }
    const settle = (await t.http.get('/api/v1/audit?event=SETTLE').set(bearer(a.council)).expect(200)).body
      .items;
    expect(settle.map((e: { caseId: string }) => e.caseId)).toEqual([ids.settled.id]);
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
    expect(xml.detail).toContain(XLSX);
    expectProblem(
      await t.http.get(url).set(bearer(a.council)).set('Accept', 'application/vnd.ms-excel'),
      406,
    );
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
      XLSX,
      'text/csv',
      'text/markdown',
    ]);
    expect(doc.components.schemas.ReportCaseView.properties).not.toHaveProperty('contactEmail');
    expect(doc.components.schemas.ReportCaseView.properties).not.toHaveProperty('initiatorId');
    const decision = doc.components.schemas.ReportDecisionView;
    expect(Object.keys(decision.properties).sort()).toEqual(
      [
        'amountCents',
        'areaCode',
        'at',
        'caseId',
        'event',
        'penaltyCents',
        'reference',
        'releasedCents',
        'seq',
        'theme',
        'title',
        'type',
      ].sort(),
    );
    expect(decision.required).not.toContain('amountCents');
    expect(decision.required).not.toContain('releasedCents');
    expect(decision.required).not.toContain('penaltyCents');
    expect(decision.properties.event.enum).toEqual([...DECISION_EVENTS]);
    expect(doc.components.schemas.ReportView.properties.decisions.items.$ref).toBe(
      '#/components/schemas/ReportDecisionView',
    );
    for (const schema of ['ReportTotals', 'AreaTotals', 'AreaThemeTotals']) {
      expect(Object.keys(doc.components.schemas[schema].properties)).toEqual(
        expect.arrayContaining([
          'honouredAmountCents',
          'settledCount',
          'settledAmountCents',
          'releasedAmountCents',
          'penaltyAmountCents',
        ]),
      );
    }
    expect(Object.keys(doc.components.schemas.ReportCaseView.properties)).toEqual(
      expect.arrayContaining(['settledAmountCents', 'releasedAmountCents']),
    );
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
  const refs = (cases: { reference: string }[]) => cases.map((c) => c.reference).sort();
  const csvOf = async (url: string, token = a.council) =>
    csvObjects((await t.http.get(url).set(bearer(token)).set('Accept', 'text/csv').expect(200)).text, ';');
  const markdownOf = async (id: string) =>
    (
      await t.http
        .get(`/api/v1/reports/${id}`)
        .set(bearer(a.council))
        .set('Accept', 'text/markdown')
        .expect(200)
    ).text;

  beforeAll(async () => {
    let oost: AreaTeam;
    ({ t, a, oost, ids } = await appWithDecisions());
    first = (await firstReport(t, a)).body;
    // One case decided after the first report, with a title that CSV and Markdown must escape;
    // and the grant the first report listed while it ran is accounted for and settled in full.
    const late = await submit(
      t,
      a.resident,
      initiative({ title: '=SUM(1,2) | "Buurt", feest\nregel 2', contactEmail: EMAIL }),
    );
    ids.late = late;
    await decide(t, oost, late.id, 'rejected');
    await send(t, a.resident, ids.running, 'SUBMIT_ACCOUNT', { actualCostCents: 200_000 });
    await send(t, oost.official, ids.running, 'REVIEW_ACCOUNT', { advisedCents: 200_000 });
    await send(t, oost.alderman, ids.running, 'SETTLE', { settledCents: 200_000 });
    second = (await post(a.alderman).expect(201)).body;
    third = (await post(a.alderman).expect(201)).body;
  });
  afterAll(() => t.close());

  it('repeats nothing in the next report, and still issues one with nothing new', async () => {
    expect(second.number).toBe(2);
    // Only what was decided since: the refusal, and the settlement of the grant listed before.
    expect(second.decisions.map((d) => [d.reference, d.event, d.amountCents, d.releasedCents])).toEqual([
      [ids.late.reference, 'REJECT', undefined, undefined],
      [ids.running.reference, 'SETTLE', 200_000, 0],
    ]);
    for (const d of second.decisions) expect(d.seq).toBeGreaterThan(first.logHead.seq);
    const seen = new Set(first.decisions.map((d) => d.seq));
    for (const d of second.decisions) expect(seen.has(d.seq)).toBe(false);
    expect(refs(second.cases)).toEqual(refs([ids.late, ids.running]));
    expect(second.transfers).toEqual([]);
    expect(second.totals).toMatchObject({
      caseCount: 2,
      decisionCount: 2,
      honouredCount: 0,
      honouredAmountCents: 0,
      rejectedCount: 1,
      settledCount: 1,
      settledAmountCents: 200_000,
      releasedAmountCents: 0,
      transferCount: 0,
    });
    expect(second.logHead.seq).toBeGreaterThan(first.logHead.seq);
    expect((await getCase(t, a.council, ids.running.id)).reportedIn).toEqual([first.id, second.id]);
    expect((await getCase(t, a.council, ids.late.id)).reportedIn).toEqual([second.id]);
    expect((await getCase(t, a.council, ids.council.id)).reportedIn).toEqual([first.id]);

    // Nothing new: still a report (it anchors the log), with no decisions and no cases.
    expect(third).toMatchObject({
      number: 3,
      decisions: [],
      cases: [],
      transfers: [],
      totals: { caseCount: 0, decisionCount: 0, transferCount: 0 },
    });
    expect(third.logHead.seq).toBe(second.logHead.seq + 1);
    expect((await getCase(t, a.council, ids.running.id)).reportedIn).toEqual([first.id, second.id]);

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

  /** A decision of a report as the CSV and the workbook write it (REPORT_COLUMNS), here in CSV text. */
  const dutchRow = (report: Report, d: Report['decisions'][number], closed: boolean) => ({
    Brief: String(report.number),
    Volgnummer: String(d.seq),
    'Besloten op': amsterdamMinute(d.at),
    Kenmerk: d.reference,
    Soort: d.type === 'initiative' ? 'Bewonersinitiatief' : 'Uitdaagrecht',
    Titel: d.title,
    Gebied: AREA_NAMES[d.areaCode],
    Thema: d.theme,
    Besluit: EVENT_WORDS[d.event as keyof typeof EVENT_WORDS].label,
    Bedrag: d.amountCents === undefined ? '' : (d.amountCents / 100).toFixed(2).replace('.', ','),
    'Terug naar het budget':
      d.releasedCents === undefined ? '' : (d.releasedCents / 100).toFixed(2).replace('.', ','),
    'Zaak afgerond': closed ? 'ja' : 'nee',
  });

  it('exports the decisions as CSV that Dutch Excel opens in columns, without contact data, safe to open', async () => {
    const res = await t.http
      .get(`/api/v1/reports/${first.id}`)
      .set(bearer(a.council))
      .set('Accept', 'text/csv')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.vary).toMatch(/Accept/);
    // UTF-8 with a byte order mark (else Excel reads Windows-1252), `;` between fields.
    expect(res.text.startsWith('\uFEFFBrief;Volgnummer;Besloten op;')).toBe(true);
    const rows = csvObjects(res.text, ';');
    // One record per decision, in the report's order, with its Dutch word and amounts.
    const closing = new Set(FIRST_CLOSED.map((k) => ids[k].id));
    expect(rows).toEqual(
      first.decisions.map((d) =>
        // The last decision of a case the report filed closed it.
        dutchRow(
          first,
          d,
          closing.has(d.caseId) && first.decisions.filter((x) => x.caseId === d.caseId).at(-1) === d,
        ),
      ),
    );
    expect(rows.find((r) => r.Besluit === 'Subsidie vastgesteld')).toMatchObject({
      Kenmerk: ids.settled.reference,
      Bedrag: '2400,00',
      'Terug naar het budget': '600,00',
      'Zaak afgerond': 'ja',
    });
    expect(res.text).not.toContain(EMAIL);
    expect(res.text).not.toContain('resident-1');

    // Quotes, separators and line breaks survive quoting; a leading "=" cannot become a formula.
    const [late, settled] = await csvOf(`/api/v1/reports/${second.id}`);
    expect(late).toMatchObject({
      Kenmerk: ids.late.reference,
      Titel: `'=SUM(1,2) | "Buurt", feest\nregel 2`,
      Besluit: 'Afgewezen',
      'Zaak afgerond': 'ja',
    });
    expect(settled).toMatchObject({
      Kenmerk: ids.running.reference,
      Bedrag: '2000,00',
      'Terug naar het budget': '0,00',
    });

    // The list as CSV: the decisions of every report on the page, each with its report number.
    const allRows = await csvOf('/api/v1/reports', a.alderman);
    expect(allRows).toHaveLength(first.decisions.length + 2);
    expect(allRows.filter((r) => r.Brief === '2').map((r) => r.Kenmerk)).toEqual([
      ids.late.reference,
      ids.running.reference,
    ]);
    expect(allRows.filter((r) => r.Brief === '3')).toEqual([]);
  });

  it('gives the decisions as an Excel workbook (XLSX) with typed cells, read back with exceljs', async () => {
    const res = await t.http
      .get(`/api/v1/reports/${second.id}`)
      .set(bearer(a.alderman))
      .set('Accept', XLSX)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename="raadsinformatiebrief-2.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('Besluiten') as ExcelJS.Worksheet;
    const [header, ...rows] = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(header).toEqual(Object.keys(dutchRow(second, second.decisions[0], true)));
    expect(rows).toHaveLength(second.decisions.length);
    const [late, settled] = rows;
    // Text as typed (a text cell is never run as a formula), amounts as numbers in euro.
    expect(late.slice(3, 6)).toEqual([
      ids.late.reference,
      'Bewonersinitiatief',
      '=SUM(1,2) | "Buurt", feest\nregel 2',
    ]);
    expect(sheet.getRow(2).getCell(6).type).toBe(ExcelJS.ValueType.String);
    expect([late[8], late[9], late[11]]).toEqual(['Afgewezen', undefined, 'ja']); // an empty cell
    expect([settled[3], settled[9], settled[10]]).toEqual([ids.running.reference, 2000, 0]);
    expect(settled[2]).toBeInstanceOf(Date);
    expect(JSON.stringify(rows)).not.toContain(EMAIL);
    // Only the alderman and the council read it.
    expectProblem(
      await t.http.get(`/api/v1/reports/${second.id}`).set(bearer(a.official)).set('Accept', XLSX),
      403,
    );
  });

  it('renders a readable Dutch raadsinformatiebrief in Markdown, a section per kind of decision', async () => {
    const res = await t.http
      .get(`/api/v1/reports/${first.id}`)
      .set(bearer(a.council))
      .set('Accept', 'text/markdown')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown; charset=utf-8/);
    const md = res.text;
    const lines = md.split('\n');
    expect(md).toMatch(/^# Raadsinformatiebrief 1\b/);
    expect(md).toContain('**Aan:** de gemeenteraad');
    expect(md).toMatch(/- Besluiten: 15 \(toegekend: 6, /);
    expect(md).toMatch(/- Toegekend: €\s19\.500,00\./u);
    expect(md).toMatch(/- Subsidie vastgesteld: €\s2\.400,00\./u);
    expect(md).toMatch(/- Teruggevloeid naar het budget van de gebieden: €\s3\.100,00\./u);
    expect(md).toContain('- Afgeronde zaken: 5.');

    // The sections, in the machines' order of decisions, each listing its decisions.
    const expected = DECISION_EVENTS.map((event) => ({
      title: EVENT_WORDS[event].label,
      refs: first.decisions.filter((d) => d.event === event).map((d) => d.reference),
    })).filter((k) => k.refs.length > 0);
    const headings = lines.filter((l) => /^### .* \(\d+\)$/.test(l));
    expect(headings).toEqual(expected.map((k) => `### ${k.title} (${k.refs.length})`));
    expect(headings).toEqual(
      expect.arrayContaining([
        '### Toegekend (6)',
        '### Toegekend door de raad (1)',
        '### Afgewezen (1)',
        '### Subsidie vastgesteld (1)',
        '### Toekenning ingetrokken (1)',
        '### Aanvraag ingetrokken (1)',
        '### Overeenkomst getekend (2)',
        '### Geëvalueerd (1)',
        '### Overeenkomst beëindigd (1)',
      ]),
    );
    for (const k of expected) {
      const at = lines.indexOf(`### ${k.title} (${k.refs.length})`);
      const next = lines.findIndex((l, i) => i > at && l.startsWith('#'));
      const rows = lines.slice(at + 4, next).filter((l) => l.startsWith('| '));
      expect(rows.map((r) => r.split(' | ')[0].slice(2))).toEqual(k.refs);
    }
    const settleRow = lines.find(
      (l) => l.startsWith(`| ${ids.settled.reference} |`) && l.includes('2.400,00'),
    )!;
    expect(settleRow).toMatch(/\| €\s2\.400,00 \| €\s600,00 \| \d\d-\d\d-\d{4} \|$/u);
    const councilRow = lines.find((l) => l.startsWith(`| ${ids.council.reference} |`))!;
    expect(councilRow).toMatch(/\| Trapveld \| Oost \| speelruimte \| €\s8\.000,00 \|/u);

    // The closed cases, apart, with what was granted, settled and returned.
    const closedAt = lines.indexOf('## Afgeronde zaken');
    const closedRows = lines
      .slice(closedAt, lines.indexOf('## Budgetverschuivingen'))
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Kenmerk') && !l.startsWith('| ---'));
    expect(closedRows.map((r) => r.split(' | ')[0].slice(2)).sort()).toEqual(refs(first.cases));
    expect(closedRows.find((r) => r.includes(ids.settled.reference))).toMatch(
      /\| subsidie vastgesteld \| college \| €\s3\.000,00 \| €\s3\.000,00 \| €\s2\.400,00 \| €\s600,00 \|/u,
    );
    expect(md).toContain('West heeft meer aanvragen voor groen.');
    expect(md).toContain('| Oost | West |');
    expect(md).toContain(first.logHead.hash);
    expect(md).toContain(`laatste regel nummer ${first.logHead.seq}`);
    expect(md).toContain('## Verificatie');
    expect(md).not.toContain(EMAIL);
    expect(md).not.toContain('resident-1');

    // Text typed by residents cannot break a table or become markup.
    const md2 = await markdownOf(second.id);
    const row = md2.split('\n').find((l) => l.includes(ids.late.reference))!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(8); // 6 columns between 7 unescaped pipes
    expect(row).toContain('=SUM\\(1,2\\) \\| "Buurt", feest regel 2');
    // Nothing new: said plainly.
    expect(await markdownOf(third.id)).toContain('geen nieuwe besluiten');
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

  it('never reports a decision or a case twice: parallel reports, racing decisions, each once', async () => {
    const decided: string[] = [];
    const rejected: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await submit(t, a.resident, initiative({ title: `Plan ${i}` }));
      await decide(t, oost, c.id, i % 3 === 0 ? 'rejected' : 'honoured', 10_000);
      decided.push(c.reference);
      if (i % 3 === 0) rejected.push(c.reference);
    }
    // Six more cases are decided while the reports run (granted or refused); each decision lands
    // in exactly one report, and each refused case is filed by exactly one.
    const racing: { id: string; reference: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await submit(t, a.resident, initiative({ title: `Later ${i}` }));
      await sendEvent(t, oost.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Goed.' });
      racing.push(c);
    }
    const aldermen = [a.alderman, a.otherAlderman, a.aldermanElsewhere, a.alderman, a.otherAlderman];
    const results = await Promise.all([
      ...aldermen.map((tok) => t.http.post('/api/v1/reports').set(bearer(tok))),
      ...racing.map((c, i) =>
        t.http
          .post(`/api/v1/cases/${c.id}/events`)
          .set(bearer(oost.alderman))
          .send(
            i % 2 === 0
              ? { type: 'HONOUR', amountCents: 5_000, motivation: 'Ja.', ...grantTerms('initiative') }
              : { type: 'REJECT', motivation: 'Nee.' },
          ),
      ),
    ]);
    const reports = results.slice(0, 5);
    for (const r of reports) expect(r.status).toBe(201);
    for (const r of results.slice(5)) expect(r.status).toBe(200);
    expect(reports.map((r) => r.body.number).sort()).toEqual([1, 2, 3, 4, 5]);

    const last = (await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201)).body;
    const bodies: Report[] = [...reports.map((r) => r.body as Report), last].sort(
      (x, y) => x.number - y.number,
    );
    const decisions = bodies.flatMap((r) => r.decisions.map((d) => `${d.reference} ${d.event}`));
    expect(decisions).toHaveLength(new Set(decisions).size); // no decision twice
    const expectedDecisions = [
      ...decided.map((ref) => `${ref} ${rejected.includes(ref) ? 'REJECT' : 'HONOUR'}`),
      ...racing.map((c, i) => `${c.reference} ${i % 2 === 0 ? 'HONOUR' : 'REJECT'}`),
    ];
    expect(decisions.sort()).toEqual(expectedDecisions.sort()); // every decision once
    const filed = bodies.flatMap((r) => r.cases.map((c) => c.reference));
    expect(filed).toHaveLength(new Set(filed).size); // no case twice
    const racingRefused = racing.filter((_, i) => i % 2 === 1).map((c) => c.reference);
    expect(filed.sort()).toEqual([...rejected, ...racingRefused].sort()); // every closed case once
    // Each decided case records the report that listed its decision and the one that filed it
    // (the same one, unless the decision came in while a report was being issued).
    for (const c of racing) {
      const view = await getCase(t, a.council, c.id);
      const listedIn = bodies.filter((r) => r.decisions.some((d) => d.caseId === c.id)).map((r) => r.id);
      const filedIn = bodies.filter((r) => r.cases.some((x) => x.caseId === c.id)).map((r) => r.id);
      expect(listedIn).toHaveLength(1);
      expect(filedIn).toHaveLength(racingRefused.includes(c.reference) ? 1 : 0);
      expect(view.reportedIn).toEqual(
        bodies.map((r) => r.id).filter((id) => [...listedIn, ...filedIn].includes(id)),
      );
      expect(view.state).toBe(racingRefused.includes(c.reference) ? 'reported_to_raad' : 'honoured');
    }
    const entries = (
      await t.http.get('/api/v1/audit?event=REPORT&limit=500').set(bearer(a.council)).expect(200)
    ).body.items;
    expect(entries).toHaveLength(7);
    expect(new Set(entries.map((e: { caseId: string }) => e.caseId)).size).toBe(7);
    const v = await verifyLog(t, a.council);
    expect(v).toMatchObject({ valid: true, anchorsChecked: 6 });
  });
});
