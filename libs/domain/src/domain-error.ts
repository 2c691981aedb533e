import { msg, type Message, type Thing } from '../../messages/src/messages.js';
/**
 * Every refusal the application can give, as a code. The HTTP layer maps each code to a
 * status and a title with an exhaustive switch, so a new code cannot go unmapped.
 * Services throw DomainError, never HTTP exceptions.
 */
export const ErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  StateConflict: 'STATE_CONFLICT',
  RuleViolation: 'RULE_VIOLATION',
  ConcurrentUpdate: 'CONCURRENT_UPDATE',
  VersionMismatch: 'VERSION_MISMATCH',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  NotAcceptable: 'NOT_ACCEPTABLE',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  Unavailable: 'UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One refused field: its name and why, as a message the problem filter puts in words. */
export interface InvalidParam {
  name: string;
  reason: Message;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** The problem's detail, put in the reader's language by the problem filter. */
    readonly detail: Message,
    /** Extra members for the problem document (e.g. invalidParams, code, fromState). */
    readonly extras: Record<string, unknown> = {},
  ) {
    super(detail.key);
    this.name = 'DomainError';
  }

  static invalid(invalidParams: InvalidParam[], detail: Message = msg('detail.invalidFields')): DomainError {
    return new DomainError(ErrorCode.InvalidInput, detail, { invalidParams });
  }

  static notFound(thing: Thing): DomainError {
    return new DomainError(ErrorCode.NotFound, msg('detail.notFound', { thing }));
  }

  static forbidden(detail: Message): DomainError {
    return new DomainError(ErrorCode.Forbidden, detail);
  }
}
