// PUT/GET /programmes: the council adopts and revises the frame in a meeting, which its clerk
// (griffier) registers with the programme; every change is one log entry.
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { decide, initiative, submit } from './support/cases.js';
import { councilDecision } from './support/council.js';
import { adopt, expectCommittedMatchesLog, programmes } from './support/programmes.js';
import { verifyLog } from './support/process-log.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const YEAR = programmeYear();
const FRAME = { budgetCents: 2_000_000, delegationLimitCents: 500_000, themes: ['groen', 'speelruimte'] };

describe('programmes: the council’s frame', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
  });
  afterAll(() => t.close());

  const put = (token: string, year: number | string, area: string, body: unknown) =>
    adopt(t, token, area, body, year);
  const list = (year = YEAR) => programmes(t, a.council, year);
  /**
   * The PROGRAMME_ entries of one area's programme of one year (null: of every year). Each test
   * has a programme of its own (its own area or year), so that what it counts is what it did.
   */
  async function programmeLog(areaCode: string, year: number | null = YEAR) {
    const res = await t.http
      .get(`/api/v1/audit?areaCode=${areaCode}&limit=500`)
      .set(bearer(a.council))
      .expect(200);
    return res.body.items.filter(
      (e: { event: string; payload: { year?: number } }) =>
        e.event.startsWith('PROGRAMME_') && (year === null || e.payload.year === year),
    );
  }

  it('adopts a programme (200, with committed and available) and logs PROGRAMME_ADOPTED', async () => {
    const meeting = {
      meetingOn: '2026-11-12',
      agendaItem: '7.2 Wijkprogramma Oost',
      votesFor: 30,
      votesAgainst: 9,
    };
    const res = await put(a.clerk, YEAR, 'oost', { ...FRAME, councilDecision: meeting }).expect(200);
    expect(res.body).toEqual({
      year: YEAR,
      areaCode: 'oost',
      budgetCents: 2_000_000,
      committedCents: 0,
      availableCents: 2_000_000,
      delegationLimitCents: 500_000,
      themes: ['groen', 'speelruimte'],
      councilDecision: meeting,
    });
    // Stored with the programme: GET /programmes shows it to everyone who reads programmes.
    expect((await list()).find((p: { areaCode: string }) => p.areaCode === 'oost')).toEqual(res.body);
    const log = await programmeLog('oost');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      event: 'PROGRAMME_ADOPTED',
      caseId: null,
      areaCode: 'oost',
      fromState: null,
      toState: null,
      actor: { id: 'clerk-1', role: 'clerk', name: 'Griffier Gerda' },
      payload: {
        year: YEAR,
        budgetCents: 2_000_000,
        delegationLimitCents: 500_000,
        themes: ['groen', 'speelruimte'],
        councilDecision: meeting,
      },
    });
    expect(log[0].payload.previous).toBeUndefined();
  });

  it('lists the year’s programmes by area for any authenticated actor, and nothing for other years', async () => {
    // Years of its own, so the list holds exactly the programmes adopted here.
    const year = YEAR + 2;
    await put(a.clerk, year, 'oost', FRAME).expect(200);
    await put(a.clerk, year, 'centrum', { ...FRAME, themes: ['verkeer'] }).expect(200);
    await put(a.clerk, year + 1, 'west', FRAME).expect(200);
    for (const token of [a.resident, a.official, a.alderman, a.council]) {
      const res = await t.http.get(`/api/v1/programmes/${year}`).set(bearer(token)).expect(200);
      expect(res.body.map((p: { areaCode: string }) => p.areaCode)).toEqual(['centrum', 'oost']);
    }
    expect((await list(year + 1)).map((p: { areaCode: string }) => p.areaCode)).toEqual(['west']);
    expect(await list(2099)).toEqual([]);
    expectProblem(await t.http.get(`/api/v1/programmes/${year}`), 401);
  });

  it('revises: PROGRAMME_REVISED with the previous values; the same frame again changes and logs nothing', async () => {
    await put(a.clerk, YEAR, 'west', FRAME).expect(200);
    const revised = await put(a.clerk, YEAR, 'west', {
      budgetCents: 2_500_000,
      delegationLimitCents: 400_000,
      themes: ['groen'],
    }).expect(200);
    expect(revised.body).toMatchObject({
      budgetCents: 2_500_000,
      delegationLimitCents: 400_000,
      themes: ['groen'],
      availableCents: 2_500_000,
    });
    let log = await programmeLog('west');
    expect(log.map((e: { event: string }) => e.event)).toEqual(['PROGRAMME_ADOPTED', 'PROGRAMME_REVISED']);
    expect(log[1].payload).toEqual({
      year: YEAR,
      budgetCents: 2_500_000,
      delegationLimitCents: 400_000,
      themes: ['groen'],
      councilDecision: councilDecision(),
      previous: { budgetCents: 2_000_000, delegationLimitCents: 500_000, themes: ['groen', 'speelruimte'] },
    });
    const again = await put(a.clerk, YEAR, 'west', {
      budgetCents: 2_500_000,
      delegationLimitCents: 400_000,
      themes: ['groen'],
    }).expect(200);
    expect(again.body).toEqual(revised.body);
    log = await programmeLog('west');
    expect(log).toHaveLength(2);
    // The same figures confirmed in another meeting is another raadsbesluit: stored and logged.
    const later = { meetingOn: '2026-12-10', agendaItem: '3 Vaststelling' };
    const confirmed = await put(a.clerk, YEAR, 'west', {
      budgetCents: 2_500_000,
      delegationLimitCents: 400_000,
      themes: ['groen'],
      councilDecision: later,
    }).expect(200);
    expect(confirmed.body).toEqual({ ...revised.body, councilDecision: later });
    log = await programmeLog('west');
    expect(log.map((e: { event: string }) => e.event)).toEqual([
      'PROGRAMME_ADOPTED',
      'PROGRAMME_REVISED',
      'PROGRAMME_REVISED',
    ]);
    expect(log[2].payload.councilDecision).toEqual(later);
  });

  it('refuses a budget below what is committed (409 BUDGET_BELOW_COMMITTED) and changes nothing; equal is fine', async () => {
    // A programme of its own (centrum, where a.officialElsewhere and a.aldermanElsewhere work).
    await put(a.clerk, YEAR, 'centrum', {
      budgetCents: 2_500_000,
      delegationLimitCents: 400_000,
      themes: ['groen'],
    }).expect(200);
    const c = await submit(
      t,
      a.resident,
      initiative({ areaCode: 'centrum', theme: 'groen', requestedAmountCents: 300_000 }),
    );
    await decide(
      t,
      { official: a.officialElsewhere, alderman: a.aldermanElsewhere },
      c.id,
      'honoured',
      300_000,
    );
    const before = (await list()).find((p: { areaCode: string }) => p.areaCode === 'centrum');
    expect(before).toMatchObject({ committedCents: 300_000, availableCents: 2_200_000 });
    const logBefore = await programmeLog('centrum');

    const p = expectProblem(
      await put(a.clerk, YEAR, 'centrum', {
        budgetCents: 299_999,
        delegationLimitCents: 0,
        themes: ['groen'],
      }),
      409,
    );
    expect(p).toMatchObject({ code: 'BUDGET_BELOW_COMMITTED', committedCents: 300_000 });
    expect(p.detail).toContain('€\u00a03.000,00');
    expect((await list()).find((x: { areaCode: string }) => x.areaCode === 'centrum')).toEqual(before);
    expect(await programmeLog('centrum')).toHaveLength(logBefore.length);

    const equal = await put(a.clerk, YEAR, 'centrum', {
      budgetCents: 300_000,
      delegationLimitCents: 300_000,
      themes: ['groen'],
    }).expect(200);
    expect(equal.body).toMatchObject({ budgetCents: 300_000, committedCents: 300_000, availableCents: 0 });
    await expectCommittedMatchesLog(t, a.council);
  });

  it('lets only the clerk register an adoption: a council member alone is not the raad (403)', async () => {
    const raadslidWithAreas = await t.token('council-2', ['council'], ['zuid'], 'Raadslid Ria');
    for (const token of [a.resident, a.official, a.alderman, a.council, raadslidWithAreas]) {
      const p = expectProblem(await put(token, YEAR, 'zuid', FRAME), 403);
      expect(p.detail).toContain('griffier');
    }
    expectProblem(await t.http.put(`/api/v1/programmes/${YEAR}/zuid`).send(FRAME), 401);
    expect((await list()).some((p: { areaCode: string }) => p.areaCode === 'zuid')).toBe(false);
    expect(await programmeLog('zuid', null)).toEqual([]);
  });

  it('requires the council decision, validated field by field (400 invalidParams), and stores nothing', async () => {
    // A year of its own: the other tests count zuid's entries and oost's of this year.
    const year = YEAR + 5;
    const raw = (body: unknown) =>
      t.http
        .put(`/api/v1/programmes/${year}/oost`)
        .set(bearer(a.clerk))
        .send(body as object);
    const missing = expectProblem(await raw(FRAME), 400);
    expect(missing.invalidParams).toEqual([expect.objectContaining({ name: 'councilDecision' })]);
    const cases: [unknown, string[]][] = [
      [null, ['councilDecision']],
      ['2026-11-12', ['councilDecision']],
      [[councilDecision()], ['councilDecision']],
      [{}, ['councilDecision.agendaItem', 'councilDecision.meetingOn']],
      [councilDecision({ meetingOn: '2026-02-30' }), ['councilDecision.meetingOn']],
      [councilDecision({ meetingOn: '12-11-2026' }), ['councilDecision.meetingOn']],
      [councilDecision({ meetingOn: '2026-11-12T19:00:00Z' }), ['councilDecision.meetingOn']],
      [councilDecision({ agendaItem: '' }), ['councilDecision.agendaItem']],
      [councilDecision({ agendaItem: 'x'.repeat(201) }), ['councilDecision.agendaItem']],
      [councilDecision({ votesFor: -1 }), ['councilDecision.votesFor']],
      [councilDecision({ votesAgainst: 2.5 }), ['councilDecision.votesAgainst']],
      [councilDecision({ votesFor: '27' as unknown as number }), ['councilDecision.votesFor']],
      [{ ...councilDecision(), chair: 'De burgemeester' }, ['councilDecision.chair']],
    ];
    for (const [decision, fields] of cases) {
      const p = expectProblem(await raw({ ...FRAME, councilDecision: decision }), 400);
      const names = (p.invalidParams as { name: string }[]).map((x) => x.name);
      expect({ decision, names: [...new Set(names)].sort() }).toEqual({ decision, names: fields });
    }
    // Votes are optional, and zero is a number of votes.
    const bare = { meetingOn: '2026-11-12', agendaItem: '12' };
    expect((await raw({ ...FRAME, councilDecision: bare }).expect(200)).body.councilDecision).toEqual(bare);
    const none = { ...bare, votesFor: 0, votesAgainst: 0 };
    const zero = await raw({ ...FRAME, councilDecision: none }).expect(200);
    expect(zero.body.councilDecision).toEqual(none);
    const log = await programmeLog('oost', year);
    expect(log.map((e: { event: string }) => e.event)).toEqual(['PROGRAMME_ADOPTED', 'PROGRAMME_REVISED']);
    expect(log.map((e: { payload: { councilDecision: unknown } }) => e.payload.councilDecision)).toEqual([
      bare,
      none,
    ]);
  });

  it('refuses invalid input with 400 naming every invalid field, and stores nothing', async () => {
    const cases: [number | string, string, unknown, string[]][] = [
      [1999, 'zuid', FRAME, ['year']],
      [2101, 'zuid', FRAME, ['year']],
      ['2026.0', 'zuid', FRAME, ['year']],
      ['twenty', 'zuid', FRAME, ['year']],
      [YEAR, 'mars', FRAME, ['areaCode']],
      [YEAR, 'Zuid', FRAME, ['areaCode']],
      [YEAR, 'zuid', { ...FRAME, budgetCents: -1 }, ['budgetCents']],
      [YEAR, 'zuid', { ...FRAME, budgetCents: 10.5 }, ['budgetCents']],
      [YEAR, 'zuid', { ...FRAME, budgetCents: '100' }, ['budgetCents']],
      [YEAR, 'zuid', { ...FRAME, delegationLimitCents: FRAME.budgetCents + 1 }, ['delegationLimitCents']],
      [YEAR, 'zuid', { ...FRAME, themes: [] }, ['themes']],
      [YEAR, 'zuid', { ...FRAME, themes: ['groen', 'groen'] }, ['themes']],
      [YEAR, 'zuid', { ...FRAME, themes: ['Groen'] }, ['themes']],
      [YEAR, 'zuid', { ...FRAME, themes: ['buurt welzijn'] }, ['themes']],
      [YEAR, 'zuid', { ...FRAME, themes: 'groen' }, ['themes']],
      [YEAR, 'zuid', { ...FRAME, themes: [1] }, ['themes']],
      [YEAR, 'zuid', { ...FRAME, extra: true }, ['extra']],
      [YEAR, 'zuid', {}, ['budgetCents', 'delegationLimitCents', 'themes']],
      [YEAR, 'zuid', [], ['budgetCents', 'councilDecision', 'delegationLimitCents', 'themes']],
    ];
    for (const [year, area, body, fields] of cases) {
      const p = expectProblem(await put(a.clerk, year, area, body), 400);
      const names = (p.invalidParams as { name: string }[]).map((x) => x.name.replace(/\.\d+$/, ''));
      expect({ year, area, body, names: [...new Set(names)].sort() }).toEqual({
        year,
        area,
        body,
        names: fields,
      });
    }
    const malformed = await t.http
      .put(`/api/v1/programmes/${YEAR}/zuid`)
      .set(bearer(a.clerk))
      .set('Content-Type', 'application/json')
      .send('{"budgetCents": 1,');
    expectProblem(malformed, 400);
    expectProblem(await t.http.get('/api/v1/programmes/1999').set(bearer(a.council)), 400);
    expectProblem(await t.http.get('/api/v1/programmes/abc').set(bearer(a.council)), 400);
    expect((await list()).some((p: { areaCode: string }) => p.areaCode === 'zuid')).toBe(false);
    expect(await programmeLog('zuid', null)).toEqual([]);
  });

  it('serializes concurrent adoptions of one new programme: one ADOPTED, the others revisions or no-ops, never a 5xx', async () => {
    const bodies = Array.from({ length: 6 }, (_, i) => ({
      budgetCents: 100_000 * (1 + (i % 2)),
      delegationLimitCents: 0,
      themes: ['groen'],
    }));
    const results = await Promise.all(bodies.map((b) => put(a.clerk, YEAR, 'oude-wijken', b)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const log = await programmeLog('oude-wijken');
    expect(log[0].event).toBe('PROGRAMME_ADOPTED');
    expect(log.filter((e: { event: string }) => e.event === 'PROGRAMME_ADOPTED')).toHaveLength(1);
    // The programme ends as the last logged entry says.
    const last = log[log.length - 1].payload;
    const now = (await list()).find((p: { areaCode: string }) => p.areaCode === 'oude-wijken');
    expect(now!.budgetCents).toBe(last.budgetCents);
    expect((await verifyLog(t, a.council)).valid).toBe(true);
  });
});
