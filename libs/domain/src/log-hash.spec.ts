import { createHash } from 'node:crypto';
import {
  canonicalJson,
  entryHash,
  GENESIS_HASH,
  type HashedEntry,
  hashOfTexts,
  headerText,
  jsonbText,
} from './log-hash.js';

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

describe('entryHash, rule 1 (entries written before rule 2)', () => {
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
    expect(entryHash(GENESIS_HASH, entry, 1)).toBe(expected);
    expect(hashOfTexts(GENESIS_HASH, headerText(entry, 1), jsonbText(entry.payload))).toBe(expected);
  });
  it('changes with any field or the previous hash, not with key order', () => {
    const h = entryHash(GENESIS_HASH, entry, 1);
    expect(entryHash(GENESIS_HASH, { ...entry, payload: { motivation: 'ok', amountCents: 5 } }, 1)).toBe(h);
    expect(entryHash(GENESIS_HASH, { ...entry, payload: { amountCents: 6, motivation: 'ok' } }, 1)).not.toBe(
      h,
    );
    expect(entryHash(GENESIS_HASH, { ...entry, seq: 2 }, 1)).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...entry, actorRole: 'official' }, 1)).not.toBe(h);
    expect(entryHash('1'.repeat(64), entry, 1)).not.toBe(h);
  });
});

describe('entryHash, rule 2 (every column)', () => {
  const entry: HashedEntry = {
    seq: 1,
    at: '2026-01-01T00:00:00.000Z',
    caseId: '7d4c6a52-8d1e-4f4e-9d43-2a9f5c1b2e10',
    caseReference: 'INI-2026-000001',
    areaCode: 'oost',
    event: 'ASSESS',
    fromState: 'submitted',
    toState: 'assessed',
    actorId: 'official-1',
    actorRole: 'official',
    actorName: 'A. Ambtenaar',
    payload: { advice: 'honour' },
  };
  it('is SHA-256 over the previous hash, a header that starts with its version, and the payload', () => {
    const header =
      '[2,1,"2026-01-01T00:00:00.000Z","7d4c6a52-8d1e-4f4e-9d43-2a9f5c1b2e10","INI-2026-000001","oost",' +
      '"ASSESS","submitted","assessed","official-1","official","A. Ambtenaar"]';
    expect(headerText(entry)).toBe(header);
    expect(headerText(entry, 2)).toBe(header);
    const expected = createHash('sha256')
      .update(`${GENESIS_HASH}\n${header}{"advice": "honour"}`)
      .digest('hex');
    expect(entryHash(GENESIS_HASH, entry)).toBe(expected);
    expect(entryHash(GENESIS_HASH, entry, 2)).toBe(expected);
  });
  it('changes with every field, the ones rule 1 left out included', () => {
    const h = entryHash(GENESIS_HASH, entry);
    const changed: Partial<HashedEntry>[] = [
      { seq: 2 },
      { at: '2026-01-01T00:00:00.001Z' },
      { caseId: null },
      { caseReference: 'INI-2026-000002' },
      { caseReference: null },
      { areaCode: 'west' },
      { event: 'REJECT' },
      { fromState: null },
      { toState: 'rejected' },
      { actorId: 'official-2' },
      { actorRole: 'alderman' },
      { actorName: 'B. Ambtenaar' },
      { actorName: null },
      { payload: { advice: 'reject' } },
    ];
    for (const change of changed) {
      expect(entryHash(GENESIS_HASH, { ...entry, ...change })).not.toBe(h);
    }
    expect(entryHash('1'.repeat(64), entry)).not.toBe(h);
  });
  it('differs from rule 1 for the same entry: the version is part of what is hashed', () => {
    expect(entryHash(GENESIS_HASH, entry)).not.toBe(entryHash(GENESIS_HASH, entry, 1));
  });
});
