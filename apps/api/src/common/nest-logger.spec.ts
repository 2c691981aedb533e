import { FileTypeValidator } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { AppConfig } from './config.js';
import { httpLogger } from './logging.js';
import { NestPinoLogger } from './nest-logger.js';

/** NestPinoLogger over the app's own pino-http logger, writing to an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const http = httpLogger({ logLevel: 'info' } as AppConfig, {
    write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { lines, http, logger: new NestPinoLogger(http.logger) };
}

function request(id: string): [IncomingMessage, ServerResponse] {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = '/api/v1/areas';
  req.headers = { 'x-request-id': id };
  return [req, new ServerResponse(req)];
}

describe("Nest's Logger through pino (NestPinoLogger)", () => {
  it('writes one JSON line a message with its level, message and context', () => {
    const { lines, logger } = capture();
    logger.log('Wijkflow luistert op http://localhost:3000', 'Wijkflow');
    logger.warn('the OIDC issuer answers again', 'IssuerKeys');
    logger.debug('below the level', 'X');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'Wijkflow luistert op http://localhost:3000',
        context: 'Wijkflow',
      }),
      expect.objectContaining({ level: 40, msg: 'the OIDC issuer answers again', context: 'IssuerKeys' }),
    ]);
    expect(lines[0]).not.toHaveProperty('req');
  });

  it('carries the request id in lines written while a request is handled, and not after', () => {
    const { lines, http, logger } = capture();
    const [req, res] = request('trace-me-7');
    logger.middleware(http)(req, res, () => logger.log('inside the request', 'CasesService'));
    logger.log('outside', 'CasesService');
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'inside the request',
        req: expect.objectContaining({ id: 'trace-me-7' }),
        context: 'CasesService',
      }),
      expect.not.objectContaining({ req: expect.anything() }),
    ]);
  });

  it("puts an exception handler's stack under err and an Error's fields through the app's serializer", () => {
    const { lines, logger } = capture();
    const stack = 'Error: boom\n    at handler (cases.controller.ts:1:1)';
    logger.error('boom', stack, 'ExceptionsHandler');
    logger.error(new Error('kaboom'), 'Scheduler');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        context: 'ExceptionsHandler',
        err: expect.objectContaining({ message: 'boom', stack }),
      }),
      expect.objectContaining({
        level: 50,
        context: 'Scheduler',
        err: expect.objectContaining({ type: 'Error', message: 'kaboom' }),
      }),
    ]);
  });
});

describe('file-type at the version package.json overrides (Node 20)', () => {
  // @nestjs/common pins file-type 22 (Node 22) for FileTypeValidator, the only place it is used.
  it("still lets @nestjs/common's FileTypeValidator recognise a file by its bytes", async () => {
    const pdf = Buffer.from('%PDF-1.7\n' + ' '.repeat(200));
    const file = { mimetype: 'application/pdf', buffer: pdf, size: pdf.length };
    await expect(new FileTypeValidator({ fileType: 'application/pdf' }).isValid(file)).resolves.toBe(true);
    const text = { ...file, buffer: Buffer.from('plain text, not a pdf at all '.repeat(10)) };
    await expect(new FileTypeValidator({ fileType: 'application/pdf' }).isValid(text)).resolves.toBe(false);
  });
});
