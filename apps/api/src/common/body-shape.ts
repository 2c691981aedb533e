import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { msg, type ShapeLimit } from '../../../../libs/messages/src/index.js';
import { sendProblem } from './problem.filter.js';

export interface BodyShapeLimits {
  /** Levels of objects and arrays, the outermost one being level 1. */
  depth: number;
  /** Keys written in one object, a repeated key counted each time. */
  keysPerObject: number;
  arrayItems: number;
  /** Every value in the body, the body itself included: objects, arrays, strings, numbers, … */
  nodes: number;
}

/**
 * Bounds on the shape of every JSON body, checked on its bytes before it is parsed.
 *
 * The largest legitimate bodies are small: a case submission has 12 fields, an event body at
 * most 4, a programme at most 50 themes, an audit check at most 1,000 checkpoints, a dev
 * token 4 roles and 5 areas; events that carry lists (deliverables, up to 20; indicators, up
 * to 10, with their values) stay under a thousand values. Each limit leaves room above
 * that, and is low enough that the
 * worst body within all four costs about ten normal requests (test/body-shape.e2e-spec.ts):
 * what a body costs after the parser grows with its values (class-transformer copies each
 * one, the text checks look at each one) and, per object, with the square of its keys
 * (class-transformer compares every key with every other: one object of 85,000 keys, under
 * 1 MB, took 5 seconds).
 *
 * - depth 32: the bodies nest three levels at most. The walks after the parser (Nest
 *   stripping __proto__ keys, class-transformer) are recursive and overflowed the stack on
 *   `[[[[…]]]]` 100,000 deep (test/fuzz.e2e-spec.ts).
 * - 100 keys per object: the largest object has 12 fields. Unknown fields are refused one by
 *   one, so a client that sends extra fields still hears which.
 * - 2,000 items per array: the longest list a body takes is 1,000 checkpoints (POST
 *   /audit/verify), whose own limit then still names the field; the next is 50 themes.
 * - 5,000 values in all: the bound on the cost after the parser. A body at this limit took
 *   about nine times as long as a normal dev-token request, one at 10,000 eighteen times.
 */
export const BODY_SHAPE_LIMITS: Readonly<BodyShapeLimits> = Object.freeze({
  depth: 32,
  keysPerObject: 100,
  arrayItems: 2_000,
  nodes: 5_000,
});

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** Whitespace and the colon carry no shape: skipped. */
const SKIPPED = new Uint8Array(256);
for (const c of ' \t\r\n:') SKIPPED[c.charCodeAt(0)] = 1;
/** Bytes that end a number or a literal (true, false, null). */
const ENDS_TOKEN = new Uint8Array(256);
for (const c of ' \t\r\n:,{}[]"') ENDS_TOKEN[c.charCodeAt(0)] = 1;

/** The index just past the string that opens at `start` (its closing quote is one not escaped). */
function pastString(json: Buffer, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = json.indexOf(QUOTE, from);
    if (quote < 0) return json.length;
    // The run of backslashes before a quote lies after the previous quote: each byte is
    // looked at once, whatever the string holds.
    let backslashes = 0;
    while (quote - backslashes - 1 > start && json[quote - backslashes - 1] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function pastToken(json: Buffer, start: number): number {
  let i = start + 1;
  while (i < json.length && ENDS_TOKEN[json[i]] === 0) i++;
  return i;
}

/**
 * The first limit the JSON text `json` (UTF-8) exceeds (its name in `limits`);
 * null when it does not. One pass over the bytes, before JSON.parse: parsing itself is the
 * first cost a body's shape drives (one object of 90,000 keys or 500,000 nested arrays took
 * JSON.parse a quarter of a second or more), so the shape is bounded before it. The pass
 * stops at the first excess, and strings are skipped with Buffer.indexOf, so a large body
 * within the limits costs about a copy of it. It does not check the syntax: text that is not
 * JSON gets through to JSON.parse, which refuses it; whatever it is, each byte is looked at
 * once at most.
 */
export function jsonShapeProblem(
  json: Buffer,
  limits: BodyShapeLimits = BODY_SHAPE_LIMITS,
): ShapeLimit | null {
  // Per open object or array, innermost last: which it is, and its keys or items so far.
  const isObject: boolean[] = [];
  const counts: number[] = [];
  // In an object, after `{` or `,`: the next string is a key, not a value.
  let expectKey = false;
  let nodes = 0;
  // A UTF-8 byte order mark, which the parser drops.
  let i = json[0] === 0xef && json[1] === 0xbb && json[2] === 0xbf ? 3 : 0;
  while (i < json.length) {
    const c = json[i];
    if (SKIPPED[c] === 1) {
      i++;
      continue;
    }
    const top = counts.length - 1;
    if (c === COMMA) {
      expectKey = top >= 0 && isObject[top];
      i++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      isObject.pop();
      counts.pop();
      expectKey = false;
      i++;
    } else if (expectKey) {
      if (++counts[top] > limits.keysPerObject) {
        return 'keysPerObject';
      }
      expectKey = false;
      i = c === QUOTE ? pastString(json, i) : pastToken(json, i);
    } else {
      // The start of a value.
      if (++nodes > limits.nodes) return 'nodes';
      if (top >= 0 && !isObject[top] && ++counts[top] > limits.arrayItems) {
        return 'arrayItems';
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (counts.length >= limits.depth) return 'depth';
        isObject.push(c === OPEN_OBJECT);
        counts.push(0);
        expectKey = c === OPEN_OBJECT;
        i++;
      } else {
        i = c === QUOTE ? pastString(json, i) : pastToken(json, i);
      }
    }
  }
  return null;
}

const SHAPE_EXCEEDED = 'entity.shape.exceeded';

/** A body refused for its shape, on its way from the parser to answerShapeRefusal. */
class BodyShapeError extends Error {
  readonly type = SHAPE_EXCEEDED;
  readonly status = 400;
  constructor(readonly limit: ShapeLimit) {
    super(`body exceeds ${limit}`);
  }
}

/**
 * For body-parser's `verify` option: runs on the raw body (inflated, at most the size limit)
 * before JSON.parse, and stops the parse by throwing. Only UTF-8 is scanned, so only UTF-8 is
 * taken: JSON between systems must be UTF-8 (RFC 8259, 8.1), and in UTF-16 or UTF-32 a byte
 * 0x22 is not always a quote. Other charsets get the same refusal as an unknown one.
 */
export function verifyJsonShape(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  encoding: string,
): void {
  if (encoding !== 'utf-8') {
    throw Object.assign(new Error(`unsupported charset "${encoding}"`), {
      status: 415,
      type: 'charset.unsupported',
    });
  }
  const reason = jsonShapeProblem(body);
  if (reason !== null) throw new BodyShapeError(reason);
}

/**
 * Express error middleware, right after the JSON parser: answers a body that verifyJsonShape
 * refused with a 400 problem listing the excess in invalidParams, before any guard, pipe or
 * handler. Without the bound a body under 1 MB with tens of thousands of keys kept the
 * process busy for seconds, before authentication (the validation of POST /auth/dev-token)
 * and after it (POST /cases, events), and every other request, /health included, waited.
 */
export function answerShapeRefusal(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(error instanceof BodyShapeError)) return next(error);
  sendProblem(
    res,
    DomainError.invalid(
      [
        {
          name: 'body',
          reason: msg('reason.shape', { limit: error.limit, max: BODY_SHAPE_LIMITS[error.limit] }),
        },
      ],
      msg('detail.bodyShape'),
    ),
  );
}
