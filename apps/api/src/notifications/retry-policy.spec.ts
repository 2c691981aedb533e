import { givenUp, MAX_ATTEMPTS, MAX_RETRY_DELAY_MS, retryDelayMs } from './retry-policy.js';

describe('retry policy of the outbox relay', () => {
  it('waits one poll interval after the first failure and doubles after each next one', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 1000))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect([1, 2, 3].map((n) => retryDelayMs(n, 50))).toEqual([50, 100, 200]);
  });

  it('never waits more than an hour, however many failures', () => {
    expect(retryDelayMs(13, 1000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(MAX_ATTEMPTS, 1000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1000, 1000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(2, 3_600_000)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('spreads the attempts over about eight hours at the default interval', () => {
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += retryDelayMs(n, 1000);
    expect(total / 3_600_000).toBeGreaterThan(7.5);
    expect(total / 3_600_000).toBeLessThan(8.5);
  });

  it('gives up at the last attempt, not before', () => {
    expect(givenUp(MAX_ATTEMPTS - 1)).toBe(false);
    expect(givenUp(MAX_ATTEMPTS)).toBe(true);
  });
});
