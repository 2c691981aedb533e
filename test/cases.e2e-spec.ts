import { bearer, type Cast, cast, team } from './support/actors.js';
import {
  decide,
  initiative,
  postCase,
  postEvent,
  rightToChallenge,
  sendEvent,
  submit as submitCase,
  grantTerms,
} from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

describe('cases: lifecycle through HTTP', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    await seedProgramme(t, 'oost', {
      budgetCents: 10_000_000,
      delegationLimitCents: 500_000,
      themes: ['speelruimte', 'groen'],
    });
    await seedProgramme(t, 'west', {
      budgetCents: 10_000_000,
      delegationLimitCents: 5_000_000,
      themes: ['groen'],
    });
  });
  afterAll(() => t.close());

  const submit = (token: string, body: Record<string, unknown>, key?: string) =>
    postCase(t, token, body, key);
  const send = (token: string, id: string, body: Record<string, unknown>, ifMatch?: string) =>
    postEvent(t, token, id, body, ifMatch);

  it('submits an initiative and walks it to honoured, with exact states, versions and log', async () => {
    const created = await submit(a.resident, initiative()).expect(201);
    const c = created.body;
    expect(created.headers.location).toBe(`/api/v1/cases/${c.id}`);
    expect(c).toMatchObject({
      type: 'initiative',
      state: 'submitted',
      version: 1,
      initiatorId: 'resident-1',
      honouredAmountCents: null,
      contactEmail: 'anna@example.org',
      availableEvents: ['WITHDRAW'],
    });
    expect(c.reference).toMatch(/^INI-\d{4}-\d{6}$/);
    expect(Date.parse(c.decisionDueAt) - Date.parse(c.createdAt)).toBe(56 * 24 * 3600 * 1000);

    const got = await t.http.get(`/api/v1/cases/${c.id}`).set(bearer(a.official)).expect(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body.availableEvents).toEqual(['REQUEST_INFO', 'ASSESS', 'EXTEND_TERM']);

    let r = await send(a.official, c.id, { type: 'REQUEST_INFO', question: 'Hoeveel kinderen?' }).expect(200);
    expect(r.body).toMatchObject({ state: 'awaiting_info', version: 2 });
    r = await send(a.resident, c.id, { type: 'SUPPLY_INFO', answer: 'Veertig.' }).expect(200);
    expect(r.body).toMatchObject({ state: 'submitted', version: 3 });
    r = await send(
      a.official,
      c.id,
      { type: 'ASSESS', advice: 'honour', motivation: 'Past in het programma.' },
      '"3"',
    ).expect(200);
    expect(r.body).toMatchObject({ state: 'assessed', version: 4 });
    r = await send(a.alderman, c.id, {
      ...grantTerms(),
      type: 'HONOUR',
      amountCents: 200_000,
      motivation: 'Akkoord.',
    }).expect(200);
    expect(r.body).toMatchObject({
      state: 'honoured',
      version: 5,
      honouredAmountCents: 200_000,
      accountBy: grantTerms().accountBy,
      // The grant is carried out now: the alderman may still revoke it (Awb 4:48).
      availableEvents: ['REVOKE'],
    });

    const log = await t.http.get(`/api/v1/cases/${c.id}/log`).set(bearer(a.resident)).expect(200);
    expect(
      log.body.map((e: { event: string; fromState: string; toState: string }) => [
        e.event,
        e.fromState,
        e.toState,
      ]),
    ).toEqual([
      ['SUBMIT', null, 'submitted'],
      ['REQUEST_INFO', 'submitted', 'awaiting_info'],
      ['SUPPLY_INFO', 'awaiting_info', 'submitted'],
      ['ASSESS', 'submitted', 'assessed'],
      ['HONOUR', 'assessed', 'honoured'],
    ]);
    expect(log.body[4]).toMatchObject({
      actor: { id: 'alderman-1', role: 'alderman' },
      payload: { amountCents: 200_000 },
    });
    expect(JSON.stringify(log.body)).not.toContain('anna@example.org');
    for (let i = 1; i < log.body.length; i++) expect(log.body[i].prevHash).toBe(log.body[i - 1].hash);
  });

  it('runs a Right to Challenge to honoured with its own fields and agreementMonths', async () => {
    const west = await team(t, 'west');
    const c = (await submit(a.resident, rightToChallenge()).expect(201)).body;
    expect(c).toMatchObject({
      type: 'right_to_challenge',
      claim: 'cheaper',
      organisation: 'Buurtcoöperatie Vinkhuizen',
    });
    expect(c.reference).toMatch(/^RTC-\d{4}-\d{6}$/);
    await send(west.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Goedkoper.' }).expect(
      200,
    );
    const noMonths = expectProblem(
      await send(west.alderman, c.id, { type: 'HONOUR', amountCents: 100, motivation: 'x' }),
      400,
    );
    expect(noMonths.invalidParams).toEqual([
      { name: 'agreementMonths', reason: 'is verplicht bij een uitdaagrecht-aanvraag' },
    ]);
    const r = await send(west.alderman, c.id, {
      type: 'HONOUR',
      amountCents: 100,
      motivation: 'x',
      agreementMonths: 24,
    }).expect(200);
    expect(r.body).toMatchObject({ state: 'honoured', agreementMonths: 24 });
  });

  it('refuses: wrong state 409, wrong role 403, invisible 404, stale 412, bad body 400', async () => {
    const c = (await submit(a.resident, initiative()).expect(201)).body;
    expectProblem(
      await send(a.alderman, c.id, { ...grantTerms(), type: 'HONOUR', amountCents: 1, motivation: 'x' }),
      409,
    );
    expectProblem(await send(a.resident, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'x' }), 403);
    expectProblem(
      await send(a.officialElsewhere, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'x' }),
      404,
    );
    expectProblem(await t.http.get(`/api/v1/cases/${c.id}`).set(bearer(a.otherResident)), 404);
    expectProblem(
      await send(a.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'x' }, '"7"'),
      412,
    );
    const bad = expectProblem(
      await send(a.official, c.id, { type: 'ASSESS', advice: 'maybe', extra: 1 }),
      400,
    );
    expect((bad.invalidParams as { name: string }[]).map((p) => p.name).sort()).toEqual([
      'advice',
      'extra',
      'motivation',
    ]);
    expectProblem(await send(a.official, c.id, { type: 'DANCE' }), 400);
    expectProblem(await send(a.official, c.id, { type: 'REPORT', reportId: c.id }), 400);
    expectProblem(await t.http.get('/api/v1/cases/not-a-uuid').set(bearer(a.council)), 400);
    const after = await t.http.get(`/api/v1/cases/${c.id}`).set(bearer(a.resident)).expect(200);
    expect(after.body).toMatchObject({ state: 'submitted', version: 1 });
    const log = await t.http.get(`/api/v1/cases/${c.id}/log`).set(bearer(a.resident)).expect(200);
    expect(log.body).toHaveLength(1);
  });

  it('lets exactly one of ten racing events on one case win', async () => {
    const c = (await submit(a.resident, initiative()).expect(201)).body;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(
          i % 2 ? a.official : a.otherOfficial,
          c.id,
          { type: 'ASSESS', advice: 'honour', motivation: `m${i}` },
          '"1"',
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 412)).toBe(true);
    const log = await t.http.get(`/api/v1/cases/${c.id}/log`).set(bearer(a.resident)).expect(200);
    expect(log.body.map((e: { event: string }) => e.event)).toEqual(['SUBMIT', 'ASSESS']);
  });

  it('makes a repeated or concurrent submission with one Idempotency-Key create one case', async () => {
    const body = initiative({ title: 'Bankjes' });
    const [x, y, z] = await Promise.all([
      submit(a.resident, body, 'k-1'),
      submit(a.resident, body, 'k-1'),
      submit(a.resident, body, 'k-1'),
    ]);
    expect([x.status, y.status, z.status]).toEqual([201, 201, 201]);
    expect(new Set([x.body.id, y.body.id, z.body.id]).size).toBe(1);
    const again = await submit(a.resident, body, 'k-1').expect(201);
    expect(again.body.id).toBe(x.body.id);
    expectProblem(await submit(a.resident, { ...body, title: 'Anders' }, 'k-1'), 422);
    // Another resident's key space is their own.
    const other = await submit(a.otherResident, body, 'k-1').expect(201);
    expect(other.body.id).not.toBe(x.body.id);
    const list = await t.http.get('/api/v1/cases').set(bearer(a.council)).expect(200);
    expect(list.body.items.filter((i: { title: string }) => i.title === 'Bankjes')).toHaveLength(2);
  });

  it('applies four eyes: whoever assessed may not decide', async () => {
    const both = await t.token('official-alderman', ['official', 'alderman'], ['oost']);
    const c = (await submit(a.resident, initiative()).expect(201)).body;
    await send(both, c.id, { type: 'ASSESS', advice: 'reject', motivation: 'x' }).expect(200);
    const p = expectProblem(await send(both, c.id, { type: 'REJECT', motivation: 'x' }), 403);
    expect(p.code).toBe('FOUR_EYES');
    await send(a.alderman, c.id, { type: 'REJECT', motivation: 'Past niet.' }).expect(200);
  });

  it('shows each role what it may see, and the council never the contact e-mail', async () => {
    const mine = (await submit(a.resident, initiative({ title: 'Zichtbaarheid' })).expect(201)).body;
    const council = await t.http.get(`/api/v1/cases/${mine.id}`).set(bearer(a.council)).expect(200);
    expect(council.body.contactEmail).toBeUndefined();
    expect(JSON.stringify(council.body)).not.toContain('@example.org');
    const official = await t.http.get(`/api/v1/cases/${mine.id}`).set(bearer(a.official)).expect(200);
    expect(official.body.contactEmail).toBe('anna@example.org');
    const otherList = await t.http.get('/api/v1/cases').set(bearer(a.otherResident)).expect(200);
    expect(otherList.body.items.every((i: { initiatorId: string }) => i.initiatorId === 'resident-2')).toBe(
      true,
    );
    const elsewhere = await t.http.get('/api/v1/cases').set(bearer(a.officialElsewhere)).expect(200);
    expect(elsewhere.body.items.every((i: { areaCode: string }) => i.areaCode === 'centrum')).toBe(true);
    const councilList = await t.http.get('/api/v1/cases?limit=100').set(bearer(a.council)).expect(200);
    expect(JSON.stringify(councilList.body)).not.toContain('@example.org');
  });

  it('pages through the list with a cursor and filters', async () => {
    // Cases of its own for the pages: five of oost, one of them honoured.
    for (let i = 0; i < 4; i++) await submitCase(t, a.resident, initiative({ title: `Pagina ${i}` }));
    const decided = await submitCase(t, a.resident, initiative({ title: 'Pagina toegekend' }));
    await decide(t, a, decided.id, 'honoured');
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string; state: string }[]; nextCursor: string | null } } =
        await t.http
          .get(`/api/v1/cases?limit=2&areaCode=oost${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(a.council))
          .expect(200);
      for (const i of res.body.items) seen.add(i.id);
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = await t.http.get('/api/v1/cases?limit=100&areaCode=oost').set(bearer(a.council)).expect(200);
    expect(seen.size).toBe(all.body.items.length);
    const honoured = await t.http.get('/api/v1/cases?state=honoured').set(bearer(a.council)).expect(200);
    expect(honoured.body.items.every((i: { state: string }) => i.state === 'honoured')).toBe(true);
    expectProblem(await t.http.get('/api/v1/cases?areaCode=mars').set(bearer(a.council)), 400);
    expectProblem(await t.http.get('/api/v1/cases?cursor=zzz').set(bearer(a.council)), 400);
    expectProblem(await t.http.get('/api/v1/cases?limit=0').set(bearer(a.council)), 400);
  });

  it('keeps a verifiable chain', async () => {
    // Entries of its own to check: four cases, each submitted, assessed and decided.
    for (let i = 0; i < 4; i++) {
      const c = await submitCase(t, a.resident, initiative({ title: `Keten ${i}` }));
      await decide(t, a, c.id, i % 2 ? 'honoured' : 'rejected');
    }
    const v = await t.http.get('/api/v1/audit/verify').set(bearer(a.council)).expect(200);
    expect(v.body).toMatchObject({ valid: true });
    expect(v.body.checked).toBeGreaterThan(10);
    expectProblem(await t.http.get('/api/v1/audit/verify').set(bearer(a.alderman)), 403);
  });
});

describe('cases: decision terms', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
  });
  afterAll(() => t.close());

  it('lists open cases past their decision term with overdue=true, waiting for information or not', async () => {
    const { Database } = await import('../apps/api/src/database/database.service.js');
    const ids: string[] = [];
    for (const title of ['Laat', 'Op tijd', 'Wacht op info', 'Wacht te lang op info']) {
      ids.push((await submitCase(t, a.resident, initiative({ title }))).id);
    }
    // A request for information moves the term on by the time it may take (until respondBy):
    // waiting for an answer is not late.
    await sendEvent(t, a.official, ids[2], { type: 'REQUEST_INFO', question: 'Begroting?' });
    await sendEvent(t, a.official, ids[3], { type: 'REQUEST_INFO', question: 'Begroting?' });
    // Days later: the first case and the one whose information never came are past their term.
    await t.app
      .get(Database)
      .transaction((m) =>
        m.query(`UPDATE cases SET decision_due_at = now() - interval '1 day' WHERE id = ANY($1::uuid[])`, [
          [ids[0], ids[3]],
        ]),
      );
    const overdue = await t.http.get('/api/v1/cases?overdue=true').set(bearer(a.official)).expect(200);
    expect(overdue.body.items.map((c: { id: string }) => c.id).sort()).toEqual([ids[0], ids[3]].sort());
    const notOverdue = await t.http.get('/api/v1/cases?overdue=false').set(bearer(a.official)).expect(200);
    expect(notOverdue.body.items.map((c: { id: string }) => c.id).sort()).toEqual([ids[1], ids[2]].sort());
    expectProblem(await t.http.get('/api/v1/cases?overdue=maybe').set(bearer(a.official)), 400);
  });
});
