import { randomUUID } from 'node:crypto';
import { AreasRepository } from '../../apps/api/src/areas/areas.repository.js';
import { CasesRepository } from '../../apps/api/src/cases/cases.repository.js';
import {
  type ProgrammeValues,
  ProgrammesRepository,
} from '../../apps/api/src/programmes/programmes.repository.js';
import { TransfersRepository } from '../../apps/api/src/programmes/transfers.repository.js';
import { councilDecision } from '../support/council.js';
import { createRepoApp, newCase, type RepoApp } from './repo-app.js';

const YEAR = 2031;
/** The spending row of an area without a programme in the year: nothing in it. */
const withoutProgramme = (area_code: string) => ({
  area_code,
  programme_adopted: false,
  budget_cents: 0,
  committed_cents: 0,
  honoured_count: 0,
  settled_amount_cents: 0,
  released_amount_cents: 0,
});
let r: RepoApp;
let programmes: ProgrammesRepository;
let transfers: TransfersRepository;
beforeAll(async () => {
  r = await createRepoApp();
  programmes = r.get(ProgrammesRepository);
  transfers = r.get(TransfersRepository);
});
afterAll(() => r.close());

const frame = (areaCode: string, over: Partial<ProgrammeValues> = {}): ProgrammeValues => ({
  year: YEAR,
  areaCode,
  budgetCents: 500_000,
  delegationLimitCents: 100_000,
  themes: ['groen', 'spelen'],
  councilDecision: councilDecision(),
  at: new Date(),
  ...over,
});

describe('AreasRepository', () => {
  it('lists the areas by code', async () => {
    const areas = await r.read((m) => r.get(AreasRepository).list(m));
    expect(areas.map((a) => a.code)).toEqual(['centrum', 'oost', 'oude-wijken', 'west', 'zuid']);
    expect(areas[0]).toEqual({
      code: 'centrum',
      name: 'Centrum',
      neighbourhoods: ['Binnenstad', 'Hortusbuurt-Ebbingekwartier', 'Oosterpoort'],
    });
  });
});

describe('ProgrammesRepository', () => {
  it('adopts a programme once: a second adoption of the same year and area inserts nothing', async () => {
    const first = await r.tx((m) => programmes.insertIfAbsent(m, frame('oost')));
    expect(first).toEqual({
      year: YEAR,
      area_code: 'oost',
      budget_cents: 500_000,
      committed_cents: 0,
      delegation_limit_cents: 100_000,
      themes: ['groen', 'spelen'],
      council_decision: councilDecision(),
    });
    expect(
      await r.tx((m) => programmes.insertIfAbsent(m, frame('oost', { budgetCents: 1 }))),
    ).toBeUndefined();
    expect(await r.tx((m) => programmes.findForUpdate(m, YEAR, 'oost'))).toEqual(first);
    expect(await r.tx((m) => programmes.findForUpdate(m, YEAR, 'west'))).toBeUndefined();
  });

  it('revises the frame and its council decision, and keeps what is committed', async () => {
    await r.rows(`UPDATE programmes SET committed_cents = 40000 WHERE year = $1 AND area_code = 'oost'`, [
      YEAR,
    ]);
    const meeting = { meetingOn: '2031-03-05', agendaItem: '4 Begrotingswijziging' };
    const revised = await r.tx((m) =>
      programmes.update(
        m,
        frame('oost', {
          budgetCents: 600_000,
          delegationLimitCents: 50_000,
          themes: ['groen'],
          councilDecision: meeting,
        }),
      ),
    );
    expect(revised).toMatchObject({
      budget_cents: 600_000,
      committed_cents: 40_000,
      delegation_limit_cents: 50_000,
      themes: ['groen'],
      council_decision: meeting,
    });
  });

  it('lists a year’s programmes by area and gives the frames of the areas asked for', async () => {
    await r.tx((m) => programmes.insertIfAbsent(m, frame('centrum')));
    await r.tx((m) => programmes.insertIfAbsent(m, frame('west', { year: YEAR + 1 })));
    expect((await r.read((m) => programmes.listByYear(m, YEAR))).map((p) => p.area_code)).toEqual([
      'centrum',
      'oost',
    ]);
    const frames = await r.read((m) => programmes.frames(m, YEAR, ['oost', 'west', 'zuid']));
    expect([...frames.entries()]).toEqual([
      ['oost', { themes: ['groen'], availableCents: 560_000, delegationLimitCents: 50_000 }],
    ]);
    expect(await r.read((m) => programmes.frames(m, YEAR, []))).toEqual(new Map());
  });

  it('moves budget between two programmes in one statement', async () => {
    await r.tx((m) =>
      programmes.moveBudget(m, {
        year: YEAR,
        fromAreaCode: 'centrum',
        toAreaCode: 'oost',
        amountCents: 70_000,
        at: new Date(),
      }),
    );
    const budgets = (await r.read((m) => programmes.listByYear(m, YEAR))).map((p) => [
      p.area_code,
      p.budget_cents,
    ]);
    expect(budgets).toEqual([
      ['centrum', 430_000],
      ['oost', 670_000],
    ]);
  });

  it('gives every area’s spending of a year, with the cases honoured against that year', async () => {
    const honoured = newCase({ areaCode: 'oost' });
    await r.tx((m) => r.get(CasesRepository).insert(m, honoured));
    await r.rows(
      `UPDATE cases SET state = 'honoured', honoured_amount_cents = 40000, programme_year = $2 WHERE id = $1`,
      [honoured.id, YEAR],
    );
    // Grants settled and revoked: what they were settled at and gave back counts for their year,
    // whatever state they are in; another year's grant counts for that year.
    const settled = newCase({ areaCode: 'oost' });
    const revoked = newCase({ areaCode: 'oost' });
    const lastYear = newCase({ areaCode: 'oost' });
    for (const c of [settled, revoked, lastYear]) await r.tx((m) => r.get(CasesRepository).insert(m, c));
    const money = `UPDATE cases SET state = $2, honoured_amount_cents = $3, settled_amount_cents = $4,
      released_amount_cents = $5, programme_year = $6 WHERE id = $1`;
    await r.rows(money, [settled.id, 'settled', 30_000, 25_000, 5_000, YEAR]);
    await r.rows(money, [revoked.id, 'revoked', 10_000, null, 10_000, YEAR]);
    await r.rows(money, [lastYear.id, 'settled', 70_000, 0, 70_000, YEAR - 1]);
    const spending = await r.read((m) => programmes.spending(m, YEAR, ['honoured', 'reported_to_raad']));
    expect(
      spending.map((s) => ({
        ...s,
        programme_adopted: Boolean(s.programme_adopted),
        honoured_count: Number(s.honoured_count),
        settled_amount_cents: Number(s.settled_amount_cents),
        released_amount_cents: Number(s.released_amount_cents),
      })),
    ).toEqual([
      {
        area_code: 'centrum',
        programme_adopted: true,
        budget_cents: 430_000,
        committed_cents: 0,
        honoured_count: 0,
        settled_amount_cents: 0,
        released_amount_cents: 0,
      },
      {
        area_code: 'oost',
        programme_adopted: true,
        budget_cents: 670_000,
        committed_cents: 40_000,
        honoured_count: 1,
        settled_amount_cents: 25_000,
        released_amount_cents: 15_000,
      },
      ...['oude-wijken', 'west', 'zuid'].map(withoutProgramme),
    ]);
    // Not in one of the states asked for: not counted.
    const [, oost] = await r.read((m) => programmes.spending(m, YEAR, ['reported_to_raad']));
    expect(Number(oost.honoured_count)).toBe(0);
    const [, before] = await r.read((m) => programmes.spending(m, YEAR - 1, ['honoured']));
    expect([before.settled_amount_cents, before.released_amount_cents].map(Number)).toEqual([0, 70_000]);
  });
});

describe('TransfersRepository', () => {
  const transfer = (fromAreaCode: string, at: Date) => ({
    id: randomUUID(),
    year: YEAR,
    fromAreaCode,
    toAreaCode: 'oost',
    amountCents: 1_000,
    reason: 'Meer aanvragen in oost',
    actorId: 'alderman-1',
    at,
  });

  it('records transfers and lists a year’s oldest first', async () => {
    const base = Date.now();
    const later = transfer('centrum', new Date(base + 1000));
    const earlier = transfer('west', new Date(base));
    const row = await r.tx((m) => transfers.insert(m, later));
    expect(row).toMatchObject({
      id: later.id,
      year: YEAR,
      from_area_code: 'centrum',
      to_area_code: 'oost',
      amount_cents: 1_000,
      reason: 'Meer aanvragen in oost',
      actor_id: 'alderman-1',
      report_id: null,
    });
    expect(new Date(row.created_at).getTime()).toBe(later.at.getTime());
    await r.tx((m) => transfers.insert(m, earlier));
    await r.tx((m) => transfers.insert(m, { ...transfer('west', new Date(base)), year: YEAR + 1 }));
    expect((await r.read((m) => transfers.listByYear(m, YEAR))).map((t) => t.id)).toEqual([
      earlier.id,
      later.id,
    ]);
  });

  it('claims the unreported transfers for a report once, oldest first', async () => {
    const reportId = randomUUID();
    const claimed = await r.tx((m) => transfers.claimUnreported(m, reportId));
    expect(claimed).toHaveLength(3);
    expect(claimed.every((t) => t.report_id === reportId)).toBe(true);
    const times = claimed.map((t) => new Date(t.created_at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await r.tx((m) => transfers.claimUnreported(m, randomUUID()))).toEqual([]);
  });
});
