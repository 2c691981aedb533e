import type { AuditPage, LogEntryView } from '../apps/api/src/audit/audit.dto.js';
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { type AreaTeam, bearer, type Cast, cast, team } from './support/actors.js';
import { decide, initiative, rightToChallenge, sendEvent, submit, grantTerms } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();

describe('audit trail: GET /audit', () => {
  let t: TestApp;
  let a: Cast;
  let anna: string;
  let oost: AreaTeam;
  let west: AreaTeam;
  let honoured: { id: string; reference: string };
  let rejected: { id: string; reference: string };
  let all: LogEntryView[];

  const audit = async (query: string, token = a.council) => {
    const res = await t.http.get(`/api/v1/audit${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as AuditPage;
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    anna = await t.token('res-7f3a', ['resident'], [], 'Anna de Vries');
    oost = { official: a.official, alderman: a.alderman };
    west = await team(t, 'west');
    await seedProgramme(t, 'oost', {
      budgetCents: 1_000_000,
      delegationLimitCents: 500_000,
      themes: ['speelruimte'],
    });
    await seedProgramme(t, 'west', {
      budgetCents: 1_000_000,
      delegationLimitCents: 500_000,
      themes: ['groen'],
    });
    honoured = await submit(t, anna, initiative({ contactEmail: 'anna.devries@example.org' }));
    await sendEvent(t, oost.official, honoured.id, { type: 'REQUEST_INFO', question: 'Hoeveel kinderen?' });
    await sendEvent(t, anna, honoured.id, { type: 'SUPPLY_INFO', answer: 'Veertig.' });
    await sendEvent(t, oost.official, honoured.id, {
      type: 'ASSESS',
      advice: 'honour',
      motivation: 'Past in het programma.',
    });
    await sendEvent(t, oost.alderman, honoured.id, {
      ...grantTerms(),
      type: 'HONOUR',
      amountCents: 200_000,
      motivation: 'Akkoord.',
    });
    rejected = await submit(t, a.resident, rightToChallenge({ requestedAmountCents: 100_000 }));
    await decide(t, west, rejected.id, 'rejected');
    await t.http
      .post(`/api/v1/programmes/${YEAR}/transfers`)
      .set(bearer(oost.alderman))
      .send({
        fromAreaCode: 'oost',
        toAreaCode: 'west',
        amountCents: 50_000,
        reason: 'West heeft meer nodig.',
      })
      .expect(201);
    all = (await audit('?limit=500')).items;
  });
  afterAll(() => t.close());

  it('gives every entry in seq order, chained, with who, what, on what, when and why', async () => {
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    for (let i = 1; i < all.length; i++) expect(all[i].prevHash).toBe(all[i - 1].hash);
    const honour = all.find((e) => e.event === 'HONOUR')!;
    expect(honour).toEqual({
      seq: expect.any(Number),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      caseId: honoured.id,
      caseReference: honoured.reference,
      areaCode: 'oost',
      event: 'HONOUR',
      fromState: 'assessed',
      toState: 'honoured',
      actor: { id: 'alderman-1', role: 'alderman', name: 'Wethouder Wim' },
      payload: { amountCents: 200_000, motivation: 'Akkoord.', accountBy: grantTerms().accountBy },
      motivation: 'Akkoord.',
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hashVersion: 2,
    });
    expect(all.find((e) => e.event === 'ASSESS' && e.caseId === honoured.id)).toMatchObject({
      actor: { id: 'official-1', role: 'official', name: 'Olga Official' },
      motivation: 'Past in het programma.',
    });
    expect(all.find((e) => e.event === 'BUDGET_TRANSFERRED')).toMatchObject({
      caseId: null,
      caseReference: null,
      actor: { id: 'alderman-1', role: 'alderman' },
      motivation: 'West heeft meer nodig.',
    });
  });

  it('shows residents by their pseudonymous id only, never by name or e-mail', async () => {
    const byAnna = all.filter((e) => e.actor.id === 'res-7f3a');
    expect(byAnna.map((e) => e.event)).toEqual(['SUBMIT', 'SUPPLY_INFO']);
    for (const e of byAnna) expect(e.actor).toEqual({ id: 'res-7f3a', role: 'resident' });
    const text = JSON.stringify(all);
    expect(text).not.toContain('Anna de Vries');
    expect(text).not.toContain('anna.devries@example.org');
    expect(text).not.toContain('contactEmail');
  });

  it('filters by case, actor, event, area and period, alone and combined', async () => {
    const ofCase = (await audit(`?caseId=${honoured.id}`)).items;
    expect(ofCase.map((e) => e.event)).toEqual(['SUBMIT', 'REQUEST_INFO', 'SUPPLY_INFO', 'ASSESS', 'HONOUR']);
    expect((await audit(`?actorId=official-west`)).items.map((e) => e.event)).toEqual(['ASSESS']);
    expect((await audit(`?actorId=res-7f3a`)).items).toEqual(all.filter((e) => e.actor.id === 'res-7f3a'));
    expect((await audit('?event=ASSESS')).items.map((e) => e.caseId)).toEqual([honoured.id, rejected.id]);
    expect((await audit(`?event=ASSESS&caseId=${rejected.id}`)).items).toHaveLength(1);
    const westEntries = (await audit('?areaCode=west')).items;
    expect(westEntries.map((e) => e.event)).toEqual(['SUBMIT', 'ASSESS', 'REJECT']);
    expect(westEntries.every((e) => e.caseId === rejected.id)).toBe(true);
    expect((await audit(`?caseId=00000000-0000-4000-8000-000000000000`)).items).toEqual([]);

    // The period: from inclusive, to exclusive, compared with the entries' own times.
    const pivot = all[Math.floor(all.length / 2)].at;
    const fromPivot = (await audit(`?limit=500&from=${encodeURIComponent(pivot)}`)).items;
    expect(fromPivot).toEqual(all.filter((e) => e.at >= pivot));
    expect(fromPivot.length).toBeGreaterThan(0);
    const toPivot = (await audit(`?limit=500&to=${encodeURIComponent(pivot)}`)).items;
    expect(toPivot).toEqual(all.filter((e) => e.at < pivot));
    expect(fromPivot.length + toPivot.length).toBe(all.length);
    const later = new Date(Date.parse(all.at(-1)!.at) + 1).toISOString();
    expect((await audit(`?from=${encodeURIComponent(later)}`)).items).toEqual([]);
    const window = (
      await audit(
        `?from=${encodeURIComponent(all[0].at)}&to=${encodeURIComponent(later)}&areaCode=oost&limit=500`,
      )
    ).items;
    expect(window).toEqual(all.filter((e) => e.areaCode === 'oost'));
  });

  it('pages with a cursor through exactly the whole trail', async () => {
    const seen: LogEntryView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 100);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));
    // Filters and cursor together.
    const first = await audit(`?caseId=${honoured.id}&limit=2`);
    const second = await audit(`?caseId=${honoured.id}&limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((e) => e.event)).toEqual([
      'SUBMIT',
      'REQUEST_INFO',
      'SUPPLY_INFO',
      'ASSESS',
    ]);
  });

  it('answers bad filters with 400 naming the parameter, never a 500', async () => {
    const cases: [string, string][] = [
      ['areaCode=atlantis', 'areaCode'],
      ['from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z', 'from'],
      ['from=yesterday', 'from'],
      ['to=2026-02-30T00:00:00Z', 'to'],
      ['from=2026-13-01', 'from'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=abc', 'cursor'],
      ['cursor=-5', 'cursor'],
      ['caseId=not-a-uuid', 'caseId'],
      ['event=honour;drop', 'event'],
      ['unknown=1', 'unknown'],
    ];
    for (const [query, name] of cases) {
      const problem = expectProblem(await t.http.get(`/api/v1/audit?${query}`).set(bearer(a.council)), 400);
      expect({ query, params: (problem.invalidParams as { name: string }[]).map((p) => p.name) }).toEqual({
        query,
        params: expect.arrayContaining([name]),
      });
    }
    // Equal bounds are a valid, empty period.
    expect(
      (await audit(`?from=${encodeURIComponent(all[0].at)}&to=${encodeURIComponent(all[0].at)}`)).items,
    ).toEqual([]);
  });

  it('is for the council only', async () => {
    for (const token of [a.resident, a.official, a.alderman, anna]) {
      expectProblem(await t.http.get('/api/v1/audit').set(bearer(token)), 403);
      expectProblem(await t.http.get('/api/v1/audit/verify').set(bearer(token)), 403);
    }
    expectProblem(await t.http.get('/api/v1/audit'), 401);
    expectProblem(await t.http.get('/api/v1/audit/verify'), 401);
  });
});
