import { named } from './named.js';

describe('named: :names to $n', () => {
  it('binds each name once, in order of first use', () => {
    const s = named(
      'UPDATE cases SET state = :toState WHERE id = :id AND version = :version AND :id IS NOT NULL',
      {
        version: 3,
        id: 'c1',
        toState: 'honoured',
      },
    );
    expect(s.text).toBe('UPDATE cases SET state = $1 WHERE id = $2 AND version = $3 AND $2 IS NOT NULL');
    expect(s.values).toEqual(['honoured', 'c1', 3]);
  });

  it('leaves casts alone, also right after a name', () => {
    const s = named('SELECT :snapshot::jsonb, x::text, :ids::uuid[], y :: int', { snapshot: '{}', ids: [] });
    expect(s.text).toBe('SELECT $1::jsonb, x::text, $2::uuid[], y :: int');
    expect(s.values).toEqual(['{}', []]);
  });

  it('leaves string literals, quoted identifiers, dollar quotes and comments alone', () => {
    const source = [
      `SELECT to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'it''s :not', E'\\n:no\\' :still', "col:umn",`,
      `  $$ :dollar $1 $$, $tag$ :x $tag$, 'costs $1' -- :comment $2`,
      `  /* :block /* nested :n */ $3 */ FROM t WHERE a = :a`,
    ].join('\n');
    const s = named(source, { a: 1 });
    expect(s.text).toBe(source.replace(':a', '$1'));
    expect(s.values).toEqual([1]);
  });

  it('leaves slices and words with a colon inside alone', () => {
    expect(named('SELECT arr[1:2], :b', { b: 2 }).text).toBe('SELECT arr[1:2], $1');
  });

  it('throws on a name without a value, undefined included', () => {
    expect(() => named('SELECT :a, :b', { a: 1 })).toThrow(/no value for :b/);
    expect(() => named('SELECT :a', { a: undefined })).toThrow(/no value for :a/);
  });

  it('binds null as a value', () => {
    expect(named('SELECT :a', { a: null }).values).toEqual([null]);
  });

  it('throws on a value the text does not use', () => {
    expect(() => named('SELECT :a', { a: 1, typo: 2 })).toThrow(/the text has no :typo/);
  });

  it('refuses positional parameters outside literals (the numbers would collide)', () => {
    expect(() => named('SELECT $1, :a', { a: 1 })).toThrow(/positional parameter/);
  });

  it('throws on an unterminated literal rather than guess', () => {
    expect(() => named("SELECT 'open :a", { a: 1 })).toThrow(/unterminated/);
  });

  it('gives one text and one name per statement shape, whatever the values', () => {
    const a = named('SELECT * FROM t WHERE id = :id', { id: 1 });
    const b = named('SELECT * FROM t WHERE id = :id', { id: 2 });
    const other = named('SELECT * FROM t WHERE id <> :id', { id: 1 });
    expect(b.text).toBe(a.text);
    expect(b.name).toBe(a.name);
    expect(a.name).toMatch(/^wf_[0-9a-f]{20}$/);
    expect(other.name).not.toBe(a.name);
  });
});
