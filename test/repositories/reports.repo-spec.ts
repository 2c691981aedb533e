import { randomUUID } from 'node:crypto';
import { ProcessLogRepository } from '../../apps/api/src/audit/process-log.repository.js';
import { CasesRepository } from '../../apps/api/src/cases/cases.repository.js';
import type { ReportBody } from '../../apps/api/src/reports/report-row.js';
import { ReportsRepository } from '../../apps/api/src/reports/reports.repository.js';
import { DECISION_EVENTS } from '../../libs/workflows/src/index.js';
import { onPostgres } from '../support/test-app.js';
import { actor, createRepoApp, logEntry, newCase, type RepoApp } from './repo-app.js';

let r: RepoApp;
let reports: ReportsRepository;
let log: ProcessLogRepository;
beforeAll(async () => {
  r = await createRepoApp();
  reports = r.get(ReportsRepository);
  log = r.get(ProcessLogRepository);
});
afterAll(() => r.close());

const alderman = actor('alderman-1', ['alderman'], ['oost'], 'Wethouder Wim');

/** A case in the database, with its amounts as the transitions project them. */
async function caseWith(amounts: { honoured?: number; settled?: number; released?: number } = {}) {
  const c = newCase({ areaCode: 'oost', theme: 'groen' });
  await r.tx((m) => r.get(CasesRepository).insert(m, c));
  await r.rows(
    `UPDATE cases SET honoured_amount_cents = $2, settled_amount_cents = $3, released_amount_cents = $4
     WHERE id = $1`,
    [c.id, amounts.honoured ?? null, amounts.settled ?? null, amounts.released ?? null],
  );
  return c;
}

/** Appends an entry of the case to the log; its seq. */
const logged = async (c: { id: string; reference: string }, event: string, from: string | null, to: string) =>
  (
    await r.tx((m) =>
      log.append(
        m,
        logEntry(alderman, 'alderman', {
          caseId: c.id,
          caseReference: c.reference,
          event,
          fromState: from,
          toState: to,
        }),
      ),
    )
  ).seq;

const body = (n: number, over: Partial<ReportBody> = {}): ReportBody =>
  ({
    issuedBy: { id: 'alderman-1', name: 'Wethouder Wim' },
    cases: [],
    transfers: [],
    totals: { caseCount: n },
    ...over,
  }) as unknown as ReportBody;

/** Issues the next report the way ReportsService does: under the lock, with the next number. */
const issue = (seq: number, over: Partial<ReportBody> = {}) =>
  r.tx(async (m) => {
    await reports.lockIssuing(m);
    const number = await reports.nextNumber(m);
    return reports.insert(m, {
      id: randomUUID(),
      number,
      at: new Date(),
      createdBy: 'alderman-1',
      logHead: { seq, hash: String(seq).padStart(64, '0') },
      body: body(number, over),
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

  it('reads decisions from where the previous report stopped: its decisionsThroughSeq, else its head', async () => {
    // A report issued before decisions were listed stored no decisionsThroughSeq.
    await issue(30);
    expect(await r.read((m) => reports.decisionsReadThrough(m))).toBe(30);
    await issue(40, { decisionsThroughSeq: 37 });
    expect(await r.read((m) => reports.decisionsReadThrough(m))).toBe(37);
  });

  it('gives the entries of cases with the events asked for after a seq, with the case, up to the head', async () => {
    const settled = await caseWith({ honoured: 100_000, settled: 80_000, released: 20_000 });
    const refused = await caseWith();
    // The entry at the seq asked from is not after it.
    const after = await logged(settled, 'HONOUR', 'assessed', 'honoured');
    const honour = await logged(settled, 'HONOUR', 'assessed', 'honoured');
    await logged(settled, 'SUBMIT_ACCOUNT', 'honoured', 'accounted');
    const settle = await logged(settled, 'SETTLE', 'account_reviewed', 'settled');
    const reject = await logged(refused, 'REJECT', 'assessed', 'rejected');
    // Not about a case: never a decision entry.
    await r.tx((m) => log.append(m, logEntry(alderman, 'alderman')));
    const read = await r.read((m) => reports.decisionEntries(m, after, DECISION_EVENTS));
    const [head] = await r.rows<{ seq: string | number }>(`SELECT seq FROM log_head WHERE id = 1`);
    expect(read.throughSeq).toBe(Number(head.seq));
    expect(read.entries.map((e) => [e.seq, e.event, e.from_state, e.to_state, e.reference])).toEqual([
      [honour, 'HONOUR', 'assessed', 'honoured', settled.reference],
      [settle, 'SETTLE', 'account_reviewed', 'settled', settled.reference],
      [reject, 'REJECT', 'assessed', 'rejected', refused.reference],
    ]);
    expect(read.entries[1]).toMatchObject({
      case_id: settled.id,
      type: 'initiative',
      title: 'Geveltuinen',
      area_code: 'oost',
      theme: 'groen',
    });
    const money = read.entries[1];
    expect(
      [money.honoured_amount_cents, money.settled_amount_cents, money.released_amount_cents].map(Number),
    ).toEqual([100_000, 80_000, 20_000]);
    expect(read.entries[2].honoured_amount_cents).toBeNull();
    expect(Date.parse(String(read.entries[0].at))).not.toBeNaN();
    // Only the events asked for; nothing after the last entry.
    const onlyReject = await r.read((m) => reports.decisionEntries(m, after, ['REJECT']));
    expect(onlyReject.entries.map((e) => e.seq)).toEqual([reject]);
    const none = await r.read((m) => reports.decisionEntries(m, Number(head.seq), DECISION_EVENTS));
    expect(none).toEqual({ throughSeq: Number(head.seq), entries: [] });
  });

  it('appends a report to reportedIn of the cases it lists, once, without moving the case', async () => {
    const one = await caseWith();
    const two = await caseWith();
    const other = await caseWith();
    const first = randomUUID();
    const second = randomUUID();
    const listed = async () =>
      (
        await r.rows<{ id: string; reported_in: string[]; version: number }>(
          `SELECT id, reported_in, version FROM cases WHERE id = ANY($1::uuid[]) ORDER BY reference`,
          [[one.id, two.id, other.id]],
        )
      ).map((x) => [x.id, x.reported_in, x.version]);
    expect(await r.tx((m) => reports.markReported(m, first, [one.id, two.id, one.id]))).toBe(2);
    expect(await r.tx((m) => reports.markReported(m, first, [one.id]))).toBe(0);
    expect(await r.tx((m) => reports.markReported(m, second, [two.id]))).toBe(1);
    expect(await r.tx((m) => reports.markReported(m, second, []))).toBe(0);
    const byId = new Map((await listed()).map(([id, reportedIn, version]) => [id, { reportedIn, version }]));
    expect(byId.get(one.id)).toEqual({ reportedIn: [first], version: 1 });
    expect(byId.get(two.id)).toEqual({ reportedIn: [first, second], version: 1 });
    expect(byId.get(other.id)).toEqual({ reportedIn: [], version: 1 });
  });

  it('tells which cases left a state for one outside the list (the council decided them)', async () => {
    const referred = await caseWith();
    const college = await caseWith();
    await logged(referred, 'REFER_TO_COUNCIL', 'assessed', 'awaiting_council');
    await logged(referred, 'COUNCIL_HONOUR', 'awaiting_council', 'honoured');
    await logged(college, 'HONOUR', 'assessed', 'honoured');
    const states = ['awaiting_council'];
    expect(await r.read((m) => log.casesThatLeft(m, [referred.id, college.id], states))).toEqual(
      new Set([referred.id]),
    );
    expect(await r.read((m) => log.casesThatLeft(m, [college.id], states))).toEqual(new Set());
    expect(await r.read((m) => log.casesThatLeft(m, [], states))).toEqual(new Set());
  });
});
