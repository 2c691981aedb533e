import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

/**
 * Decorators as if written one above the other over the property, in this order. Stacked
 * decorators run bottom-up, applyDecorators runs them in its argument order; reversing keeps
 * class-validator's constraints, and so the reasons of a 400, in the order of a written stack.
 */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...decorators.reverse());
}

/**
 * The `limit` of a paged list: an optional whole number from 1 to `maximum`, `default` when
 * absent (the service applies it; this documents it). `integer` declares the OpenAPI type
 * `integer` instead of the `number` read from the property's type.
 */
export function PageLimit(o: { maximum: number; default: number; integer?: boolean }): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({
      ...(o.integer ? { type: 'integer' } : {}),
      minimum: 1,
      maximum: o.maximum,
      default: o.default,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(o.maximum),
  );
}

/**
 * The `cursor` of a paged list: an optional text of at most `maxLength` characters (and at
 * least `minLength`, when given), the `nextCursor` of the previous page. What a cursor must
 * look like beyond that is the list's own rule.
 */
export function PageCursor(o: {
  maxLength: number;
  minLength?: number;
  description?: string;
}): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ description: o.description ?? 'nextCursor of the previous page' }),
    IsOptional(),
    IsString(),
    o.minLength === undefined ? MaxLength(o.maxLength) : Length(o.minLength, o.maxLength),
  );
}
