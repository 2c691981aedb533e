import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { type AreaTeam, bearer, type Cast, cast, team } from './support/actors.js';
import { decide, initiative, rightToChallenge, sendEvent, submit } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();
const EMAILS = ['anna.devries@example.org', 'b.bakker@example.net'];
const NAMES = ['Anna de Vries', 'Bram Bakker'];
const SUBS = ['res-7f3a', 'res-91c2'];

/**
 * AVG: the council reads cases, the process log and the reports, but never the initiators'
 * contact data; residents appear in the log by their pseudonymous id only.
 */
describe('privacy: nothing the council reads holds contact data', () => {
  let t: TestApp;
  let a: Cast;
  let residents: string[];
  let oost: AreaTeam;
  let west: AreaTeam;
  const caseIds: string[] = [];
  /** Every response body the council (or the public) can get, with where it came from. */
  const councilReads: { what: string; text: string }[] = [];

  const read = async (what: string, path: string, accept?: string, token: string | null = a.council) => {
    const req = t.http.get(path);
    if (token) req.set(bearer(token));
    if (accept) req.set('Accept', accept);
    const res = await req;
    expect({ what, status: res.status }).toEqual({ what, status: 200 });
    councilReads.push({ what, text: res.text });
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    residents = await Promise.all(SUBS.map((sub, i) => t.token(sub, ['resident'], [], NAMES[i])));
    oost = await team(t, 'oost');
    west = await team(t, 'west');
    await seedProgramme(t, 'oost', {
      budgetCents: 10_000_000,
      delegationLimitCents: 5_000_000,
      themes: ['speelruimte', 'groen'],
    });
    await seedProgramme(t, 'west', {
      budgetCents: 10_000_000,
      delegationLimitCents: 5_000_000,
      themes: ['groen'],
    });

    const honoured = await submit(t, residents[0], initiative({ contactEmail: EMAILS[0] }));
    await sendEvent(t, oost.official, honoured.id, { type: 'REQUEST_INFO', question: 'Hoeveel kinderen?' });
    await sendEvent(t, residents[0], honoured.id, { type: 'SUPPLY_INFO', answer: 'Veertig.' });
    await decide(t, oost, honoured.id, 'honoured', 100_000);
    const rejected = await submit(t, residents[1], rightToChallenge({ contactEmail: EMAILS[1] }));
    await decide(t, west, rejected.id, 'rejected');
    const withdrawn = await submit(t, residents[1], initiative({ theme: 'groen', contactEmail: EMAILS[1] }));
    await sendEvent(t, residents[1], withdrawn.id, { type: 'WITHDRAW', reason: 'Verhuisd.' });
    await t.http
      .post(`/api/v1/programmes/${YEAR}/transfers`)
      .set(bearer(oost.alderman))
      .send({ fromAreaCode: 'oost', toAreaCode: 'west', amountCents: 10_000, reason: 'Meer vraag in West.' })
      .expect(201);
    await t.http.post('/api/v1/reports').set(bearer(oost.alderman)).expect(201);
    // Still open after the report: in the case lists and the log, not in a report.
    const open = await submit(t, residents[0], initiative({ title: 'Nog open', contactEmail: EMAILS[0] }));
    caseIds.push(honoured.id, rejected.id, withdrawn.id, open.id);
  });
  afterAll(() => t.close());

  it('keeps the contact e-mail where it belongs: the initiator and the area team see it', async () => {
    // Without this, the checks below could pass because the e-mail was never stored at all.
    const own = await t.http.get(`/api/v1/cases/${caseIds[0]}`).set(bearer(residents[0])).expect(200);
    expect(own.body.contactEmail).toBe(EMAILS[0]);
    const team = await t.http.get(`/api/v1/cases/${caseIds[1]}`).set(bearer(west.official)).expect(200);
    expect(team.body.contactEmail).toBe(EMAILS[1]);
  });

  it('shows the council no contact e-mail and no resident name in anything it can read', async () => {
    await read('case list', '/api/v1/cases?limit=100');
    for (const state of ['reported_to_raad', 'withdrawn', 'submitted'])
      await read(`cases ${state}`, `/api/v1/cases?state=${state}`);
    for (const id of caseIds) {
      await read(`case ${id}`, `/api/v1/cases/${id}`);
      await read(`case log ${id}`, `/api/v1/cases/${id}/log`);
    }
    await read('audit trail', '/api/v1/audit?limit=500');
    for (const sub of SUBS) await read(`audit of ${sub}`, `/api/v1/audit?actorId=${sub}`);
    await read('verify', '/api/v1/audit/verify');
    const list = await read('report list', '/api/v1/reports');
    await read('report list csv', '/api/v1/reports', 'text/csv');
    for (const r of list.body.items as { id: string }[]) {
      await read(`report ${r.id}`, `/api/v1/reports/${r.id}`);
      await read(`report ${r.id} csv`, `/api/v1/reports/${r.id}`, 'text/csv');
      await read(`report ${r.id} markdown`, `/api/v1/reports/${r.id}`, 'text/markdown');
    }
    await read('programmes', `/api/v1/programmes/${YEAR}`);
    await read('transfers', `/api/v1/programmes/${YEAR}/transfers`);
    await read('open spending', `/api/v1/open/spending?year=${YEAR}`, undefined, null);

    expect(councilReads.length).toBeGreaterThan(20);
    const leaks = councilReads.flatMap(({ what, text }) =>
      [...EMAILS, ...NAMES, 'contactEmail', '@example.']
        .filter((needle) => text.includes(needle))
        .map((needle) => `${what}: ${needle}`),
    );
    expect(leaks).toEqual([]);
  });

  it('names residents in the log by their pseudonymous id only', async () => {
    const items = (await t.http.get('/api/v1/audit?limit=500').set(bearer(a.council)).expect(200)).body
      .items as {
      event: string;
      actor: Record<string, unknown>;
    }[];
    const byResidents = items.filter((e) => e.actor.role === 'resident');
    expect(byResidents.map((e) => e.event).sort()).toEqual(
      ['SUBMIT', 'SUBMIT', 'SUBMIT', 'SUBMIT', 'SUPPLY_INFO', 'WITHDRAW'].sort(),
    );
    for (const e of byResidents) {
      expect(Object.keys(e.actor).sort()).toEqual(['id', 'role']);
      expect(SUBS).toContain(e.actor.id);
    }
    // Officials and aldermen act in a public capacity: they are named.
    expect(items.find((e) => e.event === 'HONOUR')!.actor).toEqual({
      id: 'alderman-oost',
      role: 'alderman',
      name: 'Wethouder oost',
    });
  });

  it('keeps the initiator out of the reports entirely', async () => {
    const [report] = (await t.http.get('/api/v1/reports').set(bearer(a.alderman)).expect(200)).body.items;
    // The grant and the refusal are decisions; only the refused case is closed and filed.
    expect(report.decisions.map((d: { event: string }) => d.event)).toEqual(['HONOUR', 'REJECT']);
    expect(report.cases).toHaveLength(1);
    const text = JSON.stringify(report);
    for (const sub of SUBS) expect(text).not.toContain(sub);
    expect(text).not.toContain('initiatorId');
    expect(text).not.toContain('description');
  });
});
