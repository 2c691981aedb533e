import autocannon, { type Request, type Result } from 'autocannon';

export const CONNECTIONS = 16;

/** What the n-th request of a run sends. */
export interface NthRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Drives `url` with autocannon at CONNECTIONS connections, for `duration` seconds or `amount`
 * requests, as fast as it answers or at `rate` requests/s in all; `request(n)` gives the n-th
 * request (distinct cases, round-robin tokens), and `onResponse` sees each answer.
 */
export function load(
  url: string,
  run: { duration?: number; amount?: number; rate?: number },
  request: (n: number) => NthRequest,
  onResponse?: (status: number, body: string) => void,
): ReturnType<typeof autocannon> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    ...(run.amount ? { amount: run.amount } : { duration: run.duration }),
    ...(run.rate ? { overallRate: run.rate } : {}),
    timeout: 30,
    requests: [
      {
        setupRequest: (req: Request) => ({ ...req, ...request(next++) }),
        ...(onResponse ? { onResponse: (status: number, body: string) => onResponse(status, body) } : {}),
      },
    ],
  });
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** p50, p95 and p99 of `values` (nearest rank). */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/**
 * A load at a fixed rate, with every response's time kept: autocannon's own histogram has no
 * p95. Statuses other than 2xx are counted by the result as usual.
 */
export async function loadAtRate(
  url: string,
  run: { duration: number; rate: number },
  request: (n: number) => NthRequest,
): Promise<{ result: Result; latency: Percentiles }> {
  const times: number[] = [];
  const instance = load(url, run, request);
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  return { result, latency: percentiles(times) };
}
