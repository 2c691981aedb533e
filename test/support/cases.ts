// Cases through the real HTTP API: the bodies a resident submits, the events that move a case
// on, and the walks to the states tests start from. Helpers named after an outcome (submit,
// sendEvent, assessed, decide) throw when the API refuses, with its answer in the message; the
// post* helpers return the request, for tests that look at the refusal itself.
import type { Test } from 'supertest';
import { Database } from '../../apps/api/src/database/database.service.js';
import { addDays, addMonths, amsterdamDate } from '../../libs/workflows/src/index.js';
import { bearer } from './actors.js';
import { councilDecision } from './council.js';
import type { TestApp } from './test-app.js';

export function initiative(overrides: Record<string, unknown> = {}) {
  return {
    type: 'initiative',
    title: 'Speeltuin Oosterpark',
    description: 'Een nieuwe speeltuin voor de buurt.',
    areaCode: 'oost',
    theme: 'speelruimte',
    requestedAmountCents: 250_000,
    contactEmail: 'anna@example.org',
    ...overrides,
  };
}

export function rightToChallenge(overrides: Record<string, unknown> = {}) {
  return {
    ...initiative({ title: 'Groenonderhoud Vinkhuizen', theme: 'groen', areaCode: 'west' }),
    type: 'right_to_challenge',
    challengedTask: 'Onderhoud van het openbaar groen in Vinkhuizen',
    organisation: 'Buurtcoöperatie Vinkhuizen',
    claim: 'cheaper',
    proposedCostCents: 800_000,
    currentCostCents: 1_000_000,
    ...overrides,
  };
}

/** A day `months` ahead in Amsterdam, YYYY-MM-DD: an initiative grant's account is due then. */
export function monthsAhead(months = 6): string {
  return addMonths(amsterdamDate(new Date().toISOString()), months);
}

/**
 * What a grant of this case type needs besides its amount and motivation: the day an
 * initiative accounts for it by, or the longest term of a Right to Challenge agreement.
 */
export function grantTerms(caseType = 'initiative'): Record<string, unknown> {
  return caseType === 'right_to_challenge' ? { agreementMonths: 12 } : { accountBy: monthsAhead(6) };
}

/**
 * A valid body for each client event: grants of `amountCents` (with what the case type needs:
 * grantTerms), the raad's meeting with its decisions (councilDecision), a positive advice, amounts up to the grant, an agreement of a year starting today,
 * texts in every field that wants one.
 */
export function eventBody(
  event: string,
  { caseType = 'initiative', amountCents = 100_000 }: { caseType?: string; amountCents?: number } = {},
): { type: string } & Record<string, unknown> {
  const today = amsterdamDate(new Date().toISOString());
  switch (event) {
    case 'REQUEST_INFO':
      return { type: event, question: 'Hoeveel bewoners doen mee?' };
    case 'SUPPLY_INFO':
      return { type: event, answer: 'Veertig.' };
    case 'ASSESS':
      return { type: event, advice: 'honour', motivation: 'Past in het programma.' };
    case 'HONOUR':
      return { type: event, amountCents, motivation: 'Akkoord.', ...grantTerms(caseType) };
    case 'COUNCIL_HONOUR':
      return {
        type: event,
        amountCents,
        motivation: 'Akkoord.',
        ...grantTerms(caseType),
        councilDecision: councilDecision(),
      };
    case 'COUNCIL_REJECT':
      return { type: event, motivation: 'Zo besloten.', councilDecision: councilDecision() };
    case 'WITHDRAW':
      return { type: event, reason: 'Zelf geregeld.' };
    case 'SUBMIT_ACCOUNT':
      return { type: event, report: 'Het buurtfeest is gehouden.', actualCostCents: amountCents };
    case 'REVIEW_ACCOUNT':
      return { type: event, advisedCents: amountCents, motivation: 'De kosten zijn aangetoond.' };
    case 'SETTLE':
      return { type: event, settledCents: amountCents, motivation: 'Vastgesteld zoals geadviseerd.' };
    case 'SIGN_AGREEMENT':
      return {
        type: event,
        startsOn: today,
        endsOn: addMonths(today, 12),
        deliverables: ['Maaien van de bermen, elke twee weken'],
        indicators: [{ name: 'gemaaide bermen', unit: 'meter', target: 1_000 }],
        fallback: 'De gemeente neemt het onderhoud weer over.',
      };
    case 'PROGRESS_REVIEW':
      return { type: event, findings: 'Loopt volgens plan.', onTrack: true };
    case 'EXTEND_AGREEMENT':
      return { type: event, newEndsOn: addMonths(today, 18), motivation: 'Het gaat goed.' };
    case 'EVALUATE':
      return { type: event, evaluation: 'De buurt is tevreden.' };
    case 'TERMINATE':
      return { type: event, reason: 'De vereniging stopt.', releasedCents: 0 };
    case 'NOTICE_OF_DEFAULT':
      return { type: event };
    case 'EXTEND_TERM':
      // 80 days from now: later than a fresh case's term (56 days, 70 and a bit while information
      // is asked for) and within the 56 days it may be extended by.
      return {
        type: event,
        reason: 'Wij wachten op het advies van de brandweer.',
        newDueAt: new Date(Date.now() + 80 * 86_400_000).toISOString(),
      };
    case 'HEAR':
      return { type: event, heardOn: today, minutes: 'De bezwaarmaker lichtte het bezwaar toe.' };
    case 'DECIDE_OBJECTION':
      return { type: event, outcome: 'unfounded', motivation: 'Het besluit blijft in stand.' };
    default:
      return { type: event, motivation: 'Zo besloten.' };
  }
}

/** What the API answers about one case (GET /cases/{id}, and after each event). */
export interface CaseView {
  id: string;
  reference: string;
  state: string;
  version: number;
  [field: string]: unknown;
}

/** POST /cases, answered as it comes. */
export function postCase(t: TestApp, token: string, body: unknown, idempotencyKey?: string): Test {
  const req = t.http.post('/api/v1/cases').set(bearer(token));
  if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
  return req.send(body as object);
}

/** POST /cases/{id}/events, answered as it comes. */
export function postEvent(t: TestApp, token: string, id: string, event: unknown, ifMatch?: string): Test {
  const req = t.http.post(`/api/v1/cases/${id}/events`).set(bearer(token));
  if (ifMatch) req.set('If-Match', ifMatch);
  return req.send(event as object);
}

/** Submits a case; 201 or it throws. */
export async function submit(t: TestApp, token: string, body: unknown): Promise<CaseView> {
  const res = await postCase(t, token, body);
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Sends one event; 200 or it throws. */
export async function sendEvent(
  t: TestApp,
  token: string,
  id: string,
  event: { type: string } & Record<string, unknown>,
): Promise<CaseView> {
  const res = await postEvent(t, token, id, event);
  if (res.status !== 200) throw new Error(`${event.type} failed: ${res.status} ${res.text}`);
  return res.body;
}

/** GET /cases/{id}; 200 or it throws. */
export async function getCase(t: TestApp, token: string, id: string): Promise<CaseView> {
  return (await t.http.get(`/api/v1/cases/${id}`).set(bearer(token)).expect(200)).body;
}

/** GET /cases/{id}/log; 200 or it throws. */
export async function caseLog(
  t: TestApp,
  token: string,
  id: string,
): Promise<({ event: string; fromState: string | null; toState: string } & Record<string, unknown>)[]> {
  return (await t.http.get(`/api/v1/cases/${id}/log`).set(bearer(token)).expect(200)).body;
}

/** Submitted by `resident` and assessed by `official` (advice honour unless told otherwise). */
export async function assessed(
  t: TestApp,
  people: { resident: string; official: string },
  body: unknown = initiative(),
  advice: 'honour' | 'reject' = 'honour',
): Promise<CaseView> {
  const c = await submit(t, people.resident, body);
  await sendEvent(t, people.official, c.id, { type: 'ASSESS', advice, motivation: 'Beoordeeld.' });
  return c;
}

/** Assesses and decides a case: honoured with `amountCents`, or rejected. */
export async function decide(
  t: TestApp,
  people: { official: string; alderman: string },
  id: string,
  outcome: 'honoured' | 'rejected',
  amountCents = 100_000,
  extra: Record<string, unknown> = {},
): Promise<CaseView> {
  await sendEvent(t, people.official, id, {
    type: 'ASSESS',
    advice: outcome === 'honoured' ? 'honour' : 'reject',
    motivation: 'Beoordeeld.',
  });
  const caseType = (await getCase(t, people.official, id)).type as string;
  return outcome === 'honoured'
    ? sendEvent(t, people.alderman, id, {
        type: 'HONOUR',
        amountCents,
        motivation: 'Past in het programma.',
        ...grantTerms(caseType),
        ...extra,
      })
    : sendEvent(t, people.alderman, id, { type: 'REJECT', motivation: 'Past niet in het programma.' });
}

/**
 * Events that a fresh case refuses until a term has passed (409 with this code): setting an
 * application aside waits for respondBy, notice of default for decisionDueAt.
 */
export const WAITS_FOR_A_TERM: Readonly<Record<string, string>> = Object.freeze({
  NOT_PROCESSED: 'RESPOND_BY_NOT_PASSED',
  NOTICE_OF_DEFAULT: 'TERM_NOT_EXPIRED',
});

/**
 * Rewrites facts of the stored case's machine context, as if time had passed, in one
 * transaction; a new decisionDueAt is written to the row's projection too, to keep it in step.
 */
export async function setFacts(t: TestApp, id: string, facts: Record<string, string | null>): Promise<void> {
  await t.app.get(Database).transaction(async (m) => {
    for (const [key, value] of Object.entries(facts)) {
      await m.query(`UPDATE cases SET snapshot = jsonb_set(snapshot, $2::text[], $3::jsonb) WHERE id = $1`, [
        id,
        `{context,${key}}`,
        JSON.stringify(value),
      ]);
    }
    if (facts.decisionDueAt) {
      await m.query(`UPDATE cases SET decision_due_at = $2 WHERE id = $1`, [id, facts.decisionDueAt]);
    }
  });
}

/**
 * Lets the term an event waits for pass, by rewriting the stored case's facts as if the days
 * had gone by: respondBy becomes yesterday, decisionDueAt a minute ago.
 */
export async function letTermPass(t: TestApp, id: string, event: string): Promise<void> {
  if (event === 'NOT_PROCESSED') {
    await setFacts(t, id, { respondBy: addDays(amsterdamDate(new Date().toISOString()), -1) });
  }
  if (event === 'NOTICE_OF_DEFAULT') {
    await setFacts(t, id, { decisionDueAt: new Date(Date.now() - 60_000).toISOString() });
  }
}

/** POST /cases/{id}/decisions/{number}/objections, answered as it comes. */
export function postObjection(
  t: TestApp,
  token: string,
  caseId: string,
  number: string,
  body: unknown,
): Test {
  return t.http
    .post(`/api/v1/cases/${caseId}/decisions/${number}/objections`)
    .set(bearer(token))
    .send(body as object);
}

/** The initiator objects to a decision of their case; 201 or it throws. */
export async function objectTo(
  t: TestApp,
  token: string,
  caseId: string,
  number: string,
  grounds = 'Het bedrag is te laag voor wat wij willen doen.',
): Promise<CaseView> {
  const res = await postObjection(t, token, caseId, number, { grounds });
  if (res.status !== 201) throw new Error(`objection failed: ${res.status} ${res.text}`);
  return res.body;
}

/** The decisions (besluiten) of a case, oldest first; 200 or it throws. */
export async function decisionsOf(
  t: TestApp,
  token: string,
  caseId: string,
): Promise<({ number: string; event: string; objectionDeadline?: string } & Record<string, unknown>)[]> {
  return (await t.http.get(`/api/v1/cases/${caseId}/decisions`).set(bearer(token)).expect(200)).body;
}

/**
 * Lets the term to object to a decision pass, as if weeks had gone by: its objectionDeadline
 * becomes yesterday. Decisions are immutable, so the test lifts the guard for this one change.
 */
export async function letObjectionTermPass(t: TestApp, number: string): Promise<string> {
  const yesterday = addDays(amsterdamDate(new Date().toISOString()), -1);
  await t.app.get(Database).transaction(async (m) => {
    await m.query(`ALTER TABLE decisions DISABLE TRIGGER decisions_no_update_delete`);
    await m.query(`UPDATE decisions SET objection_deadline = $2 WHERE number = $1`, [number, yesterday]);
    await m.query(`ALTER TABLE decisions ENABLE TRIGGER decisions_no_update_delete`);
  });
  return yesterday;
}

/** An objection of `resident` against the refusal of a fresh initiative in `area`; 201 or it throws. */
export async function objectionCase(
  t: TestApp,
  people: { resident: string; official: string; alderman: string },
  area = 'oost',
): Promise<CaseView> {
  const c = await submit(t, people.resident, initiative({ areaCode: area }));
  await decide(t, people, c.id, 'rejected');
  const [refusal] = await decisionsOf(t, people.resident, c.id);
  return objectTo(t, people.resident, c.id, refusal.number);
}
