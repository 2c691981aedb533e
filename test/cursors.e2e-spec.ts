import fc from 'fast-check';
import { bearer } from './support/actors.js';
import { initiative } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectNoInternals, type TestApp } from './support/test-app.js';

/**
 * Every paging cursor of the API, fuzzed: whatever a client puts in `cursor`, the answer is a
 * page (200) or a 400 problem naming `cursor`, never a 500. A cursor is opaque, but a client
 * can read and forge one: a case cursor is base64 of JSON holding a moment, and "1" or
 * "2026-02-30" passed Date.parse and then made PostgreSQL refuse the query.
 *
 * Reproduce a failure with FUZZ_SEED=<seed> (and FUZZ_RUNS=<n> for more runs per kind).
 */
const SEED = Number(process.env.FUZZ_SEED || 20261210);
const RUNS = Number(process.env.FUZZ_RUNS || 60);
const UUID = '3f2b8c1e-6d4a-4e0b-9a7c-2d5e8f1a0b3c';

let t: TestApp;
let council: string;
/** A cursor each paging endpoint really gave out, to bend. */
const real: Record<string, string> = {};

interface Endpoint {
  path: string;
  token: () => string;
}
const ENDPOINTS: Record<string, Endpoint> = {
  cases: { path: '/api/v1/cases', token: () => council },
  audit: { path: '/api/v1/audit', token: () => council },
  reports: { path: '/api/v1/reports', token: () => council },
};

beforeAll(async () => {
  t = await createTestApp();
  council = await t.token('council-1', ['council'], [], 'Raadslid Roos');
  const resident = await t.token('resident-1', ['resident']);
  const alderman = await t.token('alderman-1', ['alderman'], ['oost'], 'Wethouder Wim');
  await seedProgramme(t, 'oost', {
    budgetCents: 10_000_000,
    delegationLimitCents: 5_000_000,
    themes: ['speelruimte'],
  });
  for (const title of ['Speeltuin', 'Bankjes', 'Moestuin']) {
    await t.http.post('/api/v1/cases').set(bearer(resident)).send(initiative({ title })).expect(201);
  }
  // Reports with nothing new are allowed (they anchor the log): two give the list a second page.
  for (let i = 0; i < 2; i++) await t.http.post('/api/v1/reports').set(bearer(alderman)).expect(201);
  for (const [name, e] of Object.entries(ENDPOINTS)) {
    const page = await t.http.get(e.path).query({ limit: 1 }).set(bearer(e.token()));
    if (page.body.nextCursor) real[name] = page.body.nextCursor;
  }
});
afterAll(async () => {
  await t?.close();
});

/** Sends one cursor, raw (already percent-encoded) or as a value to encode. */
async function send(endpoint: Endpoint, cursor: { raw: string } | { value: string }): Promise<number> {
  const query = 'raw' in cursor ? cursor.raw : encodeURIComponent(cursor.value);
  const res = await t.http.get(`${endpoint.path}?limit=2&cursor=${query}`).set(bearer(endpoint.token()));
  const seen = { cursor, status: res.status };
  if (res.status === 200) {
    expect(Array.isArray(res.body.items)).toBe(true);
    return res.status;
  }
  expect(seen).toMatchObject({ status: 400 });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect({ ...seen, names: (res.body.invalidParams as { name: string }[]).map((p) => p.name) }).toMatchObject(
    {
      names: ['cursor'],
    },
  );
  expectNoInternals(res.text);
  return res.status;
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Moments that look like dates and are not (or not to PostgreSQL), in the shapes a forger tries. */
const impossibleMoment = fc.oneof(
  fc.constantFrom(
    '1',
    '0',
    '-1',
    '2026',
    '2026-02-30',
    '2026-02-30T00:00:00.000Z',
    '2026-02-29T00:00:00.000Z',
    '2026-04-31T12:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-02-28T24:00:00.000Z',
    '2026-02-28T23:59:60.000Z',
    '0000-01-01T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '2026-02-28T23:59:59.999999Z',
    '2026-02-28 12:00',
    'Feb 30 2026',
    'Infinity',
    'epoch',
  ),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
    )
    .map(([y, mo, d, h, mi, s]) => {
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}.000Z`;
    }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer().map(String),
);

/** JSON that has the cursor's outline but the wrong types or lengths in it. */
const wrongJson = fc.oneof(
  fc.tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 })),
  fc.tuple(impossibleMoment, fc.jsonValue({ maxDepth: 1 })),
  fc.tuple(fc.jsonValue({ maxDepth: 1 }), fc.constant(UUID)),
  fc.tuple(fc.constant('2026-03-01T10:00:00.000Z'), fc.string({ maxLength: 40 })),
  fc.array(fc.constantFrom('2026-03-01T10:00:00.000Z', UUID, 1, null), { maxLength: 4 }),
  fc.record({ createdAt: fc.constant('2026-03-01T10:00:00.000Z'), id: fc.constant(UUID) }),
);

const numberLike = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom(
    '2147483647',
    '2147483648',
    '9999999999',
    '999999999999',
    '9007199254740993',
    '9223372036854775808',
    '1e9',
    '0x10',
    '00000000001',
    ' 1',
    '1 ',
    '+1',
    '١٢',
    'NaN',
    'Infinity',
  ),
);

describe.each(Object.keys(ENDPOINTS))('the %s cursor', (name) => {
  const endpoint = ENDPOINTS[name];
  const check = (arb: fc.Arbitrary<{ raw: string } | { value: string }>) =>
    fc.assert(
      fc.asyncProperty(arb, async (c) => {
        await send(endpoint, c);
      }),
      { seed: SEED, numRuns: RUNS },
    );

  it('takes back the cursor it gave out', async () => {
    expect(real[name]).toEqual(expect.any(String));
    const res = await t.http
      .get(endpoint.path)
      .query({ limit: 1, cursor: real[name] })
      .set(bearer(endpoint.token()));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(1);
  });

  it('never fails on an arbitrary string, in any alphabet, or on bytes that are not UTF-8', () =>
    check(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 60 }).map((value) => ({ value })),
        fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((value) => ({ value })),
        fc
          .uint8Array({ maxLength: 40 })
          .map((bytes) => ({ raw: [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('') })),
      ),
    ));

  it('never fails on base64 of arbitrary JSON, of JSON with wrong types, or of impossible dates', () =>
    check(
      fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => ({ value: b64(JSON.stringify(v)) })),
        wrongJson.map((v) => ({ value: b64(JSON.stringify(v)) })),
        impossibleMoment.map((m) => ({ value: b64(JSON.stringify([m, UUID])) })),
        // Plain base64 too, with its padding, + and /: a client may re-encode what it got.
        impossibleMoment.map((m) => ({ value: Buffer.from(JSON.stringify([m, UUID])).toString('base64') })),
      ),
    ));

  it('never fails on numbers too large, negative, fractional or oddly written', () =>
    check(numberLike.map((value) => ({ value }))));

  it('never fails on the real cursor bent: characters changed, cut short or lengthened', () =>
    check(
      fc
        .tuple(fc.nat(), fc.string({ unit: 'grapheme-ascii', maxLength: 4 }), fc.nat({ max: 4 }))
        .map(([at, insert, cut]) => {
          const c = real[name];
          const i = at % (c.length + 1);
          return { value: c.slice(0, i) + insert + c.slice(i + cut) };
        }),
    ));
});

it('refuses the crafted case cursors of the report with 400, not 500', async () => {
  for (const moment of ['1', '2026-02-30', '0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z']) {
    expect(await send(ENDPOINTS.cases, { value: b64(JSON.stringify([moment, UUID])) })).toBe(400);
  }
  expect(await send(ENDPOINTS.reports, { value: '2147483648' })).toBe(400);
});
