import { createHash } from 'node:crypto';

/** Values for the `:names` of a statement. `undefined` is refused: say `null` when you mean NULL. */
export type Params = Readonly<Record<string, unknown>>;

/**
 * A statement ready for the driver: positional text and its values. `name` is derived from
 * the text alone, so one statement shape has one name in every process: the pg client can be
 * given `{ name, text, values }` to prepare it once per connection.
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
  readonly values: unknown[];
}

/** A statement shape with its `:names` replaced by `$1`, `$2`, … (each name bound once). */
interface Compiled {
  name: string;
  text: string;
  /** The names in the order of their `$n`. */
  names: string[];
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;
/** Texts are written in the code and only their values vary, so the shapes are few. */
const MAX_CACHED_SHAPES = 1000;
const cache = new Map<string, Compiled>();

/**
 * Turns SQL with named parameters into the positional form PostgreSQL takes:
 *
 *     named('UPDATE cases SET state = :toState WHERE id = :id AND version = :version', { toState, id, version })
 *     // → { text: 'UPDATE cases SET state = $1 WHERE id = $2 AND version = $3', values: [toState, id, version], name }
 *
 * A name used twice is bound once (`:at … :at` → `$1 … $1`). Casts (`:id::uuid`, `x::text`),
 * string literals (`'HH24:MI'`, `E'\n'`, `$$…$$`), quoted identifiers and comments are left
 * as they are. A name in the text without a value, a value the text does not use, and a
 * positional `$1` outside a literal (the two styles would collide) are programming errors:
 * they throw before anything is sent.
 */
export function named(source: string, params: Params): Statement {
  const compiled = compile(source);
  const given = new Set(Object.keys(params).filter((k) => params[k] !== undefined));
  const missing = compiled.names.filter((n) => !given.has(n));
  if (missing.length > 0)
    throw new Error(`named SQL: no value for ${missing.map((n) => `:${n}`).join(', ')}`);
  const used = new Set(compiled.names);
  const unknown = Object.keys(params).filter((k) => !used.has(k));
  if (unknown.length > 0)
    throw new Error(`named SQL: the text has no ${unknown.map((n) => `:${n}`).join(', ')}`);
  return { name: compiled.name, text: compiled.text, values: compiled.names.map((n) => params[n]) };
}

function compile(source: string): Compiled {
  const known = cache.get(source);
  if (known) return known;
  const compiled = parse(source);
  if (cache.size < MAX_CACHED_SHAPES) cache.set(source, compiled);
  return compiled;
}

function parse(source: string): Compiled {
  const names: string[] = [];
  const position = new Map<string, number>();
  let text = '';
  let i = 0;
  const n = source.length;
  /** Copies source[i…end) unchanged and moves on. */
  const copyTo = (end: number) => {
    text += source.slice(i, end);
    i = end;
  };
  const previousIsIdentifier = () => i > 0 && /[A-Za-z0-9_$]/.test(source[i - 1]);
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "'") {
      // E'…' strings escape with a backslash; others only by doubling the quote.
      const escapes = i > 0 && /[Ee]/.test(source[i - 1]) && !(i > 1 && IDENTIFIER_PART.test(source[i - 2]));
      copyTo(endOfQuoted(source, i, "'", escapes));
    } else if (c === '"') {
      copyTo(endOfQuoted(source, i, '"', false));
    } else if (c === '-' && next === '-') {
      const end = source.indexOf('\n', i);
      copyTo(end === -1 ? n : end);
    } else if (c === '/' && next === '*') {
      copyTo(endOfBlockComment(source, i));
    } else if (c === '$' && !previousIsIdentifier()) {
      if (next !== undefined && /[0-9]/.test(next)) {
        throw new Error(`named SQL: positional parameter at "${source.slice(i, i + 4)}"; use :names only`);
      }
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(source.slice(i));
      if (tag) {
        const close = source.indexOf(tag[0], i + tag[0].length);
        if (close === -1) throw new Error('named SQL: unterminated dollar-quoted string');
        copyTo(close + tag[0].length);
      } else {
        copyTo(i + 1);
      }
    } else if (c === ':' && next === ':') {
      copyTo(i + 2); // a cast
    } else if (c === ':' && next !== undefined && IDENTIFIER_START.test(next)) {
      let end = i + 2;
      while (end < n && IDENTIFIER_PART.test(source[end])) end++;
      const name = source.slice(i + 1, end);
      let index = position.get(name);
      if (index === undefined) {
        names.push(name);
        index = names.length;
        position.set(name, index);
      }
      text += `$${index}`;
      i = end;
    } else {
      copyTo(i + 1);
    }
  }
  return { name: statementName(text), text, names };
}

/** The name of a positional statement text: the same text has the same name in every process. */
export function statementName(text: string): string {
  return `wf_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
}

/** The index just past the closing quote of the literal or identifier opening at `start`. */
function endOfQuoted(source: string, start: number, quote: string, backslashEscapes: boolean): number {
  for (let i = start + 1; i < source.length; i++) {
    if (backslashEscapes && source[i] === '\\') {
      i++;
    } else if (source[i] === quote) {
      if (source[i + 1] !== quote) return i + 1;
      i++; // a doubled quote stands for itself
    }
  }
  throw new Error(`named SQL: unterminated ${quote === "'" ? 'string literal' : 'quoted identifier'}`);
}

/** Block comments nest in PostgreSQL. */
function endOfBlockComment(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length - 1; i++) {
    if (source[i] === '/' && source[i + 1] === '*') {
      depth++;
      i++;
    } else if (source[i] === '*' && source[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('named SQL: unterminated comment');
}
