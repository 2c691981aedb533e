import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';
import { pgCode } from '../database/database.service.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://wijkflow.nl/problems/';

/** Status and title per domain error code. The switch is exhaustive: a new code must be mapped here. */
export function statusOf(code: ErrorCode): { status: number; title: string } {
  switch (code) {
    case ErrorCode.InvalidInput:
      return { status: 400, title: 'Invalid input' };
    case ErrorCode.Unauthenticated:
      return { status: 401, title: 'Not authenticated' };
    case ErrorCode.Forbidden:
      return { status: 403, title: 'Forbidden' };
    case ErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case ErrorCode.StateConflict:
      return { status: 409, title: 'Not allowed in the current state' };
    case ErrorCode.RuleViolation:
      return { status: 409, title: 'Business rule violated' };
    case ErrorCode.ConcurrentUpdate:
      return { status: 409, title: 'Changed concurrently' };
    case ErrorCode.VersionMismatch:
      return { status: 412, title: 'Version is no longer current' };
    case ErrorCode.IdempotencyKeyReused:
      return { status: 422, title: 'Idempotency key reused' };
    case ErrorCode.NotAcceptable:
      return { status: 406, title: 'Not acceptable' };
    case ErrorCode.PayloadTooLarge:
      return { status: 413, title: 'Payload too large' };
    case ErrorCode.TooManyRequests:
      return { status: 429, title: 'Too many requests' };
    case ErrorCode.Unavailable:
      return { status: 503, title: 'Service unavailable' };
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

const HTTP_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  503: 'Service unavailable',
};

const HTTP_DETAILS: Record<number, string> = {
  401: 'A valid bearer token is required.',
  403: 'You may not do this.',
  404: 'The resource does not exist or is not visible to you.',
  408: 'The request took too long.',
  413: 'The request body is larger than 1 MB.',
  415: 'Send the body as application/json.',
  429: 'Too many requests; try again later.',
  503: 'The service is temporarily unavailable.',
};

/**
 * The database is down or gone (not a bad request, not a bug): connection failures,
 * PostgreSQL shutting down or refusing connections, the database dropped, PGlite closed.
 * The client gets 503 with Retry-After instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgCode(error);
  if (code && (/^(08|53|57P0)/.test(code) || code === '3D000')) return true;
  if (code && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)$/.test(code))
    return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed/i.test(
    message,
  );
}

/**
 * The database is up but could not finish in time: PostgreSQL cancelled the statement at
 * statement_timeout (REQUEST_TIMEOUT_MS), typically while it waited for a row another
 * transaction holds. Nothing was written; the client may try again.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = pgCode(error);
  return code === '57014' || code === '55P03';
}

function slug(s: string): string {
  return s.toLowerCase().replace(/_/g, '-');
}

/** Turns anything thrown into an RFC 9457 problem document, without internals. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    const { status, title } = statusOf(error.code);
    const rule = typeof error.extras.code === 'string' ? error.extras.code : error.code;
    return { type: PROBLEM_BASE + slug(rule), title, status, detail: error.detail, ...error.extras };
  }
  // Errors from body-parser (malformed JSON, too large, bad charset) carry a status and a type.
  const bodyError = error as { type?: unknown; status?: unknown; statusCode?: unknown };
  if (
    typeof bodyError?.type === 'string' &&
    typeof bodyError.status === 'number' &&
    !(error instanceof HttpException)
  ) {
    const status = bodyError.status;
    if (status === 413) {
      return {
        type: PROBLEM_BASE + 'payload-too-large',
        title: HTTP_TITLES[413],
        status,
        detail: HTTP_DETAILS[413],
      };
    }
    if (status >= 400 && status < 500) {
      const detail =
        bodyError.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : 'The request body could not be read.';
      return { type: PROBLEM_BASE + 'malformed-body', title: HTTP_TITLES[400], status: 400, detail };
    }
  }
  if (isDatabaseUnavailable(error)) {
    return { type: 'about:blank', title: HTTP_TITLES[503], status: 503, detail: HTTP_DETAILS[503] };
  }
  if (isDatabaseBusy(error)) {
    return {
      type: PROBLEM_BASE + 'busy',
      title: HTTP_TITLES[503],
      status: 503,
      detail: 'The request took too long and was stopped; nothing was changed. Try again shortly.',
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const title = HTTP_TITLES[status] ?? (status >= 500 ? 'Internal error' : 'Request refused');
    const detail =
      HTTP_DETAILS[status] ?? (status >= 500 ? 'Something went wrong on our side.' : title + '.');
    return { type: 'about:blank', title, status, detail };
  }
  return {
    type: 'about:blank',
    title: 'Internal error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'Something went wrong on our side. The error has been logged.',
  };
}

/**
 * Answers with the problem document for `error`: the one way every problem leaves the app,
 * from the exception filter and from the middleware that answers before Nest's routing
 * (unknown paths, bodies refused for their shape, switched-off endpoints).
 */
export function sendProblem(res: Response, error: unknown): Problem {
  const problem = toProblem(error);
  if (res.headersSent) return problem;
  if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  // Whoever knows better (the guard, from the identity provider's back-off) has set it already.
  if (problem.status === 503 && !res.hasHeader('Retry-After')) res.setHeader('Retry-After', '5');
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  return problem;
}

/** Registered once, as APP_FILTER in AppModule. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const problem = sendProblem(res, error);
    // A DomainError is a refusal the code chose (a 503 for an unreachable identity provider is
    // logged where it is detected, once per attempt), not an error to log on every request.
    if (problem.status >= 500 && !(error instanceof DomainError)) {
      // Internals go to the log (with the request id), never to the client.
      this.logger.error({ err: error, path: req?.path }, 'unhandled error');
    }
  }
}
