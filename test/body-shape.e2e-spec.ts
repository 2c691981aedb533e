import { performance } from 'node:perf_hooks';
import type { Response, Test } from 'supertest';
import { BODY_SHAPE_LIMITS, jsonShapeProblem } from '../apps/api/src/common/body-shape.js';
import { bearer, cast } from './support/actors.js';
import { initiative } from './support/cases.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/**
 * Every JSON body is bounded in shape (depth, keys per object, items per array, values in
 * all) before anything transforms it, so no body under the 1 MB size limit costs much more
 * than a normal request: class-transformer compares every key of an object with every other,
 * and 85,000 keys on the public POST /auth/dev-token took over 5 seconds, all other requests
 * waiting. The timings are ratios to a normal request to the same endpoint, measured in the
 * same run, medians of interleaved repetitions.
 */

const L = BODY_SHAPE_LIMITS;
/** Generous: the old code was hundreds of times slower on the bodies near 1 MB. */
const MAX_RATIO = 20;
const REPETITIONS = 5;
/** Under body-parser's 1 MB limit, so the body is parsed and reaches the shape check. */
const NEAR_1MB = 1_000_000;

const fields = (n: number, value: (i: number) => unknown = () => 0, prefix = 'k') =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, value(i)]));
const nested = (levels: number): unknown => (levels === 0 ? 0 : { a: nested(levels - 1) });
/** Values in `v`, itself included. */
const valuesIn = (v: unknown): number =>
  1 +
  (v !== null && typeof v === 'object' ? Object.values(v).reduce<number>((n, c) => n + valuesIn(c), 0) : 0);

// In Dutch, the default language of problems (docs/api.md).
const REASONS = {
  keys: `bevat een object met meer dan ${L.keysPerObject} velden`,
  items: `bevat een lijst van meer dan ${L.arrayItems} elementen`,
  values: `bevat meer dan ${L.nodes} waarden`,
  depth: `is meer dan ${L.depth} niveaus diep genest`,
};

/** The limit in BodyShapeLimits that each reason names (what jsonShapeProblem returns). */
const LIMIT_OF: Record<string, string> = {
  [REASONS.keys]: 'keysPerObject',
  [REASONS.items]: 'arrayItems',
  [REASONS.values]: 'nodes',
  [REASONS.depth]: 'depth',
};

interface Shape {
  name: string;
  /** The most expensive body within the limits that this limit allows. */
  under: string;
  /** The same body one step over the limit. */
  over: string;
  reason: string;
}

/**
 * For each limit, an endpoint's own fields (`base`) filled up to it and, for keys and
 * arrays, with as many full objects or arrays as the value limit lets in.
 */
function shapes(base: Record<string, unknown>): Shape[] {
  const baseValues = valuesIn(base);
  // Keys: the top object at the key limit, its filler fields objects of as many keys as fit.
  const topFill = L.keysPerObject - Object.keys(base).length;
  const fullObjects = Math.floor((L.nodes - baseValues - topFill) / L.keysPerObject);
  const keyBody = (extra: number) => ({
    ...base,
    ...fields(topFill + extra, (i) => (i < fullObjects ? fields(L.keysPerObject) : 0)),
  });
  // Arrays: one list of full arrays, the last one filled up to the value limit exactly.
  const room = L.nodes - baseValues - 1;
  const fullArrays = Math.floor(room / (L.arrayItems + 1));
  const lastItems = room - fullArrays * (L.arrayItems + 1) - 1;
  const arrayBody = (extraItems: number, extraValues: number) => ({
    ...base,
    list: [
      ...Array.from({ length: fullArrays }, (_, i) =>
        new Array<number>(L.arrayItems + (i === 0 ? extraItems : 0)).fill(0),
      ),
      new Array<number>(lastItems + extraValues).fill(0),
    ],
  });
  // Depth: the top object is level 1, `deep` holds the rest.
  const depthBody = (extra: number) => ({ ...base, deep: nested(L.depth - 1 + extra) });
  return [
    { name: `${L.keysPerObject} keys per object`, under: keyBody(0), over: keyBody(1), reason: REASONS.keys },
    {
      name: `${L.arrayItems} items per array`,
      under: arrayBody(0, 0),
      over: arrayBody(1, 0),
      reason: REASONS.items,
    },
    {
      name: `${L.nodes} values in all`,
      under: arrayBody(0, 0),
      over: arrayBody(0, 1),
      reason: REASONS.values,
    },
    { name: `${L.depth} levels deep`, under: depthBody(0), over: depthBody(1), reason: REASONS.depth },
  ].map((s) => ({ ...s, under: JSON.stringify(s.under), over: JSON.stringify(s.over) }));
}

/** Bodies just under 1 MB, each far over one limit: what an attacker would send. */
function attacks(base: Record<string, unknown>): { name: string; body: string }[] {
  const head = JSON.stringify(base).slice(0, -1);
  /** As many items as fit under NEAR_1MB after `open` and before `close`. */
  const fill = (open: string, item: (i: number) => string, close: string) => {
    const parts: string[] = [];
    let size = head.length + open.length + close.length;
    for (let i = 0; size + item(i).length + 1 < NEAR_1MB; i++) {
      parts.push(item(i));
      size += item(i).length + 1;
    }
    return { count: parts.length.toLocaleString('en'), body: head + open + parts.join(',') + close };
  };
  const keys = fill(',', (i) => `"k${i}":0`, '}');
  const small = fill(
    ',"list":[',
    (i) => `{${Array.from({ length: 15 }, (_, k) => `"${k}.${i}":0`).join(',')}}`,
    ']}',
  );
  const items = fill(',"list":[', () => '0', ']}');
  const empties = fill(',"list":[', () => '{}', ']}');
  const depth = Math.floor((NEAR_1MB - head.length - 20) / 2);
  return [
    { name: `one object of ${keys.count} keys`, body: keys.body },
    { name: `${small.count} objects of 15 keys`, body: small.body },
    { name: `an array of ${items.count} items`, body: items.body },
    { name: `${empties.count} empty objects`, body: empties.body },
    {
      name: `arrays nested ${depth.toLocaleString('en')} deep`,
      body: `${head},"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    },
  ];
}

async function timed(req: Test): Promise<{ ms: number; res: Response }> {
  const start = performance.now();
  const res = await req;
  return { ms: performance.now() - start, res };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Timing {
  name: string;
  normal: () => Test;
  body: () => Test;
  /** What every answer to `body` must be. */
  check: (res: Response) => void;
}

/**
 * For each timing, the median time of `body` against the median time of `normal`,
 * interleaved so that load from elsewhere on the machine hits both alike: every ratio under
 * MAX_RATIO (a failure lists them all, the slow ones first). Then every answer is checked.
 */
async function expectCheap(timings: Timing[]): Promise<void> {
  const ratios: Record<string, number> = {};
  const answers: [Timing, Response][] = [];
  for (const timing of timings) {
    // Untimed first: the first request of a kind pays for lazy initialisation.
    await timing.normal();
    answers.push([timing, await timing.body()]);
    const base: number[] = [];
    const worst: number[] = [];
    for (let i = 0; i < REPETITIONS; i++) {
      base.push((await timed(timing.normal())).ms);
      const { ms, res } = await timed(timing.body());
      worst.push(ms);
      answers.push([timing, res]);
    }
    ratios[timing.name] = median(worst) / median(base);
  }
  const slow = Object.entries(ratios).filter(([, r]) => !(r < MAX_RATIO));
  expect({ slow, all: ratios }).toEqual({ slow: [], all: ratios });
  for (const [timing, res] of answers) timing.check(res);
}

function expectShapeRefusal(res: Response): void {
  const problem = expectProblem(res, 400);
  expect(problem.invalidParams).toEqual([{ name: 'body', reason: expect.stringMatching(/^(is|bevat) /) }]);
}

/** A 400 that the validation gave, not the shape check: the body got through to it. */
function expectValidationRefusal(res: Response): void {
  const problem = expectProblem(res, 400);
  expect(problem.invalidParams).not.toContainEqual(expect.objectContaining({ name: 'body' }));
}

describe('body shape: bounded before validation, in dev mode', () => {
  let t: TestApp;
  let resident: string;
  let official: string;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: '1000000' });
    ({ resident, official } = await cast(t));
    caseId = (await t.http.post('/api/v1/cases').set(bearer(resident)).send(initiative()).expect(201)).body
      .id;
  });
  afterAll(() => t?.close());

  const json = (req: Test, body: string) => req.set('Content-Type', 'application/json').send(body);
  const endpoints = () => [
    {
      name: 'POST /auth/dev-token (public)',
      base: { sub: 'resident-9', name: 'Anna', roles: ['resident'] },
      normal: () =>
        t.http.post('/api/v1/auth/dev-token').send({ sub: 'resident-9', name: 'Anna', roles: ['resident'] }),
      post: (body: string) => json(t.http.post('/api/v1/auth/dev-token'), body),
    },
    {
      name: 'POST /cases',
      base: initiative(),
      normal: () => t.http.post('/api/v1/cases').set(bearer(resident)).send(initiative()),
      post: (body: string) => json(t.http.post('/api/v1/cases').set(bearer(resident)), body),
    },
    {
      // The normal request is an event the case's state refuses (409): all the work, no change.
      name: 'POST /cases/{id}/events',
      base: { type: 'REQUEST_INFO', question: 'Hoe groot wordt de speeltuin?' },
      normal: () =>
        t.http
          .post(`/api/v1/cases/${caseId}/events`)
          .set(bearer(official))
          .send({ type: 'REJECT', motivation: 'Past niet.' }),
      post: (body: string) => json(t.http.post(`/api/v1/cases/${caseId}/events`).set(bearer(official)), body),
    },
  ];

  it('builds bodies exactly at each limit and one step over it', () => {
    for (const { name, under, over, reason } of shapes(initiative())) {
      expect({ name, problem: jsonShapeProblem(Buffer.from(under)) }).toEqual({ name, problem: null });
      expect({ name, problem: jsonShapeProblem(Buffer.from(over)) }).toEqual({
        name,
        problem: LIMIT_OF[reason],
      });
    }
  });

  it('refuses a body over any limit with a 400 naming it, before authentication, on every operation', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => ({ method: method as 'post' | 'put' | 'patch' | 'delete', path })),
    );
    expect(writes.length).toBeGreaterThanOrEqual(5);
    const bodies: [string, string][] = [
      [REASONS.keys, JSON.stringify(fields(L.keysPerObject + 1))],
      [REASONS.keys, JSON.stringify({ a: [{ b: fields(L.keysPerObject + 1) }] })],
      [REASONS.items, JSON.stringify({ themes: new Array(L.arrayItems + 1).fill('groen') })],
      [
        REASONS.values,
        JSON.stringify(
          Array.from({ length: Math.ceil(L.nodes / L.keysPerObject) + 1 }, () => fields(L.keysPerObject - 1)),
        ),
      ],
      [REASONS.depth, JSON.stringify(nested(L.depth + 1))],
    ];
    for (const { method, path } of writes) {
      const url = ('/api/v1' + path)
        .replace('{id}', caseId)
        .replace('{year}', '2026')
        .replace('{areaCode}', 'oost');
      for (const [reason, body] of bodies) {
        // No token: the shape is checked before anyone is authenticated.
        const res = await t.http[method](url).set('Content-Type', 'application/json').send(body);
        expect({ op: `${method} ${path}`, status: res.status }).toEqual({
          op: `${method} ${path}`,
          status: 400,
        });
        expectShapeRefusal(res);
        expect(res.body.invalidParams[0].reason).toBe(reason);
      }
    }
  });

  it('lets a body at every limit through to the validation, which refuses its stray fields by name', async () => {
    for (const e of endpoints()) {
      for (const { under } of shapes(e.base)) expectValidationRefusal(await e.post(under));
    }
  });

  for (const [index, label] of [
    'POST /auth/dev-token (public)',
    'POST /cases',
    'POST /cases/{id}/events',
  ].entries()) {
    it(`${label}: the worst body under each limit and just over it costs at most ${MAX_RATIO}× a normal request`, async () => {
      const e = endpoints()[index];
      await expectCheap(
        shapes(e.base).flatMap(({ name, under, over }) => [
          {
            name: `${name}, at the limit`,
            normal: e.normal,
            body: () => e.post(under),
            check: expectValidationRefusal,
          },
          {
            name: `${name}, one over`,
            normal: e.normal,
            body: () => e.post(over),
            check: expectShapeRefusal,
          },
        ]),
      );
    }, 120000);

    // On the old code each of these took seconds: the timeout leaves room to see the ratios.
    it(`${label}: a body just under 1 MB that breaks a limit costs at most ${MAX_RATIO}× a normal request`, async () => {
      const e = endpoints()[index];
      const bodies = attacks(e.base);
      for (const { body } of bodies) {
        expect(body.length).toBeGreaterThan(NEAR_1MB - 100);
        expect(body.length).toBeLessThan(NEAR_1MB);
      }
      await expectCheap(
        bodies.map(({ name, body }) => ({
          name,
          normal: e.normal,
          body: () => e.post(body),
          check: expectShapeRefusal,
        })),
      );
    }, 600000);
  }
});

describe('body shape: charsets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('takes JSON in UTF-8 only, so another charset cannot carry a body past the scan', async () => {
    const body = { sub: 'resident-7', name: 'Anna', roles: ['resident'] };
    await t.http
      .post('/api/v1/auth/dev-token')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify(body))
      .expect(201);
    // JSON between systems is UTF-8 (RFC 8259); in UTF-16 a quote byte need not be a quote.
    // The answer is the one latin1 always got.
    for (const charset of ['utf-16', 'utf-16le', 'utf-32', 'latin1']) {
      const res = await t.http
        .post('/api/v1/auth/dev-token')
        .set('Content-Type', `application/json; charset=${charset}`)
        .send(Buffer.from(JSON.stringify(body), 'utf16le'));
      expectProblem(res, 415);
    }
  });
});

describe('body shape: POST /auth/dev-token switched off (AUTH_MODE=oidc)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The issuer is only asked for keys when a bearer token comes in; none does here.
    t = await createTestApp({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'http://127.0.0.1:9',
      OIDC_AUDIENCE: 'wijkflow',
      WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    });
  });
  afterAll(() => t?.close());

  const post = (body: string) =>
    t.http.post('/api/v1/auth/dev-token').set('Content-Type', 'application/json').send(body);
  const expectNotFound = (res: Response) => {
    expect(expectProblem(res, 404).detail).toBe('Dit adres bestaat niet.');
  };

  it('answers 404 without reading the body: not even malformed JSON or a body over 1 MB is looked at', async () => {
    expectNotFound(await post('{"sub": "x", "name": "X", "roles": ["council"]}'));
    expectNotFound(await post('{"sub": '));
    expectNotFound(await post(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })));
    expectNotFound(await post(JSON.stringify(nested(100))));
  });

  it(`costs at most ${MAX_RATIO}× a small request whatever the body`, async () => {
    const small = () => post('{"sub": "x", "name": "X", "roles": ["council"]}');
    await expectCheap(
      attacks({ sub: 'x', name: 'X', roles: ['council'] }).map(({ name, body }) => ({
        name,
        normal: small,
        body: () => post(body),
        check: expectNotFound,
      })),
    );
  }, 600000);
});
