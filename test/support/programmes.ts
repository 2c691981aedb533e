// Programmes (the council's frame for an area and year), for the tests of honours and budgets.
import type { Test } from 'supertest';
import { programmeYear } from '../../apps/api/src/cases/case-row.js';
import { Database } from '../../apps/api/src/database/database.service.js';
import { bearer } from './actors.js';
import { type CouncilDecision, councilDecision } from './council.js';
import type { TestApp } from './test-app.js';

export interface Frame {
  budgetCents: number;
  delegationLimitCents: number;
  themes: string[];
}

export interface ProgrammeView extends Frame {
  year: number;
  areaCode: string;
  committedCents: number;
  availableCents: number;
  councilDecision: CouncilDecision | null;
}

/** Adopts a programme straight in the database, for tests of other features than programmes. */
export async function seedProgramme(
  t: TestApp,
  areaCode: string,
  p: Frame,
  year = programmeYear(),
): Promise<void> {
  await t.app.get(Database).transaction((m) =>
    m.query(
      `INSERT INTO programmes (year, area_code, budget_cents, delegation_limit_cents, themes, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, now(), now())
       ON CONFLICT (year, area_code) DO UPDATE SET budget_cents = $3, delegation_limit_cents = $4, themes = $5::jsonb`,
      [year, areaCode, p.budgetCents, p.delegationLimitCents, JSON.stringify(p.themes)],
    ),
  );
}

/**
 * PUT /programmes/{year}/{areaCode} as `token` (the clerk registers the raad's adoption),
 * answered as it comes. A body without a `councilDecision` gets the meeting of
 * councilDecision(); tests that leave it out on purpose use t.http themselves.
 */
export function adopt(
  t: TestApp,
  token: string,
  areaCode: string,
  body: unknown,
  year: number | string = programmeYear(),
): Test {
  const sent =
    body !== null && typeof body === 'object' && !Array.isArray(body) && !('councilDecision' in body)
      ? { ...body, councilDecision: councilDecision() }
      : body;
  return t.http
    .put(`/api/v1/programmes/${year}/${areaCode}`)
    .set(bearer(token))
    .send(sent as object);
}

/** The programmes of a year, as GET /programmes/{year} lists them; 200 or it throws. */
export async function programmes(
  t: TestApp,
  token: string,
  year = programmeYear(),
): Promise<ProgrammeView[]> {
  return (await t.http.get(`/api/v1/programmes/${year}`).set(bearer(token)).expect(200)).body;
}

/** One area's programme of the year, or undefined when it has none. */
export async function programmeOf(
  t: TestApp,
  token: string,
  areaCode: string,
  year = programmeYear(),
): Promise<ProgrammeView | undefined> {
  return (await programmes(t, token, year)).find((p) => p.areaCode === areaCode);
}

/**
 * The money invariant, recomputed from the process log on its own: per area, what the
 * programme of `year` holds committed equals the sum over the cases granted against it of
 * what each still holds: the grant (HONOUR, COUNCIL_HONOUR; a grant commits the programme of
 * the year it is made in), then the settled amount after SETTLE, nothing after REVOKE or a
 * WITHDRAW of a grant or a REOPEN after a founded objection, the grant less what TERMINATE released. Checked against GET /programmes/{year}.
 */
export async function expectCommittedMatchesLog(
  t: TestApp,
  council: string,
  year = programmeYear(),
): Promise<void> {
  const grants = new Map<string, { areaCode: string; cents: number }>();
  let cursor: string | null = null;
  do {
    const res: {
      body: {
        items: {
          event: string;
          at: string;
          caseId: string;
          areaCode: string;
          payload: { amountCents?: number; settledCents?: number; releasedCents?: number };
        }[];
        nextCursor: string | null;
      };
    } = await t.http
      .get(`/api/v1/audit?limit=500${cursor ? `&cursor=${cursor}` : ''}`)
      .set(bearer(council))
      .expect(200);
    for (const e of res.body.items) {
      const grant = grants.get(e.caseId);
      if (e.event === 'HONOUR' || e.event === 'COUNCIL_HONOUR') {
        if (programmeYear(new Date(e.at)) === year) {
          grants.set(e.caseId, { areaCode: e.areaCode, cents: Number(e.payload.amountCents) });
        }
      } else if (grant && e.event === 'SETTLE') {
        grant.cents = Number(e.payload.settledCents);
      } else if (grant && (e.event === 'REVOKE' || e.event === 'WITHDRAW' || e.event === 'REOPEN')) {
        grant.cents = 0;
      } else if (grant && e.event === 'TERMINATE') {
        grant.cents -= Number(e.payload.releasedCents);
      }
    }
    cursor = res.body.nextCursor;
  } while (cursor);
  const fromLog = new Map<string, number>();
  for (const g of grants.values()) {
    expect(g.cents).toBeGreaterThanOrEqual(0);
    fromLog.set(g.areaCode, (fromLog.get(g.areaCode) ?? 0) + g.cents);
  }
  const listed = await programmes(t, council, year);
  const committed = new Map(listed.map((p) => [p.areaCode, p.committedCents]));
  for (const area of new Set([...fromLog.keys(), ...committed.keys()])) {
    expect({ area, committed: committed.get(area) ?? 0 }).toEqual({
      area,
      committed: fromLog.get(area) ?? 0,
    });
  }
  for (const p of listed) {
    expect(p.committedCents).toBeLessThanOrEqual(p.budgetCents);
    expect(p.committedCents).toBeGreaterThanOrEqual(0);
  }
}
