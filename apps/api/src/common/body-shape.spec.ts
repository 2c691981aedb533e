import fc from 'fast-check';
import { BODY_SHAPE_LIMITS, type BodyShapeLimits, jsonShapeProblem } from './body-shape.js';

const small: BodyShapeLimits = { depth: 3, keysPerObject: 4, arrayItems: 5, nodes: 20 };
// The limit exceeded, by its name in BodyShapeLimits (the same for any limits).
const reasons = (_l: BodyShapeLimits) =>
  ({ depth: 'depth', keys: 'keysPerObject', items: 'arrayItems', values: 'nodes' }) as const;
const R = reasons(small);
const shape = (value: unknown, limits: BodyShapeLimits = small, space?: number) =>
  jsonShapeProblem(Buffer.from(JSON.stringify(value, null, space)), limits);
const text = (json: string, limits: BodyShapeLimits = small) => jsonShapeProblem(Buffer.from(json), limits);
const keys = (n: number, value: (i: number) => unknown = (i) => i) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value(i)]));
const nested = (levels: number): unknown => (levels === 0 ? 1 : { a: nested(levels - 1) });

/**
 * The same limits checked on a parsed value, by recursion in document order: what the scan of
 * the text must agree with, reason for reason.
 */
function parsedShapeProblem(value: unknown, limits: BodyShapeLimits): string | null {
  const r = reasons(limits);
  let nodes = 0;
  const visit = (v: unknown, level: number): string | null => {
    if (++nodes > limits.nodes) return r.values;
    if (v === null || typeof v !== 'object') return null;
    if (level > limits.depth) return r.depth;
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) {
        if (nodes + 1 <= limits.nodes && i + 1 > limits.arrayItems) return r.items;
        const problem = visit(item, level + 1);
        if (problem) return problem;
      }
    } else {
      for (const [i, item] of Object.values(v).entries()) {
        if (i + 1 > limits.keysPerObject) return r.keys;
        const problem = visit(item, level + 1);
        if (problem) return problem;
      }
    }
    return null;
  };
  return visit(value, 1);
}

describe('jsonShapeProblem', () => {
  it('accepts an empty body and bodies that are one plain value', () => {
    for (const json of ['', '0', '"x"', 'true', 'null', '  -1.5e3 ']) expect(text(json)).toBeNull();
  });

  it('accepts a body exactly at every limit', () => {
    expect(shape(nested(3))).toBeNull(); // three objects and a number: depth counts objects and arrays
    expect(shape([[[]]])).toBeNull();
    expect(shape(keys(4))).toBeNull();
    expect(shape([1, 2, 3, 4, 5])).toBeNull();
    // 1 + 4 + 3 × 5 = 20 values.
    expect(shape({ a: [1, 2, 3, 4, 5], b: [1, 2, 3, 4, 5], c: [1, 2, 3, 4, 5], d: 1 })).toBeNull();
  });

  it('refuses one step over each limit, naming the limit', () => {
    expect(shape(nested(4))).toBe(R.depth);
    expect(shape([[[[]]]])).toBe(R.depth);
    expect(shape(keys(5))).toBe(R.keys);
    expect(shape({ a: { b: keys(5) } })).toBe(R.keys);
    expect(shape([1, 2, 3, 4, 5, 6])).toBe(R.items);
    expect(shape({ a: [[1, 2, 3, 4, 5, 6]] })).toBe(R.items);
    expect(shape({ a: [1, 2, 3, 4, 5], b: [1, 2, 3, 4, 5], c: [1, 2, 3, 4, 5], d: [1] })).toBe(R.values);
  });

  it('counts null, empty objects and arrays as values, and every key written, repeated or __proto__', () => {
    expect(shape({ a: null, b: {}, c: [], d: '' }, { ...small, nodes: 4 })).toBe('nodes');
    expect(text('{"__proto__": 1, "a": 1, "b": 1, "c": 1, "d": 1}')).toBe(R.keys);
    expect(text('{"a": 1, "a": 1, "a": 1, "a": 1, "a": 1}')).toBe(R.keys);
  });

  it('reads strings as strings: quotes, brackets and commas in them, escaped or not, are text', () => {
    const tricky = ['"', '\\', '\\"', '{', '[', ',', ':', '}', ']', '\\\\"', 'ë€𝄞', '\u0000', '\ud800'];
    const body = { [tricky.join('')]: tricky, k: tricky.join(',') };
    expect(shape(body, BODY_SHAPE_LIMITS)).toBeNull();
    expect(text('{"a\\"b": "c\\\\", "d": ["]]]]]]", "\\"[[[[[["]}')).toBeNull();
    // The limits hold on what the strings sit in.
    expect(shape(Array.from({ length: 6 }, () => '",]'))).toBe(R.items);
  });

  it('skips a UTF-8 byte order mark as the parser does', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(jsonShapeProblem(Buffer.concat([bom, Buffer.from(JSON.stringify(keys(4)))]), small)).toBeNull();
    expect(
      jsonShapeProblem(Buffer.concat([bom, Buffer.from(JSON.stringify([1, 2, 3, 4, 5]))]), {
        ...small,
        nodes: 6,
      }),
    ).toBeNull();
  });

  it('agrees with the same limits checked on the parsed value, for any JSON and any layout', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 5 }),
        fc.record({
          depth: fc.integer({ min: 1, max: 5 }),
          keysPerObject: fc.integer({ min: 0, max: 6 }),
          arrayItems: fc.integer({ min: 0, max: 6 }),
          nodes: fc.integer({ min: 1, max: 40 }),
        }),
        fc.constantFrom(undefined, 1, 2),
        (value, limits, space) => {
          expect(shape(value, limits, space)).toBe(parsedShapeProblem(value, limits));
        },
      ),
      { numRuns: 2000, seed: 20260601 },
    );
  });

  it('finishes malformed text in one pass, and leaves refusing it to the parser', () => {
    for (const json of [
      '{',
      '[',
      '"',
      '"\\',
      '}}}]]]',
      '{"a" 1 2 3}',
      '[1 2 3',
      ',,,,',
      '{:::}',
      'tru',
      '{"a":}',
    ]) {
      expect(text(json, BODY_SHAPE_LIMITS)).toBeNull();
    }
    // Garbage made of value starts still counts against the limits.
    expect(text('1 '.repeat(21))).toBe(R.values);
  });

  it('refuses bodies of 1 MB far over a limit', () => {
    const wide = Buffer.from(JSON.stringify(keys(90_000)));
    expect(jsonShapeProblem(wide)).toBe(reasons(BODY_SHAPE_LIMITS).keys);
    const deep = Buffer.from('['.repeat(500_000) + ']'.repeat(500_000));
    expect(jsonShapeProblem(deep)).toBe(reasons(BODY_SHAPE_LIMITS).depth);
  });

  it('leaves room for the largest legitimate bodies', () => {
    const submission = {
      type: 'right_to_challenge',
      title: 'Groenonderhoud Oosterpark',
      description: 'x'.repeat(10_000),
      areaCode: 'oost',
      theme: 'groen',
      requestedAmountCents: 250_000,
      contactEmail: 'anna@example.org',
      challengedTask: 'Maaien en snoeien',
      organisation: 'Buurtvereniging Oost',
      claim: 'cheaper',
      proposedCostCents: 200_000,
      currentCostCents: 260_000,
    };
    const programme = {
      budgetCents: 5_000_000,
      delegationLimitCents: 500_000,
      themes: Array.from({ length: 50 }, (_, i) => `thema-${i}`),
    };
    // An event body with the lists upcoming events carry, each at its own maximum.
    const plan = {
      type: 'HONOUR',
      motivation: 'Past in het programma.',
      amountCents: 250_000,
      deliverables: Array.from({ length: 20 }, (_, i) => ({
        title: `Oplevering ${i}`,
        dueDate: '2026-12-31',
      })),
      indicators: Array.from({ length: 10 }, (_, i) => ({
        name: `Indicator ${i}`,
        unit: 'aantal',
        target: 100,
        indicatorValues: Array.from({ length: 12 }, (_, m) => ({ month: m + 1, value: m })),
      })),
    };
    // POST /audit/verify takes up to 1,000 checkpoints, signed notes of a few lines each.
    const note =
      'gemeente.example/wijkflow\n1234\n' +
      'A'.repeat(44) +
      '\n\n— gemeente.example/wijkflow ' +
      'B'.repeat(88) +
      '\n';
    const verify = { checkpoints: Array.from({ length: 1_000 }, () => note) };
    for (const body of [submission, programme, plan, verify])
      expect(shape(body, BODY_SHAPE_LIMITS, 2)).toBeNull();
  });
});
