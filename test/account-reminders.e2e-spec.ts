import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import pg from 'pg';
import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { loadConfig } from '../apps/api/src/common/config.js';
import { Database } from '../apps/api/src/database/database.service.js';
import { sql } from '../apps/api/src/database/sql.js';
import { AccountReminders } from '../apps/api/src/reminders/account-reminders.service.js';
import { addDays, addMonths, amsterdamDate } from '../libs/workflows/src/index.js';
import { councilDecision } from './support/council.js';
import { type Cast, cast, team } from './support/actors.js';
import { type CaseView, initiative, rightToChallenge, sendEvent, submit } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { call, SHARED_SIGNING_KEY, type SpawnedApp, spawnApp } from './support/spawn-app.js';
import {
  createTestApp,
  createTestDatabase,
  createTestStore,
  expectSettingRefused,
  onPostgres,
  type TestApp,
  type TestStore,
} from './support/test-app.js';
import { sleep, until } from './support/wait.js';

/**
 * Reminders of an initiative grant's account: `case.account_due_soon` a fortnight before
 * `accountBy`, `case.account_overdue` the day after it when no account came, each once, also
 * with several processes scanning at once. The scan takes the moment (`scan(now)`), so these
 * tests drive the clock; the tests of the processes' own loop use the real clock and move
 * `accountBy` instead (a grant's `accountBy` must lie at least a month ahead).
 */
const EMAIL = 'anna.reminder@example.org';
const ANY_EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}/i;
const AMOUNT = 10_000;
const today = () => amsterdamDate(new Date().toISOString());
/** A moment on `day` in Europe/Amsterdam (11:00 UTC is 12:00 or 13:00 there). */
const on = (day: string) => new Date(`${day}T11:00:00Z`);

interface Received {
  topic: string;
  caseId: string;
  reference: string;
  toState: string | null;
  accountBy?: string;
  recipient: { id: string; contactEmail: string | null };
  id: string;
}

/** A messaging service on 127.0.0.1 that takes every POST (204) and keeps its body. */
class Receiver {
  readonly received: Received[] = [];
  private server: Server = createServer((req, res) => this.handle(req, res));
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}/hooks`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  reminders(caseId?: string): Received[] {
    return this.received.filter(
      (r) => r.topic.startsWith('case.account_') && (caseId === undefined || r.caseId === caseId),
    );
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      this.received.push(JSON.parse(raw) as Received);
      res.statusCode = 204;
      res.end();
    });
  }
}

interface ReminderRow {
  topic: string;
  payload: Record<string, unknown>;
  delivered: boolean;
}

/** The reminders queued in the outbox (for one case), oldest first. */
async function queuedReminders(db: Database, caseId?: string): Promise<ReminderRow[]> {
  return db.read((m) =>
    sql<ReminderRow>(
      m,
      `SELECT topic, payload, delivered_at IS NOT NULL AS delivered FROM outbox
       WHERE topic LIKE 'case.account%' AND ($1::text IS NULL OR payload->>'caseId' = $1)
       ORDER BY id`,
      [caseId ?? null],
    ),
  );
}

/** The reminders claimed in account_reminders (for one case). */
async function claimedReminders(
  db: Database,
  caseId?: string,
): Promise<{ kind: string; accountBy: string }[]> {
  return db.read((m) =>
    sql<{ kind: string; accountBy: string }>(
      m,
      `SELECT kind, to_char(account_by, 'YYYY-MM-DD') AS "accountBy" FROM account_reminders
       WHERE $1::uuid IS NULL OR case_id = $1::uuid ORDER BY queued_at, kind`,
      [caseId ?? null],
    ),
  );
}

/** Moves a grant's accountBy straight in the database: the row and the machine's fact. */
const MOVE_ACCOUNT_BY = `UPDATE cases SET account_by = $2::date,
  snapshot = jsonb_set(snapshot, '{context,accountBy}', to_jsonb($2::text)) WHERE id = $1::uuid`;

/** The kinds of the reminders `scan` queued for `caseId`. */
const kindsFor = (queued: { caseId: string; kind: string }[], caseId: string) =>
  queued.filter((r) => r.caseId === caseId).map((r) => r.kind);

async function seedProgrammes(t: TestApp): Promise<void> {
  const frame = {
    budgetCents: 100_000_000,
    delegationLimitCents: 100_000_000,
    themes: ['speelruimte', 'groen'],
  };
  await seedProgramme(t, 'oost', frame);
  await seedProgramme(t, 'west', frame);
}

/** An initiative of oost, granted with `accountBy`. */
async function grant(t: TestApp, people: Cast, accountBy: string, title = 'Buurtfeest'): Promise<CaseView> {
  const c = await submit(
    t,
    people.resident,
    initiative({ title, requestedAmountCents: AMOUNT, contactEmail: EMAIL }),
  );
  await sendEvent(t, people.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Past.' });
  return sendEvent(t, people.alderman, c.id, {
    type: 'HONOUR',
    amountCents: AMOUNT,
    motivation: 'Akkoord.',
    accountBy,
  });
}

describe('account reminders, with the clock driven by the test', () => {
  const receiver = new Receiver();
  let t: TestApp;
  let people: Cast;
  let reminders: AccountReminders;
  let db: Database;

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  // An app of its own for each test: a scan reminds every case due, so one test's scans
  // would reach another's cases.
  beforeEach(async () => {
    t = await createTestApp({
      NOTIFY_WEBHOOK_URL: receiver.url,
      OUTBOX_POLL_MS: '50',
      // Only the test scans here, at the moments it chooses.
      ACCOUNT_REMINDER_INTERVAL_MS: '0',
    });
    people = await cast(t);
    reminders = t.app.get(AccountReminders);
    db = t.app.get(Database);
    await seedProgrammes(t);
  });
  afterEach(() => t.close());

  it('reminds a fortnight before accountBy and the day after it, each once, and delivers both', async () => {
    const accountBy = addMonths(today(), 2);
    const c = await grant(t, people, accountBy);
    expect(c.accountBy).toBe(accountBy);

    expect(await reminders.scan(on(addDays(accountBy, -15)))).toEqual([]);
    expect(await reminders.scan(on(addDays(accountBy, -14)))).toEqual([
      { caseId: c.id, kind: 'due_soon', accountBy },
    ]);
    // The days up to and including accountBy itself: nothing new.
    expect(await reminders.scan(on(addDays(accountBy, -14)))).toEqual([]);
    expect(await reminders.scan(on(addDays(accountBy, -1)))).toEqual([]);
    expect(await reminders.scan(on(accountBy))).toEqual([]);
    expect(await reminders.scan(on(addDays(accountBy, 1)))).toEqual([
      { caseId: c.id, kind: 'overdue', accountBy },
    ]);
    // Again, and weeks later: nothing new.
    expect(await reminders.scan(on(addDays(accountBy, 1)))).toEqual([]);
    expect(await reminders.scan(on(addDays(accountBy, 40)))).toEqual([]);

    expect(await claimedReminders(db, c.id)).toEqual([
      { kind: 'due_soon', accountBy },
      { kind: 'overdue', accountBy },
    ]);
    const queued = await queuedReminders(db, c.id);
    expect(queued.map((r) => [r.topic, r.payload])).toEqual([
      [
        'case.account_due_soon',
        { caseId: c.id, reference: c.reference, toState: c.state, recipient: 'resident-1', accountBy },
      ],
      [
        'case.account_overdue',
        { caseId: c.id, reference: c.reference, toState: c.state, recipient: 'resident-1', accountBy },
      ],
    ]);
    expect(JSON.stringify(queued)).not.toMatch(ANY_EMAIL);

    // The relay delivers them through the notifier, which reads the e-mail at delivery.
    const got = await until('both reminders are delivered', () => {
      const r = receiver.reminders(c.id);
      return r.length === 2 && r;
    });
    expect(got.map((r) => [r.topic, r.accountBy, r.reference, r.toState, r.recipient])).toEqual([
      ['case.account_due_soon', accountBy, c.reference, c.state, { id: 'resident-1', contactEmail: EMAIL }],
      ['case.account_overdue', accountBy, c.reference, c.state, { id: 'resident-1', contactEmail: EMAIL }],
    ]);
    // Only the reminders carry accountBy.
    expect(receiver.received.filter((r) => r.caseId === c.id && 'accountBy' in r)).toEqual(got);
  });

  it('counts the days in Europe/Amsterdam, not in UTC', async () => {
    const accountBy = addMonths(today(), 3);
    const c = await grant(t, people, accountBy);
    const dayBefore = addDays(accountBy, -15);
    // 21:30 UTC is 22:30 or 23:30 in Amsterdam: still fifteen days before.
    expect(await reminders.scan(new Date(`${dayBefore}T21:30:00Z`))).toEqual([]);
    // 23:30 UTC, the same day in UTC, is already the next day in Amsterdam: fourteen days before.
    expect(kindsFor(await reminders.scan(new Date(`${dayBefore}T23:30:00Z`)), c.id)).toEqual(['due_soon']);
    // Likewise the day after accountBy begins at midnight in Amsterdam.
    expect(await reminders.scan(new Date(`${accountBy}T21:30:00Z`))).toEqual([]);
    expect(kindsFor(await reminders.scan(new Date(`${accountBy}T23:30:00Z`)), c.id)).toEqual(['overdue']);
  });

  it('sends no second reminder once the account is submitted, and none at all when it came first', async () => {
    const accountBy = addMonths(today(), 2);
    const late = await grant(t, people, accountBy, 'Rekent na de herinnering af');
    const early = await grant(t, people, accountBy, 'Rekent meteen af');
    const account = { type: 'SUBMIT_ACCOUNT', report: 'Het feest is gehouden.', actualCostCents: AMOUNT };
    await sendEvent(t, people.resident, early.id, account);

    const first = await reminders.scan(on(addDays(accountBy, -14)));
    expect(kindsFor(first, late.id)).toEqual(['due_soon']);
    expect(kindsFor(first, early.id)).toEqual([]);

    const accounted = await sendEvent(t, people.resident, late.id, account);
    expect(accounted.state).not.toBe(late.state);
    expect(await reminders.scan(on(addDays(accountBy, 1)))).toEqual([]);
    expect(await reminders.scan(on(addDays(accountBy, 60)))).toEqual([]);
    expect((await claimedReminders(db, late.id)).map((r) => r.kind)).toEqual(['due_soon']);
    expect(await claimedReminders(db, early.id)).toEqual([]);
    expect((await queuedReminders(db)).map((r) => r.payload.caseId)).toEqual([late.id]);
  });

  it('never reminds a Right to Challenge grant, nor a revoked or withdrawn initiative', async () => {
    const west = await team(t, 'west');
    const rtc = await submit(t, people.resident, rightToChallenge({ requestedAmountCents: AMOUNT }));
    await sendEvent(t, west.official, rtc.id, { type: 'ASSESS', advice: 'honour', motivation: 'Past.' });
    const granted = await sendEvent(t, west.alderman, rtc.id, {
      type: 'HONOUR',
      amountCents: AMOUNT,
      motivation: 'Akkoord.',
      agreementMonths: 12,
    });
    expect(granted.accountBy ?? null).toBeNull();

    const accountBy = addMonths(today(), 2);
    const revoked = await grant(t, people, accountBy, 'Ingetrokken');
    await sendEvent(t, people.alderman, revoked.id, { type: 'REVOKE', motivation: 'Niet doorgegaan.' });
    const withdrawn = await grant(t, people, accountBy, 'Teruggetrokken');
    await sendEvent(t, people.resident, withdrawn.id, { type: 'WITHDRAW', reason: 'Zelf geregeld.' });

    for (const day of [
      today(),
      addDays(accountBy, -14),
      accountBy,
      addDays(accountBy, 1),
      addMonths(today(), 48),
    ]) {
      expect(await reminders.scan(on(day))).toEqual([]);
    }
    expect(await claimedReminders(db)).toEqual([]);
    expect(await queuedReminders(db)).toEqual([]);
  });

  it('reminds every case due in one scan, however many (statements of 500 cases)', async () => {
    const accountBy = addMonths(today(), 2);
    const c = await grant(t, people, accountBy);
    // 1,100 copies of the granted case, with ids and references of their own.
    await db.transaction(async (m) => {
      const columns = (
        await sql<{ column_name: string }>(
          m,
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = 'cases' ORDER BY ordinal_position`,
        )
      )
        .map((r) => r.column_name)
        .filter((name) => name !== 'id' && name !== 'reference');
      await sql(
        m,
        `INSERT INTO cases (id, reference, ${columns.join(', ')})
         SELECT gen_random_uuid(), reference || '-' || g, ${columns.join(', ')}
         FROM cases, generate_series(1, 1100) AS g WHERE id = $1`,
        [c.id],
      );
    });
    const first = await reminders.scan(on(addDays(accountBy, -10)));
    expect(first).toHaveLength(1101);
    expect(new Set(first.map((r) => r.caseId)).size).toBe(1101);
    expect(first.every((r) => r.kind === 'due_soon' && r.accountBy === accountBy)).toBe(true);
    expect(await reminders.scan(on(addDays(accountBy, -10)))).toEqual([]);
    expect(await queuedReminders(db)).toHaveLength(1101);
  });
});

describe('account reminders: each process scans at start and every ACCOUNT_REMINDER_INTERVAL_MS', () => {
  let store: TestStore;
  let t: TestApp | undefined;
  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(async () => {
    await t?.close();
    await store.drop();
  });

  it('a process that starts finds the reminders due, with the real clock', async () => {
    // The first process grants, without scanning; the grant's day then lies behind us.
    t = await createTestApp({ ...store.env, ACCOUNT_REMINDER_INTERVAL_MS: '0', OUTBOX_POLL_MS: '0' });
    await seedProgrammes(t);
    const c = await grant(t, await cast(t), addMonths(today(), 2));
    const yesterday = addDays(today(), -1);
    await t.app.get(Database).transaction((m) => sql(m, MOVE_ACCOUNT_BY, [c.id, yesterday]));
    await t.close();
    t = undefined;

    // The next starts with the default interval (15 minutes): its first scan is at start.
    t = await createTestApp({ ...store.env, OUTBOX_POLL_MS: '0' });
    expect(loadConfig({ NODE_ENV: 'test' }).accountReminderIntervalMs).toBe(900_000);
    const db = t.app.get(Database);
    const queued = await until('the overdue reminder is queued', async () => {
      const rows = await queuedReminders(db, c.id);
      return rows.length > 0 && rows;
    });
    expect(queued.map((r) => [r.topic, r.payload.accountBy])).toEqual([['case.account_overdue', yesterday]]);
  });
});

describe('account reminders: settings', () => {
  it('ACCOUNT_REMINDER_INTERVAL_MS: 15 minutes unless set; 0 is never; 100 ms to a day', () => {
    const base = { NODE_ENV: 'test' };
    expect(loadConfig(base).accountReminderIntervalMs).toBe(900_000);
    expect(loadConfig({ ...base, ACCOUNT_REMINDER_INTERVAL_MS: '0' }).accountReminderIntervalMs).toBe(0);
    expect(loadConfig({ ...base, ACCOUNT_REMINDER_INTERVAL_MS: '100' }).accountReminderIntervalMs).toBe(100);
    expect(loadConfig({ ...base, ACCOUNT_REMINDER_INTERVAL_MS: '86400000' }).accountReminderIntervalMs).toBe(
      86_400_000,
    );
    for (const bad of ['-1', 'often', '1.5', '50', '99', '86400001']) {
      expectSettingRefused({ ...base, ACCOUNT_REMINDER_INTERVAL_MS: bad }, 'ACCOUNT_REMINDER_INTERVAL_MS');
    }
  });
});

const onTwo = onPostgres ? describe : describe.skip;

onTwo(
  'account reminders: two app instances scanning one PostgreSQL at once (needs TEST_DATABASE_URL)',
  () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      // One signing key: passport keeps one 'jwt' strategy per process, the last app's.
      const env = {
        ACCOUNT_REMINDER_INTERVAL_MS: '0',
        OUTBOX_POLL_MS: '0',
        DEV_SIGNING_KEY: SHARED_SIGNING_KEY,
      };
      a = await createTestApp(env);
      b = await createTestApp({ ...env, DATABASE_URL: a.databaseUrl! });
      await seedProgrammes(a);
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('queue each reminder exactly once between them', async () => {
      const people = await cast(a);
      const accountBy = addMonths(today(), 2);
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await grant(a, people, accountBy, `Race ${i}`)).id);
      const scanners = [a, b].map((x) => x.app.get(AccountReminders));

      for (const [day, kind] of [
        [addDays(accountBy, -14), 'due_soon'],
        [addDays(accountBy, 1), 'overdue'],
      ] as const) {
        // Eight scans at once, four in each app, each on a connection of its own.
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => scanners[i % 2].scan(on(day))));
        const all = results.flat();
        expect(all.map((r) => r.caseId).sort()).toEqual([...ids].sort());
        expect(all.every((r) => r.kind === kind)).toBe(true);
      }
      const db = a.app.get(Database);
      const queued = await queuedReminders(db);
      expect(queued).toHaveLength(80);
      for (const id of ids) {
        expect(queued.filter((r) => r.payload.caseId === id).map((r) => r.topic)).toEqual([
          'case.account_due_soon',
          'case.account_overdue',
        ]);
      }
      expect(await claimedReminders(db)).toHaveLength(80);
    }, 120_000);
  },
);

onTwo(
  'account reminders: two API processes on one PostgreSQL, with their own loops (needs TEST_DATABASE_URL)',
  () => {
    const receiver = new Receiver();
    let a: SpawnedApp;
    let b: SpawnedApp;
    let databaseUrl: string;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      await receiver.start();
      const db = (await createTestDatabase())!;
      ({ url: databaseUrl, drop } = db);
      const env = {
        ACCOUNT_REMINDER_INTERVAL_MS: '100',
        OUTBOX_POLL_MS: '50',
        NOTIFY_WEBHOOK_URL: receiver.url,
      };
      [a, b] = await Promise.all([spawnApp({ databaseUrl, env }), spawnApp({ databaseUrl, env })]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await drop?.();
      await receiver.stop();
    });

    it('each reminder is queued and delivered once, whichever process finds it first', async () => {
      const clerk = await a.token('clerk-1', ['clerk']);
      const resident = await a.token('resident-1', ['resident']);
      const official = await b.token('official-1', ['official'], ['oost']);
      const alderman = await a.token('alderman-1', ['alderman'], ['oost']);
      const adopted = await call(`${a.url}/api/v1/programmes/${programmeYear()}/oost`, 'PUT', clerk, {
        budgetCents: 100_000_000,
        delegationLimitCents: 100_000_000,
        themes: ['speelruimte'],
        councilDecision: councilDecision(),
      });
      expect(adopted.status).toBe(200);
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const p = i % 2 ? a : b;
        const made = await call(
          `${p.url}/api/v1/cases`,
          'POST',
          resident,
          initiative({ title: `Feest ${i}` }),
        );
        expect(made.status).toBe(201);
        const id = (made.body as { id: string }).id;
        const events = [
          [official, { type: 'ASSESS', advice: 'honour', motivation: 'Past.' }],
          [
            alderman,
            { type: 'HONOUR', amountCents: AMOUNT, motivation: 'Akkoord.', accountBy: addMonths(today(), 2) },
          ],
        ] as const;
        for (const [token, event] of events) {
          const res = await call(`${p.url}/api/v1/cases/${id}/events`, 'POST', token, event);
          expect(res.status).toBe(200);
        }
        ids.push(id);
      }
      // Both processes scan every 100 ms; now half the accounts fall due in three days, and half
      // were due yesterday.
      const soon = ids.slice(0, 5);
      const late = ids.slice(5);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        for (const id of soon) await client.query(MOVE_ACCOUNT_BY, [id, addDays(today(), 3)]);
        for (const id of late) await client.query(MOVE_ACCOUNT_BY, [id, addDays(today(), -1)]);
        await client.query('COMMIT');

        await until('ten reminders are delivered', () => receiver.reminders().length >= 10);
        // Many more scans by both: nothing new.
        await sleep(1500);
        expect(receiver.reminders()).toHaveLength(10);
        for (const id of soon) {
          expect(receiver.reminders(id).map((r) => r.topic)).toEqual(['case.account_due_soon']);
        }
        for (const id of late) {
          expect(receiver.reminders(id).map((r) => r.topic)).toEqual(['case.account_overdue']);
        }
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'case.account%'`,
        );
        expect(rows[0].n).toBe(10);
        const claimed = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM account_reminders`);
        expect(claimed.rows[0].n).toBe(10);
      } finally {
        await client.end();
      }
      // Neither process logged an e-mail address.
      expect(a.output() + b.output()).not.toMatch(ANY_EMAIL);
    }, 120_000);
  },
);
