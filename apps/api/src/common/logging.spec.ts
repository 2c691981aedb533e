import { QueryFailedError } from 'typeorm';
import type { AppConfig } from './config.js';
import { errorSerializer, httpLogger } from './logging.js';

/** The app's own pino-http logger, writing to an array instead of standard output. */
function capture(): { lines: Record<string, unknown>[]; log: ReturnType<typeof httpLogger>['logger'] } {
  const lines: Record<string, unknown>[] = [];
  const http = httpLogger({ logLevel: 'error' } as AppConfig, {
    write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { lines, log: http.logger };
}

/** What PostgreSQL answers for a crafted cursor, as TypeORM throws it. */
function refusedTimestamp(): QueryFailedError {
  const driverError = Object.assign(
    new Error('invalid input syntax for type timestamp with time zone: "1"'),
    { code: '22007' },
  );
  return new QueryFailedError(
    'SELECT * FROM cases WHERE (created_at, id) < ($1::timestamptz, $2::uuid)',
    ['1', 'anna@example.org'],
    driverError,
  );
}

describe('error log lines', () => {
  it('name the real cause of a 500, as the problem filter logs it, not [object Object]', () => {
    const { lines, log } = capture();
    log.error({ err: refusedTimestamp(), path: '/api/v1/cases' }, 'unhandled error');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      msg: 'unhandled error',
      path: '/api/v1/cases',
      err: {
        type: 'QueryFailedError',
        code: '22007',
        message: 'invalid input syntax for type timestamp with time zone: "1"',
        stack: expect.stringMatching(/^QueryFailedError: invalid input syntax[^]*\n\s+at /),
      },
    });
    // Only those four: the query and its parameters (an e-mail address here) stay out.
    expect(Object.keys(line.err as object).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(line)).not.toMatch(/SELECT|anna@example|parameters|driverError/);
  });

  it('carry the messages and stacks of the causes', () => {
    const { lines, log } = capture();
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    log.error({ err: new Error('could not read the outbox', { cause }) }, 'relay failed');
    const err = lines[0].err as { message: string; stack: string };
    expect(err.message).toBe('could not read the outbox: connect ECONNREFUSED 127.0.0.1:5432');
    expect(err.stack).toMatch(/could not read the outbox[^]*caused by: Error: connect ECONNREFUSED/);
  });

  it('say what was thrown when it was not an Error, without its contents', () => {
    const { lines, log } = capture();
    log.error({ err: 'plain text thrown' }, 'a');
    log.error({ err: { contactEmail: 'anna@example.org', body: 'x' } }, 'b');
    log.error({ err: 42 }, 'c');
    expect(lines.map((l) => l.err)).toEqual([
      { type: 'string', message: 'plain text thrown' },
      { type: 'Object', message: 'Object thrown instead of an Error' },
      { type: 'number', message: 'number thrown instead of an Error' },
    ]);
  });

  it('are the same whether the serializer gets the error or pino’s serialization of it', () => {
    const direct = errorSerializer(refusedTimestamp());
    expect(direct).toMatchObject({
      type: 'QueryFailedError',
      code: '22007',
      message: expect.stringMatching(/"1"$/),
    });
    expect(Object.keys(direct).sort()).toEqual(['code', 'message', 'stack', 'type']);
  });
});
