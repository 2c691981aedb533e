// Helpers for the accountability tests (reports, audit, privacy): walk cases to a decision
// through the real HTTP API, and read CSV back.
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

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records. Throws on malformed input. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r')
          throw new Error(`text after closing quote at ${i}`);
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break at ${i}: records must end in CRLF`);
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last record does not end in CRLF');
  return records;
}

/** CSV records as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`record has ${r.length} fields, header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}
