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
 * requests; `request(n)` gives the n-th request (distinct cases, round-robin tokens), and
 * `onResponse` sees each answer.
 */
export function load(
  url: string,
  run: { duration?: number; amount?: number },
  request: (n: number) => NthRequest,
  onResponse?: (status: number, body: string) => void,
): Promise<Result> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    ...(run.amount ? { amount: run.amount } : { duration: run.duration }),
    timeout: 30,
    requests: [
      {
        setupRequest: (req: Request) => ({ ...req, ...request(next++) }),
        ...(onResponse ? { onResponse: (status: number, body: string) => onResponse(status, body) } : {}),
      },
    ],
  });
}
