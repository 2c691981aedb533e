import type { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { PeriodicJob, type PeriodicWork } from './background-work.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A logger that keeps what it was given. */
function captureLogger(): { logger: Logger; lines: { level: string; message: unknown }[] } {
  const lines: { level: string; message: unknown }[] = [];
  const logger = {
    log: (message: unknown) => lines.push({ level: 'log', message }),
    warn: (message: unknown) => lines.push({ level: 'warn', message }),
  } as unknown as Logger;
  return { logger, lines };
}

/** A round the test ends by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function job(round: PeriodicWork['round'], everyMs = 10) {
  const { logger, lines } = captureLogger();
  const j = new PeriodicJob(logger, {
    everyMs,
    round,
    pausedMessage: 'paused',
    resumedMessage: 'resumed',
  });
  return { job: j, lines };
}

describe('PeriodicJob', () => {
  it('runs a round every everyMs once started, and none before', async () => {
    let rounds = 0;
    const { job: j } = job(async () => void rounds++, 30);
    await sleep(60);
    expect(rounds).toBe(0);
    j.start();
    await sleep(150);
    await j.stop();
    // About five; a busy machine fires timers late, never early.
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(rounds).toBeLessThanOrEqual(5);
  });

  it('starts the next round at once while a round says more is due', async () => {
    let rounds = 0;
    // An hour between rounds: only `more` can make a second round happen within the test.
    const { job: j } = job(async () => ++rounds < 5, 3_600_000);
    await j.runNow();
    await sleep(50);
    await j.stop();
    expect(rounds).toBe(5);
  });

  it('on stop starts no new round and waits for the one in hand', async () => {
    const inRound = gate();
    let started = 0;
    let ended = 0;
    const { job: j } = job(async () => {
      started++;
      await inRound.promise;
      ended++;
    });
    j.start();
    await sleep(40);
    expect(started).toBe(1);
    let stopped = false;
    const stopping = j.stop().then(() => (stopped = true));
    expect(j.stopping).toBe(true);
    await sleep(20);
    expect(stopped).toBe(false);
    inRound.open();
    await stopping;
    expect(ended).toBe(1);
    await sleep(40);
    expect(started).toBe(1);
  });

  it('runs a round now, after the one in hand, never two at once', async () => {
    const inRound = gate();
    let running = 0;
    let most = 0;
    let rounds = 0;
    const { job: j } = job(async () => {
      running++;
      most = Math.max(most, running);
      if (rounds++ === 0) await inRound.promise;
      running--;
    }, 3_600_000);
    const first = j.runNow();
    const second = j.runNow();
    const third = j.runNow();
    await sleep(20);
    expect(rounds).toBe(1);
    inRound.open();
    await Promise.all([first, second, third]);
    expect(rounds).toBe(3);
    expect(most).toBe(1);
    await j.stop();
    await j.runNow();
    expect(rounds).toBe(3);
  });

  it('logs a failing round once, by its code and never its message, and once when it works again', async () => {
    const failures = [
      new QueryFailedError(
        'SELECT :email',
        ['anna@example.org'],
        Object.assign(new Error('x'), { code: '57P01' }),
      ),
      new Error('anna@example.org'),
    ];
    const { job: j, lines } = job(async () => {
      const failure = failures.shift();
      if (failure) throw failure;
    }, 3_600_000);
    await j.runNow();
    await j.runNow();
    expect(lines).toEqual([{ level: 'warn', message: { msg: 'paused', code: '57P01' } }]);
    await j.runNow();
    await j.runNow();
    expect(lines).toEqual([
      { level: 'warn', message: { msg: 'paused', code: '57P01' } },
      { level: 'log', message: 'resumed' },
    ]);
    failures.push(new TypeError('anna@example.org'));
    await j.runNow();
    expect(lines[2]).toEqual({ level: 'warn', message: { msg: 'paused', code: 'TypeError' } });
    expect(JSON.stringify(lines)).not.toContain('anna@example.org');
    await j.stop();
  });
});
