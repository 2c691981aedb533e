// Shared by the budget, programme and transfer e2e specs (not a spec itself).
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { bearer } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';

/** Sum of amountCents over HONOUR and COUNCIL_HONOUR log entries per area, against GET /programmes. */
export async function expectCommittedMatchesLog(
  t: TestApp,
  council: string,
  year = programmeYear(),
): Promise<void> {
  const honoured = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const res: {
      body: {
        items: { event: string; areaCode: string; payload: { amountCents?: number } }[];
        nextCursor: string | null;
      };
    } = await t.http
      .get(`/api/v1/audit?limit=500${cursor ? `&cursor=${cursor}` : ''}`)
      .set(bearer(council))
      .expect(200);
    for (const e of res.body.items) {
      if (e.event === 'HONOUR' || e.event === 'COUNCIL_HONOUR') {
        honoured.set(e.areaCode, (honoured.get(e.areaCode) ?? 0) + Number(e.payload.amountCents));
      }
    }
    cursor = res.body.nextCursor;
  } while (cursor);
  const programmes = (await t.http.get(`/api/v1/programmes/${year}`).set(bearer(council)).expect(200))
    .body as {
    areaCode: string;
    committedCents: number;
    budgetCents: number;
  }[];
  const committed = new Map(programmes.map((p) => [p.areaCode, p.committedCents]));
  for (const area of new Set([...honoured.keys(), ...committed.keys()])) {
    expect({ area, committed: committed.get(area) ?? 0 }).toEqual({
      area,
      committed: honoured.get(area) ?? 0,
    });
  }
  for (const p of programmes) expect(p.committedCents).toBeLessThanOrEqual(p.budgetCents);
}
