import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { toProblem } from './problem.filter.js';

/** No request body of this API nests deeper than a few levels; 32 leaves room. */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests objects or arrays more than `max` levels deep (iteratively: no recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Express middleware, after the JSON parser: refuses a body nested deeper than
 * MAX_BODY_DEPTH with a 400. JSON.parse copes with deep nesting, but the recursive walks
 * after it (Nest stripping __proto__ keys, class-transformer) overflow the stack on a body
 * like `[[[[…]]]]` 100,000 deep and answered 500 (test/fuzz.e2e-spec.ts).
 */
export function refuseDeepNesting(req: Request, res: Response, next: NextFunction): void {
  if (!nestedDeeperThan(req.body, MAX_BODY_DEPTH)) return next();
  const problem = toProblem(
    DomainError.invalid([{ name: 'body', reason: `is nested more than ${MAX_BODY_DEPTH} levels deep` }]),
  );
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
