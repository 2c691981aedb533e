import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode, type InvalidParam } from '../../../../libs/domain/src/index.js';
import {
  DEFAULT_LANGUAGE,
  type Language,
  type Message,
  type TitleKey,
  isMessage,
  msg,
  render,
  title,
} from '../../../../libs/messages/src/index.js';
import { answerIn, languageOf } from './language.js';
import { pgCode } from '../database/database.service.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://wijkflow.nl/problems/';

/** The status per domain error code (its title is in the catalogue). Exhaustive: a new code must be mapped here. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.InvalidInput:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.StateConflict:
    case ErrorCode.RuleViolation:
    case ErrorCode.ConcurrentUpdate:
      return 409;
    case ErrorCode.VersionMismatch:
      return 412;
    case ErrorCode.IdempotencyKeyReused:
      return 422;
    case ErrorCode.NotAcceptable:
      return 406;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.TooManyRequests:
      return 429;
    case ErrorCode.Unavailable:
      return 503;
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

/** Title and detail of an HTTP status that reaches the filter outside the domain (a guard's, Nest's routing). */
const HTTP_WORDS: Readonly<Record<number, { title: TitleKey; detail: Message }>> = {
  400: { title: 'BAD_REQUEST', detail: msg('detail.invalidFields') },
  401: { title: 'UNAUTHENTICATED', detail: msg('detail.unauthenticated') },
  403: { title: 'FORBIDDEN', detail: msg('detail.forbidden') },
  404: { title: 'NOT_FOUND', detail: msg('detail.notFound', { thing: 'resource' }) },
  405: { title: 'METHOD_NOT_ALLOWED', detail: msg('detail.methodNotAllowed') },
  406: { title: 'NOT_ACCEPTABLE', detail: msg('detail.notAcceptable', { offered: ['application/json'] }) },
  408: { title: 'REQUEST_TIMEOUT', detail: msg('detail.requestTimeout') },
  413: { title: 'PAYLOAD_TOO_LARGE', detail: msg('detail.payloadTooLarge') },
  415: { title: 'UNSUPPORTED_MEDIA_TYPE', detail: msg('detail.unsupportedMediaType') },
  429: { title: 'TOO_MANY_REQUESTS', detail: msg('detail.tooManyRequests', {}) },
  503: { title: 'UNAVAILABLE', detail: msg('detail.unavailable') },
};

/** A problem before it is put in words: title and detail (and invalidParams' reasons) as catalogue keys. */
interface ProblemDraft {
  type: string;
  title: TitleKey;
  status: number;
  detail: Message;
  extras?: Record<string, unknown>;
}

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

function httpDraft(status: number): ProblemDraft {
  const words = HTTP_WORDS[status];
  if (words) return { type: 'about:blank', status, ...words };
  return status >= 500
    ? { type: 'about:blank', status, title: 'INTERNAL', detail: msg('detail.internal') }
    : { type: 'about:blank', status, title: 'REFUSED', detail: msg('detail.refused') };
}

/** What anything thrown becomes, without internals. */
function draftOf(error: unknown): ProblemDraft {
  if (error instanceof DomainError) {
    const rule = typeof error.extras.code === 'string' ? error.extras.code : error.code;
    return {
      type: PROBLEM_BASE + slug(rule),
      title: error.code,
      status: statusOf(error.code),
      detail: error.detail,
      extras: error.extras,
    };
  }
  // Errors from body-parser (malformed JSON, too large, bad charset) carry a status and a type;
  // Nest's adapter may have wrapped one in an HttpException, as its cause.
  const bodyError = (error instanceof HttpException ? error.cause : error) as {
    type?: unknown;
    status?: unknown;
  };
  if (typeof bodyError?.type === 'string' && typeof bodyError.status === 'number') {
    const status = bodyError.status;
    if (status === 413) return { ...httpDraft(413), type: PROBLEM_BASE + 'payload-too-large' };
    if (status === 415) return httpDraft(415);
    if (status >= 400 && status < 500) {
      const detail =
        bodyError.type === 'entity.parse.failed' ? msg('detail.malformedJson') : msg('detail.unreadableBody');
      return { type: PROBLEM_BASE + 'malformed-body', title: 'BAD_REQUEST', status: 400, detail };
    }
  }
  if (isDatabaseUnavailable(error)) return httpDraft(503);
  if (isDatabaseBusy(error)) {
    return { type: PROBLEM_BASE + 'busy', title: 'UNAVAILABLE', status: 503, detail: msg('detail.busy') };
  }
  if (error instanceof HttpException) return httpDraft(error.getStatus());
  return {
    type: 'about:blank',
    title: 'INTERNAL',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: msg('detail.internal'),
  };
}

/** invalidParams with each reason in words. */
function sayInvalidParams(value: unknown, lang: Language): unknown {
  if (!Array.isArray(value)) return value;
  return (value as InvalidParam[]).map((p) => ({
    name: p.name,
    reason: isMessage(p.reason) ? render(p.reason, lang) : String(p.reason),
  }));
}

/** Turns anything thrown into an RFC 9457 problem document in `lang`. */
export function toProblem(error: unknown, lang: Language = DEFAULT_LANGUAGE): Problem {
  const draft = draftOf(error);
  const extras = { ...draft.extras };
  if ('invalidParams' in extras) extras.invalidParams = sayInvalidParams(extras.invalidParams, lang);
  return {
    type: draft.type,
    title: title(draft.title, lang),
    status: draft.status,
    detail: render(draft.detail, lang),
    ...extras,
  };
}

/**
 * Answers with the problem document for `error`: the one way every problem leaves the app,
 * from the exception filter and from the middleware that answers before Nest's routing
 * (unknown paths, bodies refused for their shape, switched-off endpoints).
 */
export function sendProblem(res: Response, error: unknown): Problem {
  const lang = res.req ? languageOf(res.req) : DEFAULT_LANGUAGE;
  const problem = toProblem(error, lang);
  if (res.headersSent) return problem;
  answerIn(res, lang);
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
