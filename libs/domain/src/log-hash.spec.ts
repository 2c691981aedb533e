import { canonicalJson, entryHash, GENESIS_HASH } from './log-hash.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('entryHash', () => {
  const entry = {
    seq: 1,
    at: '2026-01-01T00:00:00.000Z',
    caseId: null,
    event: 'X',
    fromState: null,
    toState: null,
    actorId: 'a',
    actorRole: 'council',
    payload: { amountCents: 5 },
  };
  it('is independent of key order and changes with any field or the previous hash', () => {
    const h = entryHash(GENESIS_HASH, entry);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, { ...entry, payload: { amountCents: 5 } })).toBe(h);
    expect(entryHash(GENESIS_HASH, { ...entry, payload: { amountCents: 6 } })).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...entry, seq: 2 })).not.toBe(h);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(h);
  });
});
