/** Failed deliveries a notification gets before the relay gives it up. */
export const MAX_ATTEMPTS = 20;

/** The longest wait between two attempts. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/**
 * How long to wait after the `attempts`-th failed delivery: one poll interval after the first,
 * twice as long after each next one, never more than an hour. With the default interval
 * (1 s) the 20th attempt comes about 8 hours after the first, long enough to ride out an
 * outage of the messaging service.
 */
export function retryDelayMs(attempts: number, pollMs: number): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^31 ms is beyond the cap for any poll interval: stop doubling before the number grows.
  if (exponent >= 31) return MAX_RETRY_DELAY_MS;
  return Math.min(Math.max(1, pollMs) * 2 ** exponent, MAX_RETRY_DELAY_MS);
}

/** Whether the `attempts`-th failed delivery was the last one. */
export function givenUp(attempts: number): boolean {
  return attempts >= MAX_ATTEMPTS;
}
