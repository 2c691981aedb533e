import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { LevelWithSilent } from 'pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import { APP_CONFIG, type AppConfig } from './config.js';

const REQUEST_ID = /^[\w-]{1,64}$/;

// A last line of defence for anything that slips into a log line (an error message that
// quotes a value, a future log call with a body in it): e-mail addresses and JWTs are masked.
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;

export function maskSecrets(line: string): string {
  return line.replace(JWT, '[token]').replace(EMAIL, '[e-mail]');
}

/** Errors are logged by name, code, message and stack only: driver errors carry query parameters. */
function errorSerializer(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: err.message,
    stack: err.stack,
  };
}

/** The pino-http middleware; configureApp mounts it before every other middleware. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');
export type { HttpLogger };

/**
 * Structured JSON logs with a request id (taken from X-Request-Id when sane, else new).
 * Only method, path and status are logged: no headers (tokens), no bodies (e-mail addresses),
 * no query strings.
 */
function httpLogger(config: AppConfig): HttpLogger {
  return pinoHttp<IncomingMessage, ServerResponse, never>({
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
  });
}

/**
 * nestjs-pino on top of our own pino-http middleware (`useExisting`): Nest's Logger writes
 * through the same pino instance, with the request's id inside a request. The middleware is
 * mounted by configureApp ahead of helmet and the body parser, so requests that never reach
 * a route (malformed JSON, too large, trailing slash) are logged and get an id too.
 */
export const Logging = LoggerModule.forRootAsync({
  providers: [{ provide: HTTP_LOGGER, inject: [APP_CONFIG], useFactory: httpLogger }],
  inject: [HTTP_LOGGER],
  useFactory: (http: HttpLogger) => ({ pinoHttp: { logger: http.logger }, useExisting: true }),
});
