import { msg } from '../../../../libs/messages/src/index.js';
import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, type InvalidParam } from '../../../../libs/domain/src/index.js';

/** NUL, or half of a surrogate pair: valid in JSON and in a URL, but not storable as text. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/**
 * Refuses text that PostgreSQL cannot store: `"\u0000"` and unpaired surrogates such as
 * `"\ud800"` are valid JSON (and `%00` a valid URL), but a text or jsonb column rejects them,
 * which surfaced as a 500 from the database (test/fuzz.e2e-spec.ts). Runs before validation
 * on every body, query, path parameter and header a handler takes, keys included, and names
 * every offending field.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const invalid: InvalidParam[] = [];
    // A named parameter (@Param('id'), @Headers('if-match')) is its name; a whole DTO is its fields.
    const root = metadata.data ?? '';
    // Iterative, so a deep value cannot overflow the stack (bodies are also depth-limited).
    const stack: [unknown, string][] = [[value, root]];
    while (stack.length > 0 && invalid.length < 20) {
      const [v, path] = stack.pop()!;
      if (typeof v === 'string') {
        if (UNSTORABLE.test(v)) invalid.push({ name: path || 'body', reason: REASON });
      } else if (Array.isArray(v)) {
        v.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
      } else if (v !== null && typeof v === 'object') {
        for (const [k, item] of Object.entries(v)) {
          const name = path ? `${path}.${k}` : k;
          if (UNSTORABLE.test(k)) invalid.push({ name: name.replace(UNSTORABLE_ALL, '?'), reason: REASON });
          else stack.push([item, name]);
        }
      }
    }
    if (invalid.length > 0) throw DomainError.invalid(invalid);
    return value;
  }
}

const REASON = msg('reason.unstorable');
