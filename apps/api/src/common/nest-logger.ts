import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as Pino } from 'pino';
import type { HttpLogger } from 'pino-http';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's Logger written through the app's pino instance, one JSON line a message, with the
 * request id when it is called while a request is handled. This is what nestjs-pino did for
 * the app; its releases that accept NestJS 12 require Node 22, the project runs on Node 20.
 */
export class NestPinoLogger implements LoggerService {
  private readonly requestLogger = new AsyncLocalStorage<Pino>();

  constructor(private readonly root: Pino) {}

  /**
   * The pino-http middleware, followed by the rest of the request inside its child logger
   * (the one that carries the request id), so Nest's log lines of that request carry it too.
   */
  middleware(http: HttpLogger) {
    return (req: IncomingMessage, res: ServerResponse, next: () => void) =>
      http(req, res, () => this.requestLogger.run((req as IncomingMessage & { log: Pino }).log, next));
  }

  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  /**
   * Nest's convention: the last extra argument is the context (the class that logs). Its
   * exception handlers call error(message, stack, context): the stack goes under err.
   */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = this.requestLogger.getStore() ?? this.root;
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    if (rest.length > 0) fields.context = rest.pop();
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else if (level === 'error' && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      const err = new Error(String(message));
      err.stack = rest[0];
      logger.error({ ...fields, err });
      return;
    }
    if (typeof message === 'object' && message !== null) logger[level](fields, ...(rest as []));
    else logger[level](fields, String(message), ...(rest as []));
  }
}
