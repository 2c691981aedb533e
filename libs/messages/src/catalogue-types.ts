import type { ErrorCode } from '../../domain/src/domain-error.js';
import type { RefusalCode, RefusalParams } from '../../workflows/src/case-types.js';
import type { MessageKey, MessageParams } from './messages.js';

/** The title of a problem: per domain error code, and per HTTP status outside the domain. */
export type TitleKey =
  | ErrorCode
  | 'BAD_REQUEST'
  | 'METHOD_NOT_ALLOWED'
  | 'REQUEST_TIMEOUT'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL'
  | 'REFUSED';

/** One language's words: a Record over every key, so a new key does not compile without its words. */
export interface Catalogue {
  titles: Readonly<Record<TitleKey, string>>;
  refusals: { readonly [C in RefusalCode]: (p: RefusalParams[C]) => string };
  messages: { readonly [K in Exclude<MessageKey, 'detail.refusal'>]: (p: MessageParams[K]) => string };
}
