import fc from 'fast-check';
import type { Response } from 'supertest';
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { bearer, cast, type Cast } from './support/actors.js';
import { eventBody, grantTerms, initiative, rightToChallenge, sendEvent, submit } from './support/cases.js';
import { addDays, amsterdamDate } from '../libs/workflows/src/index.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectNoInternals, type TestApp } from './support/test-app.js';

/**
 * Fuzzing with fast-check against every operation of the served OpenAPI document, so a new
 * endpoint is fuzzed as soon as it is documented. Requests are half plausible (built from the
 * operation's schemas, then bent) and half hostile: wrong types, huge and odd strings, deep
 * nesting, __proto__ and constructor keys, invalid UUIDs, garbage headers. Whatever comes in:
 * never a 5xx, errors are problem+json without internals, and the server stays healthy.
 *
 * Reproduce a failure with FUZZ_SEED=<seed> (and FUZZ_RUNS=<n> for more runs per operation).
 */
const SEED = Number(process.env.FUZZ_SEED || 20261128);
const RUNS = Number(process.env.FUZZ_RUNS || 100);
const YEAR = programmeYear();

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operationId: string;
  parameters: Parameter[];
  body: Schema | null;
}
interface FuzzRequest {
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

// The app is booted while the file is collected, so that one test per documented operation
// can be declared from the document itself.
const t: TestApp = await createTestApp();
const doc = (await t.http.get('/api/v1/openapi.json')).body as {
  servers?: { url: string }[];
  paths: Record<
    string,
    Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: unknown }>
  >;
  components: { schemas: Record<string, Schema> };
};
const BASE = doc.servers?.[0]?.url ?? '';
const OPERATIONS: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({
      method: method as Operation['method'],
      path: BASE + path,
      operationId: op.operationId,
      parameters: (op.parameters ?? []).filter((p): p is Parameter => 'in' in p),
      body:
        (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.[
          'application/json'
        ]?.schema ?? null,
    })),
);

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
}

/** Printable ASCII, the only thing an HTTP client may put in a header value. */
const headerText = (maxLength = 40) => fc.string({ unit: 'grapheme-ascii', maxLength });
const oddStrings = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  'null',
  'undefined',
  'NaN',
  '1e309',
  '9007199254740993',
  '../../etc/passwd',
  '%00',
  '\u0000',
  "' OR '1'='1",
  '"; DROP TABLE cases; --',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  '\ud83d\ude00',
  '\u202e',
  'Ω≈ç√',
  'a'.repeat(10_000),
);
/** Text a validator passes (printable length) but a database may not store. */
const oddText = fc.oneof(
  fc.string({ unit: 'binary', minLength: 3, maxLength: 30 }),
  fc.constantFrom(
    'Speel\u0000tuin',
    'half \ud800 pair',
    'x\udc00yz',
    '\u0000\u0000\u0000',
    'e\u0301\u0301\u0301',
    '\ufeffBOM',
  ),
);
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), oddStrings);
const wild: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e21, true, false, null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** A value that fits the schema (roughly: it exercises the code behind validation too). */
function plausible(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const options = s.oneOf ?? s.anyOf;
  if (options) return fc.oneof(...options.map((o) => plausible(o, depth + 1)));
  if (s.allOf) return fc.constant({});
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 10_000_000, Number.MAX_SAFE_INTEGER) }),
        fc.constant(typeof s.example === 'number' ? s.example : 1),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items ? plausible(s.items, depth + 1) : wild, { maxLength: 4 });
    case 'string':
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date') {
        // Real days near today (accountBy, agreement dates), and now and then anything.
        const day = fc
          .integer({ min: -400, max: 1_200 })
          .map((d) => addDays(amsterdamDate(new Date().toISOString()), d));
        return fc.oneof(
          { weight: 4, arbitrary: day },
          { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
        );
      }
      if (s.example === undefined) {
        return fc.oneof(
          { weight: 4, arbitrary: fc.string({ minLength: 3, maxLength: 40 }) },
          { weight: 1, arbitrary: oddText },
        );
      }
      return fc.oneof(
        { weight: 4, arbitrary: fc.constant(s.example) },
        { weight: 1, arbitrary: fc.string() },
        { weight: 1, arbitrary: oddText },
      );
    default: {
      if (!s.properties || depth > 3) return fc.constant({});
      // Required fields always; each optional one now and then, so that valid bodies are common.
      const required = new Set(s.required ?? []);
      const props = Object.fromEntries(
        Object.entries(s.properties).map(([k, v]) => [
          k,
          required.has(k)
            ? plausible(v, depth + 1)
            : fc.oneof(
                { weight: 3, arbitrary: fc.constant(undefined) },
                { weight: 1, arbitrary: plausible(v, depth + 1) },
              ),
        ]),
      );
      return fc
        .record(props)
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
  }
}

/** A plausible body bent: one field of the wrong type, a field dropped, an unknown field added. */
function bent(schema: Schema): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      plausible(schema),
      fc.constantFrom('replace', 'drop', 'add'),
      fc.nat(),
      fc.string({ maxLength: 12 }),
      wild,
    )
    .map(([value, how, pick, name, v]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return v;
      const copy = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const key = keys.length ? keys[pick % keys.length] : name;
      if (how === 'replace') copy[key] = v;
      if (how === 'drop') delete copy[key];
      if (how === 'add') copy[name] = v;
      return copy;
    });
}

/** JSON text that JSON.stringify cannot make: own __proto__ and constructor keys, invalid JSON. */
const rawBodies = (schema: Schema | null) =>
  fc.oneof(
    fc.tuple(schema ? plausible(schema) : fc.constant({}), wild).map(([value, v]) => {
      const inner = JSON.stringify(value ?? {})
        .replace(/^\{/, '')
        .replace(/\}$/, '');
      const polluted = `"__proto__":{"isAdmin":true,"roles":["council"]},"constructor":{"prototype":{"polluted":${JSON.stringify(v) ?? 'null'}}}`;
      return `{${polluted}${inner ? ',' + inner : ''}}`;
    }),
    fc.constantFrom(
      '{',
      '}',
      '[',
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      'NaN',
      'undefined',
      '\u0000',
      '{"a":1}{"b":2}',
      '"\\ud800"',
    ),
    fc.string(),
    fc.json({ maxDepth: 4 }),
  );

function bodies(op: Operation): fc.Arbitrary<string | null> {
  const schema = op.body;
  const json = (arb: fc.Arbitrary<unknown>) => arb.map((v) => JSON.stringify(v) ?? 'null');
  if (!schema) return fc.oneof(fc.constant(null), rawBodies(schema), json(wild));
  return fc.oneof(
    { weight: 4, arbitrary: json(plausible(schema)) },
    { weight: 3, arbitrary: json(bent(schema)) },
    { weight: 1, arbitrary: rawBodies(schema) },
    { weight: 1, arbitrary: json(wild) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

interface Known {
  caseIds: string[];
  reportIds: string[];
  tokens: string[];
}
const known: Known = { caseIds: [], reportIds: [], tokens: [] };

function pathValue(param: Parameter): fc.Arbitrary<string> {
  const s = resolve(param.schema ?? {});
  const pool: string[] = [];
  if (param.name === 'id') pool.push(...known.caseIds, ...known.reportIds);
  if (param.name === 'year')
    pool.push(String(YEAR), String(YEAR + 1), '1999', '2101', '0', '-2026', '2026.5', '20260');
  if (param.name === 'areaCode') pool.push('oost', 'centrum', 'nowhere', 'OOST');
  if (param.name === 'type') pool.push('initiative', 'right_to_challenge', 'unknown');
  if (s.enum) pool.push(...s.enum.map(String));
  if (s.example !== undefined) pool.push(String(s.example));
  return fc.oneof(
    { weight: 3, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.uuid().map(String) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'g'.repeat(36)),
    },
    { weight: 1, arbitrary: anyString },
  );
}

/** encodeURIComponent, but a lone surrogate goes out as the invalid UTF-8 bytes it would be. */
function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '\uFFFD')) + '%ED%A0%80';
  }
}

function queryString(op: Operation): fc.Arbitrary<string> {
  const declared = op.parameters.filter((p) => p.in === 'query');
  const value = (p: Parameter | null) =>
    fc.oneof(p ? plausible(p.schema ?? {}).map((v) => String(v)) : fc.string(), anyString, fc.constant(''));
  const pair = fc.oneof(
    ...(declared.length ? declared.map((p) => value(p).map((v) => [p.name, v] as const)) : []),
    fc.tuple(
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'limit[$gt]', 'state[]')),
      value(null),
    ),
  );
  return fc
    .array(pair, { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
}

function headers(): fc.Arbitrary<Record<string, string>> {
  const authorization = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known.tokens).map((tok) => `Bearer ${tok}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        headerText(),
        headerText().map((s) => `Bearer ${s}`),
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Basic dXNlcjpwYXNz',
          'bearer x.y.z',
          'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiY291bmNpbCJdfQ.',
          `Bearer ${'a'.repeat(8000)}`,
        ),
        fc.constantFrom(...known.tokens).map((tok) => `Bearer ${tok.slice(0, -4)}AAAA`),
      ),
    },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/merge-patch+json',
      ),
    },
    { weight: 1, arbitrary: headerText() },
  );
  const accept = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      'application/json',
      'application/problem+json',
      'text/csv',
      'text/markdown',
      '*/*',
      'text/html',
      'application/json;q=0',
    ),
    headerText(),
  );
  const optional = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: undefined });
  return fc
    .record({
      Authorization: authorization,
      'Content-Type': contentType,
      Accept: accept,
      'If-Match': optional(
        fc.oneof(headerText(), fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '"999999999999"', '1, 2')),
      ),
      'Idempotency-Key': optional(
        fc.oneof({ weight: 3, arbitrary: fc.uuid().map(String) }, { weight: 1, arbitrary: headerText(300) }),
      ),
      'X-Request-Id': optional(headerText(100)),
    })
    .map(
      (h) =>
        Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
}

function requests(op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  return fc
    .record({
      params: fc.tuple(...pathParams.map(pathValue)),
      query: queryString(op),
      headers: headers(),
      body: bodies(op),
    })
    .map(({ params, query, headers: h, body }) => {
      let path = op.path;
      pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, enc(params[i]))));
      return {
        path: query ? `${path}?${query}` : path,
        headers: h,
        body: op.method === 'get' && body !== null ? null : body,
      };
    });
}

async function send(method: Operation['method'], req: FuzzRequest): Promise<Response> {
  let r = t.http[method](req.path).timeout(20000);
  for (const [k, v] of Object.entries(req.headers))
    if (k !== 'Content-Type' || req.body !== null) r = r.set(k, v);
  return req.body === null ? r : r.send(req.body);
}

/** The properties every answer has, whatever was sent. */
function expectSane(res: Response, what: string): void {
  if (res.status >= 500) throw new Error(`${res.status} for ${what}:\n${res.text.slice(0, 500)}`);
  expect(res.status).toBeGreaterThanOrEqual(200);
  if (res.status >= 400) {
    expect({ what, contentType: res.headers['content-type'] }).toMatchObject({
      contentType: expect.stringMatching(/^application\/problem\+json/),
    });
    const problem = JSON.parse(res.text) as Record<string, unknown>;
    expect(problem).toMatchObject({
      status: res.status,
      title: expect.any(String),
      type: expect.any(String),
    });
    expectNoInternals(res.text);
  }
}

describe(`fuzzing every documented operation (fast-check seed ${SEED}, ${RUNS} runs each)`, () => {
  let a: Cast;
  beforeAll(async () => {
    a = await cast(t);
    await seedProgramme(t, 'oost', {
      budgetCents: 100_000_000,
      delegationLimitCents: 1_000_000,
      themes: ['speelruimte', 'groen'],
    });
    // Real resources, so that generated paths also reach existing cases and reports.
    for (let i = 0; i < 4; i++) {
      const c = await t.http.post('/api/v1/cases').set(bearer(a.resident)).send(initiative()).expect(201);
      known.caseIds.push(c.body.id);
    }
    // Cases further on, so the events after a grant meet a case they apply to.
    const settling = await submit(t, a.resident, initiative());
    await sendEvent(t, a.official, settling.id, eventBody('ASSESS'));
    await sendEvent(t, a.alderman, settling.id, eventBody('HONOUR', { amountCents: 1_000 }));
    await sendEvent(t, a.resident, settling.id, eventBody('SUBMIT_ACCOUNT', { amountCents: 1_000 }));
    await sendEvent(t, a.official, settling.id, eventBody('REVIEW_ACCOUNT', { amountCents: 1_000 }));
    const challenge = { caseType: 'right_to_challenge', amountCents: 1_000 };
    const running = await submit(t, a.resident, rightToChallenge({ areaCode: 'oost' }));
    await sendEvent(t, a.official, running.id, eventBody('ASSESS'));
    await sendEvent(t, a.alderman, running.id, eventBody('HONOUR', challenge));
    await sendEvent(t, a.alderman, running.id, eventBody('SIGN_AGREEMENT', challenge));
    known.caseIds.push(settling.id, running.id);
    const [, assessed, honoured] = known.caseIds;
    for (const id of [assessed, honoured]) {
      await t.http
        .post(`/api/v1/cases/${id}/events`)
        .set(bearer(a.official))
        .send({ type: 'ASSESS', advice: 'honour', motivation: 'Past.' })
        .expect(200);
    }
    await t.http
      .post(`/api/v1/cases/${honoured}/events`)
      .set(bearer(a.alderman))
      .send({ ...grantTerms(), type: 'HONOUR', amountCents: 1000, motivation: 'Ja.' })
      .expect(200);
    const report = await t.http.post('/api/v1/reports').set(bearer(a.alderman));
    if (report.status === 201) known.reportIds.push(report.body.id);
    known.tokens.push(a.resident, a.otherResident, a.official, a.officialElsewhere, a.alderman, a.council);
    known.tokens.push(
      await t.token('everyone-1', ['resident', 'official', 'alderman', 'council'], ['oost', 'west']),
    );
  });
  afterAll(() => t.close());

  it('finds the operations in the OpenAPI document', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(15);
    expect(OPERATIONS.map((o) => o.operationId)).toEqual(
      expect.arrayContaining(['submitCase', 'sendCaseEvent', 'verifyAuditTrail']),
    );
  });

  for (const op of OPERATIONS) {
    it(`${op.method.toUpperCase()} ${op.path} (${op.operationId}): never a 5xx, errors are clean problem+json`, async () => {
      await fc.assert(
        fc.asyncProperty(requests(op), async (req) => {
          const res = await send(op.method, req);
          expectSane(
            res,
            `${op.method.toUpperCase()} ${req.path} ${JSON.stringify(req.headers)} ${req.body?.slice(0, 300)}`,
          );
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }, 120000);
  }

  // Sizes and shapes a generator reaches too rarely to leave to chance.
  const MB = 1024 * 1024;
  const extremes: [string, () => string, number[]][] = [
    [
      'a string field just under 1 MB',
      () => JSON.stringify({ type: 'initiative', title: 'x'.repeat(MB - 200) }),
      [400, 401, 403, 404, 409, 422, 429],
    ],
    ['a body just over 1 MB', () => JSON.stringify({ title: 'x'.repeat(MB + 10) }), [413, 401, 403, 404]],
    ['arrays nested 100,000 deep', () => '['.repeat(100_000) + ']'.repeat(100_000), [400, 401, 403, 404]],
    [
      'objects nested 50,000 deep',
      () => '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
      [400, 401, 403, 404],
    ],
    [
      '10,000 keys',
      () => JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))),
      [400, 401, 403, 404],
    ],
  ];
  for (const [name, make, expected] of extremes) {
    it(`${name}: a 4xx from every operation that takes a body`, async () => {
      const body = make();
      for (const op of OPERATIONS.filter((o) => o.method !== 'get')) {
        const path = op.path
          .replace('{id}', known.caseIds[0])
          .replace('{year}', String(YEAR))
          .replace('{areaCode}', 'oost');
        for (const token of [a.resident, a.official, a.alderman, a.council]) {
          const res = await send(op.method, {
            path,
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body,
          });
          expectSane(res, `${name} to ${op.method.toUpperCase()} ${path}`);
          if (!expected.includes(res.status))
            throw new Error(`${op.operationId} answered ${res.status} to ${name}`);
        }
      }
    }, 60000);
  }

  it('is still healthy afterwards, with an intact process log', async () => {
    await t.http.get('/health').expect(200);
    const verify = await t.http.get('/api/v1/audit/verify').set(bearer(a.council)).expect(200);
    expect(verify.body).toMatchObject({ valid: true });
  });
});
