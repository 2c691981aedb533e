import { DomainError } from '../../../../libs/domain/src/index.js';

/** No request body of this API nests deeper than a few levels; 32 leaves room. */
export const MAX_BODY_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * A body-parser `verify` hook: refuses JSON nested deeper than MAX_BODY_DEPTH before it is
 * parsed. The parse itself copes with deep nesting, but the recursive walks after it
 * (stripping __proto__ keys, class-transformer) overflow the stack on a body like
 * `[[[[…]]]]` 100,000 deep and would answer 500 (test/fuzz.e2e-spec.ts). One pass over the
 * bytes, counting brackets outside strings.
 */
export function refuseDeepNesting(_req: unknown, _res: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > MAX_BODY_DEPTH) {
        throw DomainError.invalid([
          { name: 'body', reason: `is nested more than ${MAX_BODY_DEPTH} levels deep` },
        ]);
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
}
