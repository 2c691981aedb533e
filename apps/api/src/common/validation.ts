import type { ValidationError } from 'class-validator';
import type { InvalidParam } from '../../../../libs/domain/src/index.js';

/** Flattens class-validator's tree into one entry per invalid field (`areas.0`, `claim`, …). */
export function invalidParams(errors: ValidationError[], parent = ''): InvalidParam[] {
  return errors.flatMap((e) => {
    const name = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints
      ? [
          {
            name,
            reason: Object.values(e.constraints)
              .join('; ')
              .replace(/^property (\S+) should not exist$/, 'unknown field'),
          },
        ]
      : [];
    return [...own, ...invalidParams(e.children ?? [], name)];
  });
}
