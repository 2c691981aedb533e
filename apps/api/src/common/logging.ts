import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Global, Module } from '@nestjs/common';
import { type DestinationStream, type LevelWithSilent, stdSerializers } from 'pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import { APP_CONFIG, type AppConfig } from './config.js';
import { NestPinoLogger } from './nest-logger.js';

const REQUEST_ID = /^[\w-]{1,64}$/;

// A last line of defence for anything that slips into a log line (an error message that
// quotes a value, a future log call with a body in it): e-mail addresses and JWTs are masked.
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;

export function maskSecrets(line: string): string {
  return line.replace(JWT, '[token]').replace(EMAIL, '[e-mail]');
}

/**
 * Errors are logged by type, code, message and stack only, the message and stack with those
 * of their causes: driver errors carry the query and its parameters in other fields.
 * pino-http hands a custom serializer pino's own serialization of the error (a plain object,
 * the error under `raw`), not the error: taking that for a non-Error logged "[object Object]"
 * instead of the cause of every 500. Either form is taken here, and anything else thrown.
 */
export function errorSerializer(err: unknown): Record<string, unknown> {
  const serialized: unknown =
    err instanceof Error || !isErrorLike(err) || !('raw' in err) ? stdSerializers.err(err as Error) : err;
  if (isErrorLike(serialized)) {
    const { type, code, message, stack } = serialized as Record<string, unknown>;
    return {
      type: typeof type === 'string' ? type : 'Error',
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      message,
      ...(typeof stack === 'string' ? { stack } : {}),
    };
  }
  if (typeof err === 'string') return { type: 'string', message: err };
  // A thrown non-error: its kind, never its contents (they may hold a request body).
  const kind =
    err === null ? 'null' : typeof err === 'object' ? (err.constructor?.name ?? 'object') : typeof err;
  return { type: kind, message: `${kind} thrown instead of an Error` };
}

function isErrorLike(value: unknown): value is { message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** The pino-http middleware; configureApp mounts it before every other middleware. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');
export type { HttpLogger };

/**
 * Structured JSON logs with a request id (taken from X-Request-Id when sane, else new).
 * Only method, path and status are logged: no headers (tokens), no bodies (e-mail addresses),
 * no query strings.
 */
export function httpLogger(config: AppConfig, destination?: DestinationStream): HttpLogger {
  return pinoHttp<IncomingMessage, ServerResponse, never>(
    {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: errorSerializer,
      },
      redact: { paths: ['req.headers', 'res.headers', '*.contactEmail', '*.email'], remove: true },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error): LevelWithSilent =>
        err || res.statusCode >= 500 ? 'error' : 'info',
      hooks: { streamWrite: maskSecrets },
    },
    // Standard output unless a test listens (pino's default when this is undefined).
    destination as DestinationStream,
  );
}

/**
 * The pino-http logger and Nest's Logger on top of the same pino instance (NestPinoLogger),
 * with the request's id inside a request. configureApp mounts the middleware ahead of helmet
 * and the body parser, so requests that never reach a route (malformed JSON, too large,
 * trailing slash) are logged and get an id too.
 */
@Global()
@Module({
  providers: [
    { provide: HTTP_LOGGER, inject: [APP_CONFIG], useFactory: httpLogger },
    {
      provide: NestPinoLogger,
      inject: [HTTP_LOGGER],
      useFactory: (http: HttpLogger) => new NestPinoLogger(http.logger),
    },
  ],
  exports: [HTTP_LOGGER, NestPinoLogger],
})
export class Logging {}
