import { DataSource } from 'typeorm';
import { CasesRepository } from '../../apps/api/src/cases/cases.repository.js';
import { named } from '../../apps/api/src/database/named.js';
import {
  AccountRemindersRepository,
  type DueReminders,
  QUEUE_DUE,
} from '../../apps/api/src/reminders/account-reminders.repository.js';
import { AccountReminders } from '../../apps/api/src/reminders/account-reminders.service.js';
import { addDays, statesTagged } from '../../libs/workflows/src/index.js';
import { onPostgres } from '../support/test-app.js';
import { sleep } from '../support/wait.js';
import { createRepoApp, newCase, type RepoApp } from './repo-app.js';

let r: RepoApp;
let reminders: AccountRemindersRepository;
beforeAll(async () => {
  r = await createRepoApp();
  reminders = r.get(AccountRemindersRepository);
  // The app's own scans would claim reminders behind this test's back.
  await r.get(AccountReminders).beforeApplicationShutdown();
});
afterAll(() => r.close());
beforeEach(async () => {
  await r.rows(`DELETE FROM account_reminders`);
  await r.rows(`DELETE FROM outbox`);
  await r.rows(`DELETE FROM cases`);
});

const ACCOUNT_DUE = statesTagged('account_due');
const NOT_DUE = statesTagged('reportable')[0];
const TODAY = '2027-03-10';
const due = (over: Partial<DueReminders> = {}): DueReminders => ({
  today: TODAY,
  dueSoonUntil: addDays(TODAY, 14),
  states: ACCOUNT_DUE,
  topics: { due_soon: 'case.account_due_soon', overdue: 'case.account_overdue' },
  at: new Date(`${TODAY}T08:00:00Z`),
  limit: 100,
  ...over,
});
const queueDue = (over: Partial<DueReminders> = {}) => r.tx((m) => reminders.queueDue(m, due(over)));

/** A case in `state` with `accountBy` (null: none); returns its id. */
async function caseWith(accountBy: string | null, state: string = ACCOUNT_DUE[0]): Promise<string> {
  const c = newCase();
  await r.tx((m) => r.get(CasesRepository).insert(m, c));
  await r.rows(`UPDATE cases SET state = $2, account_by = $3::date WHERE id = $1`, [c.id, state, accountBy]);
  return c.id;
}

describe('AccountRemindersRepository.queueDue', () => {
  it('claims the first reminder up to a fortnight ahead, the second once the day has passed, and queues each', async () => {
    const cases = {
      pastFortnight: await caseWith(addDays(TODAY, 15)),
      fortnight: await caseWith(addDays(TODAY, 14)),
      today: await caseWith(TODAY),
      yesterday: await caseWith(addDays(TODAY, -1)),
      longAgo: await caseWith(addDays(TODAY, -400)),
      none: await caseWith(null),
      closed: await caseWith(addDays(TODAY, -1), NOT_DUE),
    };
    const name = (id: string) => Object.entries(cases).find(([, v]) => v === id)![0];
    const first = await queueDue();
    expect(first.found).toBe(4);
    expect(first.queued.map((q) => [name(q.caseId), q.kind, q.accountBy]).sort()).toEqual(
      [
        ['fortnight', 'due_soon', addDays(TODAY, 14)],
        ['longAgo', 'overdue', addDays(TODAY, -400)],
        ['today', 'due_soon', TODAY],
        ['yesterday', 'overdue', addDays(TODAY, -1)],
      ].sort(),
    );
    const outbox = await r.rows<{ topic: string; payload: Record<string, unknown> }>(
      `SELECT topic, payload FROM outbox ORDER BY id`,
    );
    expect(outbox.map((o) => [o.topic, name(String(o.payload.caseId))]).sort()).toEqual(
      [
        ['case.account_due_soon', 'fortnight'],
        ['case.account_due_soon', 'today'],
        ['case.account_overdue', 'longAgo'],
        ['case.account_overdue', 'yesterday'],
      ].sort(),
    );
    expect(Object.keys(outbox[0].payload).sort()).toEqual([
      'accountBy',
      'caseId',
      'recipient',
      'reference',
      'toState',
    ]);
    const claimed = await r.rows<{ queued_at: Date | string }>(`SELECT queued_at FROM account_reminders`);
    expect(claimed.map((c) => new Date(c.queued_at).toISOString())).toEqual(
      Array(4).fill(`${TODAY}T08:00:00.000Z`),
    );

    // Again: nothing is found, nothing queued.
    expect(await queueDue()).toEqual({ found: 0, queued: [] });
    // The next day: today's case is overdue now, and gets its second reminder.
    const next = await queueDue({ today: addDays(TODAY, 1), dueSoonUntil: addDays(TODAY, 15) });
    expect(next.queued.map((q) => [name(q.caseId), q.kind]).sort()).toEqual(
      [
        ['pastFortnight', 'due_soon'],
        ['today', 'overdue'],
      ].sort(),
    );
  });

  it('takes at most limit cases a statement, and says how many it found', async () => {
    for (let i = 0; i < 5; i++) await caseWith(addDays(TODAY, -1));
    const first = await queueDue({ limit: 3 });
    expect([first.found, first.queued.length]).toEqual([3, 3]);
    const second = await queueDue({ limit: 3 });
    expect([second.found, second.queued.length]).toEqual([2, 2]);
    expect(new Set([...first.queued, ...second.queued].map((q) => q.caseId)).size).toBe(5);
  });

  it('a new accountBy is a new reminder', async () => {
    const id = await caseWith(addDays(TODAY, -1));
    expect((await queueDue()).queued).toHaveLength(1);
    await r.rows(`UPDATE cases SET account_by = $2::date WHERE id = $1`, [id, addDays(TODAY, -2)]);
    expect((await queueDue()).queued).toEqual([
      { caseId: id, kind: 'overdue', accountBy: addDays(TODAY, -2) },
    ]);
  });

  it('finds the due cases through an index of the state, not by reading every case', async () => {
    const id = await caseWith(addDays(TODAY, 100));
    // 20,000 copies: most closed, with accountBy in the past; some waiting, with accountBy ahead.
    await r.rows(
      `INSERT INTO cases (id, reference, type, title, description, area_code, theme, requested_amount_cents,
         state, version, initiator_id, contact_email, details, snapshot, machine_version, created_at, updated_at,
         decision_due_at, account_by)
       SELECT gen_random_uuid(), reference || '-' || g, type, title, description, area_code, theme,
         requested_amount_cents, CASE WHEN g % 20 = 0 THEN state ELSE $2 END, version, initiator_id,
         contact_email, details, snapshot, machine_version, created_at, updated_at, decision_due_at,
         account_by - (g % 1000) * CASE WHEN g % 20 = 0 THEN -1 ELSE 1 END
       FROM cases, generate_series(1, 20000) AS g WHERE id = $1`,
      [id, NOT_DUE],
    );
    await r.rows(`ANALYZE cases`);
    const d = due();
    const statement = named(QUEUE_DUE, {
      today: d.today,
      dueSoonUntil: d.dueSoonUntil,
      states: d.states,
      at: d.at.toISOString(),
      limit: d.limit,
      dueSoonTopic: d.topics.due_soon,
      overdueTopic: d.topics.overdue,
    });
    const plan = await r.rows<Record<string, unknown>>(`EXPLAIN ${statement.text}`, statement.values);
    const text = plan.map((row) => Object.values(row).join('')).join('\n');
    // cases_account_due_idx (state, account_by), or cases_state_idx with account_by as a filter
    // when the planner takes most grants for due (its statistics do not tell the waiting grants'
    // days from the closed ones').
    expect(text).toMatch(/Index (Only )?Scan using cases_(account_due|state)_idx on cases c/);
    expect(text).not.toMatch(/Seq Scan on cases/);
  });
});

const onPg = onPostgres ? describe : describe.skip;

onPg('AccountRemindersRepository.queueDue on PostgreSQL, two transactions at once', () => {
  it('the second waits for the first to commit, then claims and queues nothing', async () => {
    const id = await caseWith(addDays(TODAY, -1));
    const ds = r.get(DataSource);
    const [first, second] = [ds.createQueryRunner(), ds.createQueryRunner()];
    try {
      await first.startTransaction();
      await second.startTransaction();
      const mine = await reminders.queueDue(first.manager, due());
      expect(mine.queued).toEqual([{ caseId: id, kind: 'overdue', accountBy: addDays(TODAY, -1) }]);
      // Before the first commits, the second finds the case too (no claim is visible yet) and
      // its claim waits on the first's uncommitted row.
      let settled = false;
      const theirs = reminders.queueDue(second.manager, due()).finally(() => (settled = true));
      await sleep(300);
      expect(settled).toBe(false);
      await first.commitTransaction();
      expect(await theirs).toEqual({ found: 1, queued: [] });
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    const outbox = await r.rows<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`);
    expect(outbox[0].n).toBe(1);
  });
});
