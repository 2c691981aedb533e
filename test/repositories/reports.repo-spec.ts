import { randomUUID } from 'node:crypto';
import type { ReportBody } from '../../apps/api/src/reports/report-row.js';
import { ReportsRepository } from '../../apps/api/src/reports/reports.repository.js';
import { onPostgres } from '../support/test-app.js';
import { createRepoApp, type RepoApp } from './repo-app.js';

let r: RepoApp;
let reports: ReportsRepository;
beforeAll(async () => {
  r = await createRepoApp();
  reports = r.get(ReportsRepository);
});
afterAll(() => r.close());

const body = (n: number): ReportBody =>
  ({
    issuedBy: { id: 'alderman-1', name: 'Wethouder Wim' },
    cases: [],
    transfers: [],
    totals: { caseCount: n },
  }) as unknown as ReportBody;

/** Issues the next report the way ReportsService does: under the lock, with the next number. */
const issue = (seq: number) =>
  r.tx(async (m) => {
    await reports.lockIssuing(m);
    const number = await reports.nextNumber(m);
    return reports.insert(m, {
      id: randomUUID(),
      number,
      at: new Date(),
      createdBy: 'alderman-1',
      logHead: { seq, hash: String(seq).padStart(64, '0') },
      body: body(number),
    });
  });

describe('ReportsRepository', () => {
  it('numbers reports 1, 2, 3… and stores each with its anchored head and body', async () => {
    const first = await issue(3);
    expect(first).toMatchObject({
      number: 1,
      log_head_seq: 3,
      log_head_hash: '3'.padStart(64, '0'),
      body: body(1),
    });
    expect(await r.read((m) => reports.findById(m, first.id))).toEqual(first);
    expect(await r.read((m) => reports.findById(m, randomUUID()))).toBeUndefined();
    for (const seq of [5, 9, 12]) await issue(seq);
  });

  it('pages newest first by number, one more than the limit', async () => {
    const numbers = async (limit: number, before?: number) =>
      (await r.read((m) => reports.page(m, limit, before))).map((x) => x.number);
    expect(await numbers(2)).toEqual([4, 3, 2]);
    expect(await numbers(2, 3)).toEqual([2, 1]);
    expect(await numbers(10, 1)).toEqual([]);
  });

  it('gives the heads the reports anchored, by seq', async () => {
    const heads = await r.read((m) => reports.anchoredHeads(m));
    expect(heads.map((h) => h.seq)).toEqual([3, 5, 9, 12]);
    expect(heads[0]).toEqual({ seq: 3, hash: '3'.padStart(64, '0') });
  });

  (onPostgres ? it : it.skip)(
    'lets one transaction at a time issue (PostgreSQL: the advisory lock)',
    async () => {
      let releaseFirst!: () => void;
      const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstLocked!: () => void;
      const locked = new Promise<void>((resolve) => (firstLocked = resolve));
      const first = r.tx(async (m) => {
        await reports.lockIssuing(m);
        firstLocked();
        await firstHolds;
        return 'first';
      });
      await locked;
      const order: string[] = [];
      const second = r.tx(async (m) => {
        await reports.lockIssuing(m);
        order.push('second locked');
      });
      // The second is seen waiting for the advisory lock before the first lets go.
      while (
        (await r.rows(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).length === 0
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      order.push('first commits');
      releaseFirst();
      await Promise.all([first, second]);
      expect(order).toEqual(['first commits', 'second locked']);
    },
  );
});
