// Helpers for the accountability tests (reports, audit, privacy): walk cases to a decision
// through the real HTTP API, and read CSV back (with the strict reader of ./csv.ts).
import { parseCsv } from './csv.js';
import { bearer } from './fixtures.js';
import type { TestApp } from './test-app.js';

export interface AreaTeam {
  official: string;
  alderman: string;
}

/** An official and an alderman of one area, with names (officials act in a public capacity). */
export async function team(t: TestApp, area: string): Promise<AreaTeam> {
  return {
    official: await t.token(`official-${area}`, ['official'], [area], `Ambtenaar ${area}`),
    alderman: await t.token(`alderman-${area}`, ['alderman'], [area], `Wethouder ${area}`),
  };
}

export async function submit(
  t: TestApp,
  resident: string,
  body: Record<string, unknown>,
): Promise<{ id: string; reference: string }> {
  const res = await t.http.post('/api/v1/cases').set(bearer(resident)).send(body);
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function sendEvent(
  t: TestApp,
  token: string,
  id: string,
  event: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const res = await t.http.post(`/api/v1/cases/${id}/events`).set(bearer(token)).send(event);
  if (res.status !== 200) throw new Error(`${String(event.type)} failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Assesses and decides a case: honoured with `amountCents`, or rejected. */
export async function decide(
  t: TestApp,
  tm: AreaTeam,
  id: string,
  outcome: 'honoured' | 'rejected',
  amountCents = 100_000,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await sendEvent(t, tm.official, id, {
    type: 'ASSESS',
    advice: outcome === 'honoured' ? 'honour' : 'reject',
    motivation: 'Beoordeeld.',
  });
  if (outcome === 'honoured') {
    await sendEvent(t, tm.alderman, id, {
      type: 'HONOUR',
      amountCents,
      motivation: 'Past in het programma.',
      ...extra,
    });
  } else {
    await sendEvent(t, tm.alderman, id, { type: 'REJECT', motivation: 'Past niet in het programma.' });
  }
}

/** CSV records as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`record has ${r.length} fields, header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}
