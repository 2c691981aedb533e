import { OutboxRepository, toNotification } from '../../apps/api/src/notifications/outbox.repository.js';
import { createRepoApp, type RepoApp } from './repo-app.js';

let r: RepoApp;
let outbox: OutboxRepository;
beforeAll(async () => {
  r = await createRepoApp();
  outbox = r.get(OutboxRepository);
});
afterAll(() => r.close());
beforeEach(() => r.rows(`DELETE FROM outbox`));

/** Queues notifications of these cases, in this order; returns their ids. */
async function queue(...caseIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const caseId of caseIds) {
    const [row] = await r.rows<{ id: string }>(
      `INSERT INTO outbox (topic, payload) VALUES ('case.state_changed', $1::jsonb) RETURNING id`,
      [JSON.stringify({ caseId, reference: `REF-${caseId}`, toState: 'assessed', recipient: 'resident-1' })],
    );
    ids.push(String(row.id));
  }
  return ids;
}
const claim = (limit = 100, leaseMs = 120_000) => r.tx((m) => outbox.claim(m, limit, leaseMs));
const ids = (rows: { id: string }[]) => rows.map((row) => String(row.id));

describe('OutboxRepository', () => {
  it('claims due rows oldest first, up to the limit, and leases them', async () => {
    const [a, b, c] = await queue('c1', 'c2', 'c3');
    const first = await claim(2);
    expect(ids(first)).toEqual([a, b]);
    expect(toNotification(first[0])).toEqual({
      id: a,
      topic: 'case.state_changed',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      caseId: 'c1',
      reference: 'REF-c1',
      toState: 'assessed',
      recipientId: 'resident-1',
    });
    // Leased: not due again until the lease ends.
    expect(ids(await claim())).toEqual([c]);
    expect(await claim()).toEqual([]);
  });

  it('holds a case’s later notification back while an earlier one of that case is not due', async () => {
    const [a1, b1, a2] = await queue('a', 'b', 'a');
    expect(ids(await claim(1))).toEqual([a1]);
    // a1 is leased (pending, not due): a2 waits; b1 goes.
    expect(ids(await claim())).toEqual([b1]);
    await r.tx((m) => outbox.record(m, [{ id: a1, result: 'delivered', delayMs: 0 }]));
    expect(ids(await claim())).toEqual([a2]);
  });

  it('records a batch: delivered, retried later, given up, or handed back at once', async () => {
    const [delivered, retry, givenUp, released] = await queue('d', 'r', 'g', 'x');
    await claim();
    await r.tx((m) =>
      outbox.record(m, [
        { id: delivered, result: 'delivered', delayMs: 0 },
        { id: retry, result: 'retry', delayMs: 3_600_000 },
        { id: givenUp, result: 'given_up', delayMs: 0 },
        { id: released, result: 'released', delayMs: 0 },
      ]),
    );
    const rows = await r.rows<{
      id: string;
      delivered: boolean;
      failed: boolean;
      attempts: number;
      due: boolean;
    }>(
      `SELECT id, delivered_at IS NOT NULL AS delivered, failed_at IS NOT NULL AS failed, attempts,
              next_attempt_at <= now() AS due
       FROM outbox ORDER BY id`,
    );
    expect(rows.map((row) => ({ ...row, id: String(row.id) }))).toEqual([
      { id: delivered, delivered: true, failed: false, attempts: 0, due: true },
      { id: retry, delivered: false, failed: false, attempts: 1, due: false },
      { id: givenUp, delivered: false, failed: true, attempts: 1, due: true },
      { id: released, delivered: false, failed: false, attempts: 0, due: true },
    ]);
    // Only the released one is due for delivery again; a recorded row is not recorded twice.
    expect(ids(await claim())).toEqual([released]);
    await r.tx((m) => outbox.record(m, [{ id: delivered, result: 'retry', delayMs: 0 }]));
    expect(
      (await r.rows<{ attempts: number }>(`SELECT attempts FROM outbox WHERE id = $1`, [delivered]))[0],
    ).toEqual({
      attempts: 0,
    });
  });

  it('deletes delivered notifications older than 30 days, and nothing else', async () => {
    const [old, recent, pending] = await queue('o', 'n', 'p');
    await r.rows(`UPDATE outbox SET delivered_at = now() - interval '31 days' WHERE id = $1`, [old]);
    await r.rows(`UPDATE outbox SET delivered_at = now() - interval '29 days' WHERE id = $1`, [recent]);
    expect(await r.tx((m) => outbox.deleteDelivered(m))).toBe(1);
    expect(ids(await r.rows(`SELECT id FROM outbox ORDER BY id`))).toEqual([recent, pending]);
  });
});
