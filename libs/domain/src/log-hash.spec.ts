import { createHash } from 'node:crypto';
import { canonicalJson, entryHash, GENESIS_HASH, hashOfTexts, headerText, jsonbText } from './log-hash.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('jsonbText', () => {
  it('orders keys by byte length, then bytes, with jsonb separators', () => {
    expect(jsonbText({ bb: 1, a: [true, null, 'x'], c: { é: 1, zz: 2, y: 3 } })).toBe(
      '{"a": [true, null, "x"], "c": {"y": 3, "zz": 2, "é": 1}, "bb": 1}',
    );
    expect(jsonbText({})).toBe('{}');
    expect(jsonbText([])).toBe('[]');
    expect(jsonbText('line\nbreak "quoted"')).toBe('"line\\nbreak \\"quoted\\""');
  });
  it('refuses numbers jsonb would print differently', () => {
    expect(() => jsonbText(0.1)).toThrow();
    expect(() => jsonbText(1e21)).toThrow();
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
    payload: { amountCents: 5, motivation: 'ok' },
  };
  it('is SHA-256 over the previous hash, the header and the jsonb text of the payload', () => {
    const expected = createHash('sha256')
      .update(
        `${GENESIS_HASH}\n[1,"2026-01-01T00:00:00.000Z",null,"X",null,null,"a","council"]{"motivation": "ok", "amountCents": 5}`,
      )
      .digest('hex');
    expect(entryHash(GENESIS_HASH, entry)).toBe(expected);
    expect(hashOfTexts(GENESIS_HASH, headerText(entry), jsonbText(entry.payload))).toBe(expected);
  });
  it('changes with any field or the previous hash, not with key order', () => {
    const h = entryHash(GENESIS_HASH, entry);
    expect(entryHash(GENESIS_HASH, { ...entry, payload: { motivation: 'ok', amountCents: 5 } })).toBe(h);
    expect(entryHash(GENESIS_HASH, { ...entry, payload: { amountCents: 6, motivation: 'ok' } })).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...entry, seq: 2 })).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...entry, actorRole: 'official' })).not.toBe(h);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(h);
  });
});
