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

export interface InvalidParam {
  name: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra members for the problem document (e.g. invalidParams, rule, fromState). */
    readonly extras: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }

  static invalid(
    invalidParams: InvalidParam[],
    detail = 'The request contains invalid fields.',
  ): DomainError {
    return new DomainError(ErrorCode.InvalidInput, detail, { invalidParams });
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} was not found.`);
  }

  static forbidden(detail: string): DomainError {
    return new DomainError(ErrorCode.Forbidden, detail);
  }
}
