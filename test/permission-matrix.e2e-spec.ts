import { programmeYear } from '../apps/api/src/cases/case-row.js';
import {
  applyEvent,
  type ActorRef,
  CLIENT_EVENT_TYPES,
  CASE_TYPES,
  type CaseEventInput,
  type CaseState,
  type CaseType,
  EVENT_PERMISSIONS,
  type EventType,
  type Frame,
  getCaseMachine,
  initialCase,
  type PersistedCase,
  type Role,
} from '../libs/workflows/src/index.js';
import { machineGraph } from '../libs/workflows/src/machine-graph.js';
import { bearer } from './support/actors.js';
import {
  eventBody as validEventBody,
  initiative,
  rightToChallenge,
  letTermPass,
  WAITS_FOR_A_TERM,
} from './support/cases.js';
import { councilDecision } from './support/council.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/**
 * The permission matrix, generated rather than written out: every client event as every
 * kind of actor (the initiator, another resident, officials and aldermen of the case's area
 * and of another area, a council member, the council's clerk, and an official-alderman who
 * assessed the case), in
 * every state the case can reach, for both case types. The expected status comes from the
 * data: the visibility rule of docs/api.md (404), the machine's transitions (409), and
 * EVENT_PERMISSIONS with its conflict-of-interest and four-eyes flags (403). The initiator
 * also appears holding each office role: nobody acts on their own case. Then every
 * documented endpoint as every role, from the role table of docs/api.md.
 */

const YEAR = programmeYear();
const AREA = 'oost';
const ELSEWHERE = 'centrum';
const DELEGATION_LIMIT = 500_000;
const SMALL = 100_000;
const LARGE = 600_000; // above the delegation limit: the council decides

interface MatrixActor extends ActorRef {
  key: string;
  name: string;
}
const ACTORS: MatrixActor[] = [
  { key: 'initiator', id: 'resident-1', roles: ['resident'], areas: [] },
  { key: 'other resident', id: 'resident-2', roles: ['resident'], areas: [] },
  { key: 'official of the area', id: 'official-1', roles: ['official'], areas: [AREA] },
  { key: 'official elsewhere', id: 'official-9', roles: ['official'], areas: [ELSEWHERE] },
  { key: 'alderman of the area', id: 'alderman-1', roles: ['alderman'], areas: [AREA] },
  { key: 'alderman elsewhere', id: 'alderman-9', roles: ['alderman'], areas: [ELSEWHERE] },
  { key: 'council', id: 'council-1', roles: ['council'], areas: [] },
  { key: 'clerk', id: 'clerk-1', roles: ['clerk'], areas: [] },
  // Sets up every case's ASSESS, so the four-eyes rule applies to this one.
  {
    key: 'assessor (official and alderman)',
    id: 'official-alderman-1',
    roles: ['official', 'alderman'],
    areas: [AREA],
  },
  // The initiator, who also works for the municipality: may only act as the initiator.
  {
    key: 'initiator, also official of the area',
    id: 'resident-1',
    roles: ['resident', 'official'],
    areas: [AREA],
  },
  {
    key: 'initiator, also alderman of the area',
    id: 'resident-1',
    roles: ['resident', 'alderman'],
    areas: [AREA],
  },
  { key: 'initiator, also on the council', id: 'resident-1', roles: ['resident', 'council'], areas: [] },
  { key: 'initiator, also clerk', id: 'resident-1', roles: ['resident', 'clerk'], areas: [] },
].map((a) => ({ ...a, roles: a.roles as Role[], name: a.id }));
const actorNamed = (key: string) => ACTORS.find((a) => a.key === key)!;
const ASSESSOR = actorNamed('assessor (official and alderman)');
/** Who moves a case along while setting it up, per role an event needs. */
const SETUP_ACTOR: Record<Role, MatrixActor> = {
  resident: actorNamed('initiator'),
  official: ASSESSOR,
  alderman: actorNamed('alderman of the area'),
  council: actorNamed('council'),
  clerk: actorNamed('clerk'),
};

/**
 * The contract: residents see their own cases, officials and aldermen their areas', the
 * council and its clerk all.
 */
function canSee(actor: MatrixActor, initiatorId: string): boolean {
  if (actor.roles.includes('council') || actor.roles.includes('clerk')) return true;
  if ((actor.roles.includes('official') || actor.roles.includes('alderman')) && actor.areas.includes(AREA))
    return true;
  return actor.roles.includes('resident') && actor.id === initiatorId;
}

function handles(type: CaseType, state: CaseState, event: EventType): boolean {
  return machineGraph(getCaseMachine(type)).transitions.some((t) => t.source === state && t.event === event);
}

/** Where the machine takes a case of `type` in `state` on `event` (a self-transition stays). */
function targetOf(type: CaseType, state: CaseState, event: EventType): string | undefined {
  return machineGraph(getCaseMachine(type)).transitions.find((t) => t.source === state && t.event === event)
    ?.target;
}

/**
 * The contract: an initiator who also holds an office role, one that sends the municipality's
 * events (EVENT_PERMISSIONS' notByInitiator: official, alderman, clerk), has a conflict of
 * interest. A council member decides nothing, so holds none.
 */
const OFFICE_ROLES = new Set(
  Object.values(EVENT_PERMISSIONS)
    .filter((p) => p.notByInitiator)
    .flatMap((p) => p.roles),
);
function initiatorInOffice(actor: MatrixActor): boolean {
  return actor.id === 'resident-1' && actor.roles.some((r) => OFFICE_ROLES.has(r));
}

/** Who prepared the decisions on a case, as the four-eyes rule knows them (EventPermission.fourEyes). */
interface Prepared {
  assessedBy: string | null;
  reviewedBy: string | null;
  /** Who heard the objector: they may not decide on the objection. */
  heardBy: string | null;
}

interface Expected {
  status: number;
  /** The refusal's `code` in the problem document. */
  code?: string;
}

function expectedOutcome(
  actor: MatrixActor,
  type: CaseType,
  state: CaseState,
  event: EventType,
  prepared: Prepared,
): Expected {
  if (!canSee(actor, 'resident-1')) return { status: 404 };
  if (!handles(type, state, event)) return { status: 409, code: 'STATE' }; // the state refuses first, whoever asks
  const perm = EVENT_PERMISSIONS[event];
  if (perm.notByInitiator && initiatorInOffice(actor)) return { status: 403, code: 'CONFLICT_OF_INTEREST' };
  const inScope =
    perm.scope === 'all' ||
    (perm.scope === 'area' && actor.areas.includes(AREA)) ||
    (perm.scope === 'initiator' && actor.id === 'resident-1');
  if (!perm.roles.some((role) => actor.roles.includes(role)) || !inScope)
    return { status: 403, code: 'ROLE' };
  // Four eyes: whoever assessed the case does not decide it; whoever reviewed the account does not settle it.
  if (perm.fourEyes !== null && prepared[perm.fourEyes] === actor.id)
    return { status: 403, code: 'FOUR_EYES' };
  // A fresh case has no term passed yet: setting aside and notice of default wait for one.
  if (event in WAITS_FOR_A_TERM) return { status: 409, code: WAITS_FOR_A_TERM[event] };
  return { status: 200 };
}

const expectedStatus = (...args: Parameters<typeof expectedOutcome>): number =>
  expectedOutcome(...args).status;

/** A valid body of `event` for a case of `type` granted `amount` (test/support's eventBody). */
function eventBody(type: CaseType, event: EventType, amount: number): CaseEventInput {
  return validEventBody(event, { caseType: type, amountCents: amount }) as CaseEventInput;
}

const FRAME: Frame = {
  themes: ['speelruimte', 'groen'],
  availableCents: 100_000_000,
  delegationLimitCents: DELEGATION_LIMIT,
};

/**
 * The shortest sequence of client events from submission to each state, found by running
 * the machine itself (applyEvent is pure) with the setup actors.
 */
function pathsTo(type: CaseType, amount: number): Map<CaseState, EventType[]> {
  const theme = type === 'initiative' ? 'speelruimte' : 'groen';
  const start = initialCase({
    type,
    areaCode: AREA,
    theme,
    initiatorId: 'resident-1',
    requestedAmountCents: type === 'objection' ? 0 : amount,
    submittedAt: new Date().toISOString(),
    // An objection is made against a besluit of an application (see caseIn).
    ...(type === 'objection'
      ? { objectionTo: { decisionNumber: 'BES-1', caseId: 'case-1', objectionDeadline: '2999-12-31' } }
      : {}),
  });
  const paths = new Map<CaseState, EventType[]>([[start.value, []]]);
  const queue: PersistedCase[] = [start];
  while (queue.length > 0) {
    const snapshot = queue.shift()!;
    for (const event of CLIENT_EVENT_TYPES) {
      const actor = SETUP_ACTOR[EVENT_PERMISSIONS[event].roles[0]];
      // An event that waits for a term is tried a year on, when the term has passed
      // (caseIn lets it pass on the stored case the same way).
      const at = event in WAITS_FOR_A_TERM ? new Date(Date.now() + 365 * 86_400_000) : new Date();
      const outcome = applyEvent(snapshot, eventBody(type, event, amount), actor, FRAME, at.toISOString());
      if (!outcome.accepted || paths.has(outcome.toState)) continue;
      paths.set(outcome.toState, [...paths.get(snapshot.value)!, event]);
      queue.push(outcome.snapshot);
    }
  }
  return paths;
}

describe('permission matrix: every event as every actor, in every reachable state', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestApp();
    for (const a of ACTORS) tokens.set(a.key, await t.token(a.id, a.roles, a.areas));
    await t.http
      .put(`/api/v1/programmes/${YEAR}/${AREA}`)
      .set(bearer(tokens.get('clerk')!))
      .send({
        budgetCents: 100_000_000,
        delegationLimitCents: DELEGATION_LIMIT,
        themes: ['speelruimte', 'groen'],
        councilDecision: councilDecision(),
      })
      .expect(200);
  });
  afterAll(() => t.close());

  const send = (actor: MatrixActor, id: string, body: CaseEventInput) =>
    t.http
      .post(`/api/v1/cases/${id}/events`)
      .set(bearer(tokens.get(actor.key)!))
      .send(body);

  /** A fresh objection of the initiator against the refusal of a fresh initiative (POST .../objections). */
  async function objection(): Promise<{ body: { id: string } }> {
    const refused = await caseIn('initiative', SMALL, 'rejected');
    const [refusal] = (
      await t.http
        .get(`/api/v1/cases/${refused.id}/decisions`)
        .set(bearer(tokens.get('initiator')!))
        .expect(200)
    ).body;
    return t.http
      .post(`/api/v1/cases/${refused.id}/decisions/${refusal.number}/objections`)
      .set(bearer(tokens.get('initiator')!))
      .send({ grounds: 'Het plan past wel in het programma.' })
      .expect(201);
  }

  /** A fresh case of this type and amount, driven to `state` through the API. */
  async function caseIn(
    type: CaseType,
    amount: number,
    state: CaseState,
  ): Promise<{ id: string } & Prepared> {
    const body =
      type === 'initiative'
        ? initiative({ requestedAmountCents: amount })
        : rightToChallenge({ areaCode: AREA, requestedAmountCents: amount });
    const created =
      type === 'objection'
        ? await objection()
        : await t.http
            .post('/api/v1/cases')
            .set(bearer(tokens.get('initiator')!))
            .send(body)
            .expect(201);
    const path = pathsTo(type, amount).get(state);
    if (!path) throw new Error(`${state} is not reachable for ${type} with ${amount}`);
    const prepared: Prepared = { assessedBy: null, reviewedBy: null, heardBy: null };
    for (const event of path) {
      const actor = SETUP_ACTOR[EVENT_PERMISSIONS[event].roles[0]];
      if (event in WAITS_FOR_A_TERM) await letTermPass(t, created.body.id, event);
      const res = await send(actor, created.body.id, eventBody(type, event, amount));
      if (res.status !== 200)
        throw new Error(`setup ${event} on the way to ${state}: ${res.status} ${res.text}`);
      if (event === 'ASSESS') prepared.assessedBy = actor.id;
      if (event === 'REVIEW_ACCOUNT') prepared.reviewedBy = actor.id;
      if (event === 'HEAR') prepared.heardBy = actor.id;
    }
    return { id: created.body.id, ...prepared };
  }

  /** Sends the event and checks the status (and, on a refusal, that nothing changed). */
  async function probe(
    actor: MatrixActor,
    type: CaseType,
    state: CaseState,
    event: EventType,
    c: { id: string } & Prepared,
    amount: number,
  ) {
    const expected = expectedOutcome(actor, type, state, event, c);
    const res = await send(actor, c.id, eventBody(type, event, amount));
    const cell = `${type} ${state} ${event} as ${actor.key}`;
    expect({ cell, status: res.status, code: res.body.code }).toEqual({ cell, ...expected });
    if (expected.status !== 200) expectProblem(res, expected.status);
    else expect(res.body.state).toBe(targetOf(type, state, event));
    return expected.status;
  }

  for (const type of CASE_TYPES) {
    it(`${type}: every client event as every actor in every reachable state`, async () => {
      const small = pathsTo(type, SMALL);
      const large = pathsTo(type, LARGE);
      const states = [...new Set([...small.keys(), ...large.keys()])];
      // Every state of the machine is reachable by client events, except the one only a report reaches.
      expect(states.sort()).toEqual(
        machineGraph(getCaseMachine(type))
          .states.filter((s) => s !== 'reported_to_raad')
          .sort(),
      );
      let cells = 0;
      for (const state of states) {
        // Refer to the council only above the delegation limit; honour below it.
        const amountFor = (event: EventType | null) =>
          (event === 'REFER_TO_COUNCIL' || !small.has(state)) && large.has(state) ? LARGE : SMALL;
        // Events this state does not handle: one case takes all of them; nothing changes.
        const still = await caseIn(type, amountFor(null), state);
        for (const event of CLIENT_EVENT_TYPES.filter((e) => !handles(type, state, e))) {
          for (const actor of ACTORS) {
            expect(await probe(actor, type, state, event, still, amountFor(null))).not.toBe(200);
            cells++;
          }
        }
        // Events it handles: refusals first on one case, then each actor who may, on a fresh one.
        for (const event of CLIENT_EVENT_TYPES.filter((e) => handles(type, state, e))) {
          const amount = amountFor(event);
          const shared = await caseIn(type, amount, state);
          const allowed = ACTORS.filter((a) => expectedStatus(a, type, state, event, shared) === 200);
          const waiting = ACTORS.filter(
            (a) => event in WAITS_FOR_A_TERM && expectedOutcome(a, type, state, event, shared).status === 409,
          );
          expect({ state, event, mayWithTime: allowed.length + waiting.length }).not.toEqual({
            state,
            event,
            mayWithTime: 0,
          });
          // Who is refused only for want of a passed term is accepted once it has passed.
          for (const actor of waiting) {
            const fresh = await caseIn(type, amount, state);
            await letTermPass(t, fresh.id, event);
            const res = await send(actor, fresh.id, eventBody(type, event, amount));
            expect({
              cell: `${type} ${state} ${event} as ${actor.key} after the term`,
              status: res.status,
            }).toEqual({
              cell: `${type} ${state} ${event} as ${actor.key} after the term`,
              status: 200,
            });
          }
          for (const actor of ACTORS.filter((a) => !allowed.includes(a))) {
            await probe(actor, type, state, event, shared, amount);
            cells++;
          }
          for (const [i, actor] of allowed.entries()) {
            await probe(
              actor,
              type,
              state,
              event,
              i === 0 ? shared : await caseIn(type, amount, state),
              amount,
            );
            cells++;
          }
        }
      }
      expect(cells).toBe(states.length * CLIENT_EVENT_TYPES.length * ACTORS.length);
    }, 600_000);
  }

  it('reported_to_raad: every client event as every actor is refused (409, or 404 when invisible)', async () => {
    // A closed case: the report files it.
    const c = await caseIn('initiative', SMALL, 'rejected');
    await t.http
      .post('/api/v1/reports')
      .set(bearer(tokens.get('alderman of the area')!))
      .expect(201);
    const now = await t.http
      .get(`/api/v1/cases/${c.id}`)
      .set(bearer(tokens.get('council')!))
      .expect(200);
    expect(now.body.state).toBe('reported_to_raad');
    for (const event of CLIENT_EVENT_TYPES) {
      for (const actor of ACTORS) await probe(actor, 'initiative', 'reported_to_raad', event, c, SMALL);
    }
  });

  it('an initiator who works for the municipality is offered only their own events, and told why', async () => {
    const c = await caseIn('initiative', SMALL, 'assessed');
    const inOffice = ACTORS.filter(initiatorInOffice);
    expect(inOffice.map((a) => a.key)).toEqual([
      'initiator, also official of the area',
      'initiator, also alderman of the area',
      'initiator, also clerk',
    ]);
    // On the council without an office role: no conflict, and no municipal event to send either.
    const alsoCouncil = actorNamed('initiator, also on the council');
    for (const actor of [...inOffice, alsoCouncil]) {
      const res = await t.http
        .get(`/api/v1/cases/${c.id}`)
        .set(bearer(tokens.get(actor.key)!))
        .expect(200);
      expect({ actor: actor.key, offered: res.body.availableEvents }).toEqual({
        actor: actor.key,
        offered: ['WITHDRAW'],
      });
    }
    const alderman = ACTORS.find((a) => a.key === 'initiator, also alderman of the area')!;
    const before = await t.http
      .get(`/api/v1/cases/${c.id}`)
      .set(bearer(tokens.get('council')!))
      .expect(200);
    const refused = await send(alderman, c.id, eventBody('initiative', 'HONOUR', SMALL));
    expect(expectProblem(refused, 403)).toMatchObject({
      type: 'https://wijkflow.nl/problems/conflict-of-interest',
      code: 'CONFLICT_OF_INTEREST',
      event: 'HONOUR',
      fromState: 'assessed',
    });
    const after = await t.http
      .get(`/api/v1/cases/${c.id}`)
      .set(bearer(tokens.get('council')!))
      .expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('reading a case, its log and its decisions follows the same visibility: 200 or 404, never 403', async () => {
    const c = await caseIn('initiative', SMALL, 'rejected');
    const [decision] = (
      await t.http
        .get(`/api/v1/cases/${c.id}/decisions`)
        .set(bearer(tokens.get('initiator')!))
        .expect(200)
    ).body;
    for (const actor of ACTORS) {
      for (const path of [
        `/api/v1/cases/${c.id}`,
        `/api/v1/cases/${c.id}/log`,
        `/api/v1/cases/${c.id}/decisions`,
        `/api/v1/cases/${c.id}/decisions/${decision.number}`,
      ]) {
        const res = await t.http.get(path).set(bearer(tokens.get(actor.key)!));
        expect({ path, actor: actor.key, status: res.status }).toEqual({
          path,
          actor: actor.key,
          status: canSee(actor, 'resident-1') ? 200 : 404,
        });
      }
    }
  });
});

/**
 * Every documented operation as every role, from the role table of docs/api.md. An operation
 * that is not in the table fails the test: a new endpoint must say who may use it.
 */
type Access = 'public' | 'authenticated' | Role[] | 'visibility';
const ROLE_TABLE: Record<string, Access> = {
  issueDevToken: 'public',
  listAreas: 'public',
  listCaseTypes: 'public',
  listWorkflows: 'public',
  // The web front end reads how to sign in before anyone has.
  getAuthConfig: 'public',
  getWorkflowDiagram: 'public',
  getOpenSpending: 'public',
  getLogCheckpoint: 'public',
  listLogCheckpoints: 'public',
  getLogCheckpointKey: 'public',
  getCurrentActor: 'authenticated',
  listCases: 'authenticated',
  listProgrammes: 'authenticated',
  submitCase: ['resident'],
  getCase: 'visibility',
  getCaseLog: 'visibility',
  listCaseDecisions: 'visibility',
  getCaseDecision: 'visibility',
  // The initiator only (test/objections: 404 for whoever may not see the case, 403 for the others).
  objectToDecision: 'visibility',
  sendCaseEvent: 'visibility', // the matrix above
  listAuditTrail: ['council'],
  verifyAuditTrail: ['council'],
  verifyAuditTrailAgainstCheckpoints: ['council'],
  adoptProgramme: ['clerk'],
  setCaseTypeTerms: ['clerk'],
  transferBudget: ['alderman'],
  listBudgetTransfers: ['alderman', 'council'],
  issueReport: ['alderman'],
  listReports: ['alderman', 'council'],
  getReport: ['alderman', 'council'],
};

describe('endpoint × role matrix of docs/api.md', () => {
  let t: TestApp;
  const ROLE_ACTORS: Record<Role, MatrixActor> = {
    resident: actorNamed('initiator'),
    official: actorNamed('official of the area'),
    alderman: actorNamed('alderman of the area'),
    council: actorNamed('council'),
    clerk: actorNamed('clerk'),
  };
  const tokens = new Map<Role, string>();
  let caseId: string;
  let reportId: string;
  let operations: { method: string; path: string; operationId: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    for (const [role, a] of Object.entries(ROLE_ACTORS))
      tokens.set(role as Role, await t.token(a.id, a.roles, a.areas));
    for (const area of [AREA, 'west']) {
      await t.http
        .put(`/api/v1/programmes/${YEAR}/${area}`)
        .set(bearer(tokens.get('clerk')!))
        .send({
          budgetCents: 10_000_000,
          delegationLimitCents: 500_000,
          themes: ['speelruimte'],
          councilDecision: councilDecision(),
        })
        .expect(200);
    }
    caseId = (
      await t.http
        .post('/api/v1/cases')
        .set(bearer(tokens.get('resident')!))
        .send(initiative())
        .expect(201)
    ).body.id;
    reportId = (
      await t.http
        .post('/api/v1/reports')
        .set(bearer(tokens.get('alderman')!))
        .expect(201)
    ).body.id;
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body as {
      servers?: { url: string }[];
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([method, op]) => ({
          method,
          path: (doc.servers?.[0]?.url ?? '') + path,
          operationId: op.operationId,
        })),
    );
  });
  afterAll(() => t.close());

  /** A request each operation accepts from a caller who may use it. */
  function validRequest(op: { method: string; path: string; operationId: string }, role: Role | null) {
    const path = op.path
      .replace('{year}', String(YEAR))
      .replace('{areaCode}', 'zuid')
      .replace('{type}', 'initiative')
      .replace('{id}', op.operationId === 'getReport' ? reportId : caseId);
    const bodies: Record<string, unknown> = {
      issueDevToken: { sub: 'someone', name: 'Iemand', roles: ['resident'] },
      submitCase: initiative(),
      adoptProgramme: {
        budgetCents: 1_000_000,
        delegationLimitCents: 100_000,
        themes: ['groen'],
        councilDecision: councilDecision(),
      },
      // The law's terms: the cases of the other tests keep theirs anyway.
      setCaseTypeTerms: {
        decisionTermDays: 56,
        maxExtensionDays: 56,
        defaultRespondByDays: 14,
        objectionTermDays: 42,
        councilDecision: councilDecision(),
      },
      transferBudget: { fromAreaCode: AREA, toAreaCode: 'west', amountCents: 100, reason: 'Herverdeling' },
      sendCaseEvent: { type: 'WITHDRAW' },
    };
    let req = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[op.method](
      op.path.includes('/open/spending') ? `${path}?year=${YEAR}` : path,
    );
    if (role) req = req.set(bearer(tokens.get(role)!));
    return bodies[op.operationId] !== undefined ? req.send(bodies[op.operationId] as object) : req;
  }

  it('knows who may use every operation in the OpenAPI document', () => {
    const missing = operations.filter((o) => !(o.operationId in ROLE_TABLE)).map((o) => o.operationId);
    expect({ missingFromRoleTable: missing }).toEqual({ missingFromRoleTable: [] });
    const stale = Object.keys(ROLE_TABLE).filter((id) => !operations.some((o) => o.operationId === id));
    expect({ notInTheDocument: stale }).toEqual({ notInTheDocument: [] });
  });

  it('answers every operation as every role (and without a token) as the role table says', async () => {
    for (const op of operations.filter((o) => ROLE_TABLE[o.operationId] !== 'visibility')) {
      const access = ROLE_TABLE[op.operationId];
      for (const role of [null, ...(Object.keys(ROLE_ACTORS) as Role[])]) {
        const res = await validRequest(op, role);
        const may =
          access === 'public' ||
          (role !== null && (access === 'authenticated' || (Array.isArray(access) && access.includes(role))));
        const cell = `${op.method.toUpperCase()} ${op.path} as ${role ?? 'anonymous'}`;
        if (may) {
          expect({ cell, status: res.status, ok: res.status >= 200 && res.status < 300 }).toMatchObject({
            cell,
            ok: true,
          });
        } else {
          expect({ cell, status: res.status }).toEqual({ cell, status: role === null ? 401 : 403 });
          expectProblem(res, role === null ? 401 : 403);
        }
      }
    }
  });

  it('limits an alderman to transfers from their own area (403 elsewhere)', async () => {
    const elsewhere = await t.token('alderman-9', ['alderman'], [ELSEWHERE]);
    const res = await t.http
      .post(`/api/v1/programmes/${YEAR}/transfers`)
      .set(bearer(elsewhere))
      .send({ fromAreaCode: AREA, toAreaCode: 'west', amountCents: 100, reason: 'Herverdeling' });
    expectProblem(res, 403);
  });
});
