/**
 * Walks every transition of every machine through HTTP (an objection made against a refusal). The list of transitions comes from
 * the machines themselves (xstate/graph), so a transition added to a machine is tested here
 * without anyone writing a new case.
 */
import {
  CASE_TYPES,
  type CaseType,
  EVENT_PERMISSIONS,
  type EventType,
  getCaseMachine,
  type Role,
} from '../libs/workflows/src/index.js';
import { machineGraph, type GraphTransition } from '../libs/workflows/src/machine-graph.js';
import { bearer, type Cast, cast } from './support/actors.js';
import {
  eventBody,
  initiative,
  letTermPass,
  objectionCase,
  rightToChallenge,
  WAITS_FOR_A_TERM,
} from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Who sends `event` on a case of `area` (by the role EVENT_PERMISSIONS gives it) and a valid body. */
function eventRequest(
  a: Cast,
  event: string,
  area: 'oost' | 'west',
  type: CaseType,
): { token: string; body: Record<string, unknown> } {
  const role = EVENT_PERMISSIONS[event as EventType].roles[0];
  const tokens: Record<Role, string> = {
    resident: a.resident,
    official: area === 'oost' ? a.official : a.officialElsewhere,
    alderman: area === 'oost' ? a.alderman : a.aldermanElsewhere,
    council: a.council,
    clerk: a.clerk,
  };
  return { token: tokens[role], body: eventBody(event, { caseType: type }) };
}

/** Shortest event path from the initial state to `state` (BFS over the machine's own graph). */
function pathTo(transitions: GraphTransition[], initial: string, state: string): GraphTransition[] {
  const queue: { at: string; path: GraphTransition[] }[] = [{ at: initial, path: [] }];
  const seen = new Set([initial]);
  while (queue.length) {
    const { at, path } = queue.shift()!;
    if (at === state) return path;
    for (const t of transitions.filter((x) => x.source === at)) {
      if (!seen.has(t.target)) {
        seen.add(t.target);
        queue.push({ at: t.target, path: [...path, t] });
      }
    }
  }
  throw new Error(`no path to ${state}`);
}

describe.each(CASE_TYPES)('every transition of %s through HTTP', (type) => {
  let t: TestApp;
  let a: Cast;
  const graph = machineGraph(getCaseMachine(type));
  // REPORT and REOPEN are the system's (test/reports, test/objections).
  const clientTransitions = graph.transitions.filter(
    (x) => !EVENT_PERMISSIONS[x.event as EventType].internal,
  );

  beforeAll(async () => {
    t = await createTestApp();
    // "elsewhere" actors work for west: there the delegation limit is low, so referral to the council applies.
    a = await cast(t, 'oost', 'west');
    const themes = ['speelruimte', 'groen'];
    await seedProgramme(t, 'oost', { budgetCents: 100_000_000, delegationLimitCents: 10_000_000, themes });
    await seedProgramme(t, 'west', { budgetCents: 100_000_000, delegationLimitCents: 1_000, themes });
  });
  afterAll(() => t.close());

  it('knows at least the transitions docs/api.md lists', () => {
    expect(clientTransitions.length).toBeGreaterThanOrEqual(type === 'objection' ? 4 : 11);
  });

  it.each(clientTransitions.map((x) => [`${x.source} --${x.event}--> ${x.target}`, x] as const))(
    '%s',
    async (_name, edge) => {
      const path = [...pathTo(clientTransitions, graph.initial, edge.source), edge];
      const area = path.some((x) => x.event === 'REFER_TO_COUNCIL') ? 'west' : 'oost';
      const body =
        type === 'initiative' ? initiative({ areaCode: area }) : rightToChallenge({ areaCode: area });
      const created =
        type === 'objection'
          ? { body: await objectionCase(t, a) }
          : await t.http.post('/api/v1/cases').set(bearer(a.resident)).send(body).expect(201);
      let version = 1;
      for (const step of path) {
        const { token, body: eventBody } = eventRequest(a, step.event, area, type);
        if (step.event in WAITS_FOR_A_TERM) await letTermPass(t, created.body.id, step.event);
        const res = await t.http
          .post(`/api/v1/cases/${created.body.id}/events`)
          .set(bearer(token))
          .send(eventBody);
        expect({ step: step.event, status: res.status, body: res.body }).toMatchObject({ status: 200 });
        version += 1;
        expect(res.body).toMatchObject({ state: step.target, version });
      }
      const log = await t.http.get(`/api/v1/cases/${created.body.id}/log`).set(bearer(a.council)).expect(200);
      expect(
        log.body
          .slice(1)
          .map((e: { event: string; fromState: string; toState: string }) => [
            e.event,
            e.fromState,
            e.toState,
          ]),
      ).toEqual(path.map((x) => [x.event, x.source, x.target]));
    },
  );
});
