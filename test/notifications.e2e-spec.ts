import { Logger } from '@nestjs/common';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { loadConfig } from '../apps/api/src/common/config.js';
import { Database } from '../apps/api/src/database/database.service.js';
import { sql } from '../apps/api/src/database/sql.js';
import { OutboxRelay } from '../apps/api/src/notifications/outbox-relay.service.js';
import { MAX_ATTEMPTS } from '../apps/api/src/notifications/retry-policy.js';
import { ensureBuilt, startApp } from './support/built-app.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { initiative, postEvent, sendEvent, submit as submitCase } from './support/cases.js';
import {
  createTestApp,
  createTestDatabase,
  createTestStore,
  expectProblem,
  expectSettingRefused,
  onPostgres,
  type TestApp,
} from './support/test-app.js';
import { sleep, until } from './support/wait.js';

/**
 * The outbox relay end to end: the app POSTs each accepted change to a messaging service
 * (a local HTTP receiver here), signed, in order, once, and retries when the service fails;
 * without one it logs what it would have sent, without the e-mail. The receiver checks each
 * POST as Standard Webhooks prescribes, with that project's reference library.
 */
const EMAIL = 'anna.devries@example.org';
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
/** The messaging service's side: verifies signature and timestamp, returns the parsed body. */
const verifier = new Webhook(SECRET);
const headersOf = (r: Received) => r.headers as Record<string, string>;
const ANY_EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}/i;

interface Received {
  at: number;
  raw: string;
  body: {
    id: string;
    topic: string;
    occurredAt: string;
    caseId: string;
    reference: string;
    toState: string | null;
    recipient: { id: string; contactEmail: string | null };
  };
  headers: IncomingMessage['headers'];
  /** The status the receiver answered (0: it never answered). */
  status: number;
}

/** A messaging service on 127.0.0.1: records every POST; answers as the test tells it. */
class Receiver {
  readonly requests: Received[] = [];
  /** Decides the answer to each request: a status, or 'hold' to answer only on release(). */
  answer: (r: Received) => number | 'hold' = () => 204;
  /** Milliseconds to wait before answering (a service that takes its time). */
  delayMs = 0;
  private held: (() => void)[] = [];
  private server: Server = createServer((req, res) => this.handle(req, res));
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}/hooks/wijkflow`;
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  release(): void {
    this.held.splice(0).forEach((answer) => answer());
  }

  /** Requests about one case, in arrival order. */
  about(caseId: string): Received[] {
    return this.requests.filter((r) => r.body.caseId === caseId);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const r: Received = { at: Date.now(), raw, body: JSON.parse(raw), headers: req.headers, status: 0 };
      this.requests.push(r);
      const reply = (status: number) => {
        r.status = status;
        res.statusCode = status;
        res.end();
      };
      const answer = this.answer(r);
      if (answer === 'hold') this.held.push(() => reply(204));
      else if (this.delayMs > 0) setTimeout(() => reply(answer), this.delayMs);
      else reply(answer);
    });
  }
}

interface OutboxState {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  delivered: boolean;
  failed: boolean;
}

async function outboxOf(t: TestApp, caseId?: string): Promise<OutboxState[]> {
  const rows = await t.app.get(Database).read((m) =>
    sql<OutboxState & { id: string }>(
      m,
      `SELECT id::text AS id, topic, payload, attempts, delivered_at IS NOT NULL AS delivered,
              failed_at IS NOT NULL AS failed
       FROM outbox WHERE $1::text IS NULL OR payload->>'caseId' = $1 ORDER BY outbox.id`,
      [caseId ?? null],
    ),
  );
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

/** Until every notification of the case is delivered or given up. */
const settled = (t: TestApp, caseId: string) =>
  until(`the notifications of ${caseId} are settled`, async () =>
    (await outboxOf(t, caseId)).every((r) => r.delivered || r.failed),
  );

/** Captures what the app hands to Nest's Logger (before any masking), to check for e-mail. */
function captureLogs(): { calls: { level: string; args: unknown[] }[]; restore: () => void } {
  const calls: { level: string; args: unknown[] }[] = [];
  const proto = Logger.prototype as unknown as Record<string, (...args: unknown[]) => void>;
  const originals: Record<string, (...args: unknown[]) => void> = {};
  for (const level of ['log', 'warn', 'error', 'debug', 'verbose', 'fatal']) {
    originals[level] = proto[level];
    proto[level] = function (this: unknown, ...args: unknown[]) {
      calls.push({ level, args });
      return originals[level].apply(this, args);
    };
  }
  return { calls, restore: () => Object.assign(proto, originals) };
}

describe('notifications: the outbox relay POSTs to the messaging service', () => {
  const receiver = new Receiver();
  let t: TestApp;
  let a: Cast;
  let logs: ReturnType<typeof captureLogs>;

  const submit = (body = initiative({ contactEmail: EMAIL })) => submitCase(t, a.resident, body);
  const send = (token: string, id: string, event: Record<string, unknown>) => postEvent(t, token, id, event);
  const accepted = (token: string, id: string, event: { type: string } & Record<string, unknown>) =>
    sendEvent(t, token, id, event);

  beforeAll(async () => {
    await receiver.start();
    logs = captureLogs();
    t = await createTestApp({
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_WEBHOOK_SECRET: SECRET,
      OUTBOX_POLL_MS: '50',
    });
    a = await cast(t);
  });
  afterAll(async () => {
    await t?.close();
    logs?.restore();
    await receiver.stop();
  });
  // Each test starts with a service that answers at once and with the logs of its own, and
  // leaves no e-mail address (nor the webhook's address, which may carry a key) in them.
  beforeEach(() => {
    receiver.answer = () => 204;
    receiver.delayMs = 0;
    receiver.release();
    logs.calls.length = 0;
  });
  afterEach(() => {
    expect(JSON.stringify(logs.calls)).not.toMatch(ANY_EMAIL);
    expect(JSON.stringify(logs.calls)).not.toContain(receiver.url);
  });

  it('sends one signed POST per accepted change, in order, with the initiator’s contact e-mail', async () => {
    const startedSeconds = Math.floor(Date.now() / 1000);
    const c = await submit();
    const states = [c.state];
    states.push((await accepted(a.official, c.id, { type: 'REQUEST_INFO', question: 'Hoeveel?' })).state);
    states.push((await accepted(a.resident, c.id, { type: 'SUPPLY_INFO', answer: 'Veertig.' })).state);
    states.push(
      (await accepted(a.official, c.id, { type: 'ASSESS', advice: 'reject', motivation: 'Te duur.' })).state,
    );
    await settled(t, c.id);

    const got = receiver.about(c.id);
    expect(got.map((r) => [r.body.topic, r.body.toState])).toEqual([
      ['case.submitted', 'submitted'],
      ['case.state_changed', states[1]],
      ['case.state_changed', states[2]],
      ['case.state_changed', states[3]],
    ]);
    expect(new Set(states.slice(1)).size).toBe(3);
    const rows = await outboxOf(t, c.id);
    expect(got.map((r) => r.body.id)).toEqual(rows.map((r) => r.id));
    for (const r of got) {
      expect(r.status).toBe(204);
      expect(r.body).toEqual({
        id: expect.any(String),
        topic: expect.any(String),
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        caseId: c.id,
        reference: c.reference,
        toState: r.body.toState,
        recipient: { id: 'resident-1', contactEmail: EMAIL },
      });
      expect(r.headers['content-type']).toBe('application/json');
      // Standard Webhooks: the outbox row's id, the time of sending, and a v1 signature of both with the body.
      expect(r.headers['webhook-id']).toBe(r.body.id);
      const timestamp = Number(r.headers['webhook-timestamp']);
      expect(r.headers['webhook-timestamp']).toMatch(/^\d+$/);
      expect(timestamp).toBeGreaterThanOrEqual(startedSeconds);
      expect(timestamp).toBeLessThanOrEqual(Math.ceil(r.at / 1000));
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      // The receiver can check the POST came from Wijkflow, just now: a changed body, id or
      // time fails the check, and so does a replay after the library's five minutes.
      expect(verifier.verify(r.raw, headersOf(r))).toEqual(r.body);
      const forged = (raw: string, headers: Record<string, string>) => () => verifier.verify(raw, headers);
      expect(forged(r.raw.replace(EMAIL, 'x@example.org'), headersOf(r))).toThrow(WebhookVerificationError);
      expect(forged(r.raw, { ...headersOf(r), 'webhook-id': `${r.body.id}0` })).toThrow(
        WebhookVerificationError,
      );
      expect(forged(r.raw, { ...headersOf(r), 'webhook-timestamp': String(timestamp + 1) })).toThrow(
        WebhookVerificationError,
      );
      const now = Date.now;
      Date.now = () => now() + 6 * 60 * 1000;
      try {
        expect(forged(r.raw, headersOf(r))).toThrow(/too old/);
      } finally {
        Date.now = now;
      }
    }
    // The outbox itself holds the pseudonymous id only, never the e-mail.
    for (const row of rows) {
      expect(JSON.stringify(row.payload)).not.toMatch(ANY_EMAIL);
      expect(row.payload.recipient).toBe('resident-1');
    }
  });

  it('sends nothing for a refused request', async () => {
    const c = await submit();
    const refused = await send(a.alderman, c.id, { type: 'REJECT', motivation: 'Nee.' });
    expectProblem(refused, 409);
    // An accepted change after it: once that arrives, the relay has passed the refused one.
    const assessed = await accepted(a.official, c.id, {
      type: 'ASSESS',
      advice: 'honour',
      motivation: 'Ja.',
    });
    await settled(t, c.id);
    expect(receiver.about(c.id).map((r) => [r.body.topic, r.body.toState])).toEqual([
      ['case.submitted', 'submitted'],
      ['case.state_changed', assessed.state],
    ]);
    expect(await outboxOf(t, c.id)).toHaveLength(2);
  });

  it('reads the contact e-mail at delivery time, not when the change was made', async () => {
    receiver.answer = () => 'hold';
    const first = await submit();
    await until('the first POST is in flight', () => receiver.about(first.id).length === 1);
    // Queued while the relay waits for the service; the address changes before it goes out.
    const second = await submit(initiative({ contactEmail: 'old@example.org' }));
    await t.app
      .get(Database)
      .transaction((m) =>
        sql(m, `UPDATE cases SET contact_email = 'new@example.org' WHERE id = $1`, [second.id]),
      );
    receiver.answer = () => 204;
    receiver.release();
    await settled(t, second.id);
    expect(receiver.about(second.id).map((r) => r.body.recipient.contactEmail)).toEqual(['new@example.org']);
  });

  it('retries a failing service with growing waits, then delivers each change once, in order', async () => {
    let failures = 0;
    receiver.answer = () => (failures++ < 3 ? 500 : 204);
    const c = await submit();
    const assessed = await accepted(a.official, c.id, {
      type: 'ASSESS',
      advice: 'honour',
      motivation: 'Ja.',
    });
    await settled(t, c.id);

    const got = receiver.about(c.id);
    const [submittedRow, changedRow] = await outboxOf(t, c.id);
    expect(got.map((r) => [r.body.topic, r.status])).toEqual([
      ['case.submitted', 500],
      ['case.submitted', 500],
      ['case.submitted', 500],
      ['case.submitted', 204],
      // The later change waited for the earlier one: never out of order.
      ['case.state_changed', 204],
    ]);
    expect(got.slice(0, 4).map((r) => r.body.id)).toEqual(Array(4).fill(submittedRow.id));
    // Every attempt is one message to the receiver (same webhook-id), each signed at its own time.
    expect(got.slice(0, 4).map((r) => r.headers['webhook-id'])).toEqual(Array(4).fill(submittedRow.id));
    for (const r of got) expect(verifier.verify(r.raw, headersOf(r))).toEqual(r.body);
    const times = got.map((r) => Number(r.headers['webhook-timestamp']));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(got[4].body).toMatchObject({ id: changedRow.id, toState: assessed.state });
    expect(submittedRow).toMatchObject({ attempts: 3, delivered: true, failed: false });
    expect(changedRow).toMatchObject({ attempts: 0, delivered: true, failed: false });
    // Exponential backoff at OUTBOX_POLL_MS=50: at least 50, 100 and 200 ms between attempts.
    const gaps = got.slice(1, 4).map((r, i) => r.at - got[i].at);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(50 * 2 ** i - 5));
    const warned = logs.calls.filter(
      (l) => l.level === 'warn' && (l.args[0] as { outboxId?: string }).outboxId === submittedRow.id,
    );
    expect(warned.map((c) => c.args[0])).toEqual(
      [1, 2, 3].map((attempts) => ({
        msg: 'notification not delivered, will retry',
        outboxId: submittedRow.id,
        attempts,
        reason: 'HTTP 500',
      })),
    );
  });

  it('retries when the service does not answer within 5 s', async () => {
    let answered = 0;
    receiver.answer = () => (answered++ === 0 ? 'hold' : 204);
    const c = await submit();
    await settled(t, c.id);
    // The first one was never answered (the relay gave up waiting); the retry was.
    expect(receiver.about(c.id).map((r) => r.status)).toEqual([0, 204]);
    receiver.release();
    expect((await outboxOf(t, c.id))[0]).toMatchObject({ attempts: 1, delivered: true });
    expect(JSON.stringify(logs.calls)).toContain('no answer within 5000 ms');
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts, logs the outbox id at error level, and goes on`, async () => {
    receiver.answer = () => 500;
    const c = await submit();
    await until('the first attempt failed', async () => (await outboxOf(t, c.id))[0].attempts >= 1);
    // Skip the hours of backoff: one attempt left. Not while the relay holds the row (leased:
    // due minutes from now), so its own record cannot overwrite this.
    const db = t.app.get(Database);
    await until('the row is set to its last attempt', async () => {
      const updated = await db.transaction((m) =>
        sql(
          m,
          `UPDATE outbox SET attempts = $2, next_attempt_at = now()
           WHERE payload->>'caseId' = $1 AND delivered_at IS NULL AND failed_at IS NULL
             AND next_attempt_at < now() + interval '60 seconds'
           RETURNING id`,
          [c.id, MAX_ATTEMPTS - 1],
        ),
      );
      return updated.length === 1;
    });
    await settled(t, c.id);
    const [row] = await outboxOf(t, c.id);
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, delivered: false, failed: true });
    const errors = logs.calls.filter((l) => l.level === 'error');
    expect(errors.map((l) => l.args[0])).toEqual([{ msg: 'notification given up', outboxId: row.id }]);

    // A given-up notification does not hold back the case's next ones.
    receiver.answer = () => 204;
    const assessed = await accepted(a.official, c.id, {
      type: 'ASSESS',
      advice: 'honour',
      motivation: 'Ja.',
    });
    await settled(t, c.id);
    const delivered = receiver.about(c.id).filter((r) => r.status === 204);
    expect(delivered.map((r) => [r.body.topic, r.body.toState])).toEqual([
      ['case.state_changed', assessed.state],
    ]);
  });

  it('never hands an e-mail address to the logger', async () => {
    // Something to log: a change delivered after one failed attempt, a refused request.
    let failures = 0;
    receiver.answer = () => (failures++ < 1 ? 500 : 204);
    const c = await submit();
    expectProblem(await send(a.alderman, c.id, { type: 'REJECT', motivation: 'Nee.' }), 409);
    await settled(t, c.id);
    expect(logs.calls.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs.calls)).not.toMatch(ANY_EMAIL);
    // Nor the webhook's address (it may carry a key).
    expect(JSON.stringify(logs.calls)).not.toContain(receiver.url);
  });
});

describe('notifications: shutdown', () => {
  it('finishes the delivery in hand, gives back the rest of its batch, and starts no new round', async () => {
    const receiver = new Receiver();
    await receiver.start();
    const { env: store, drop } = await createTestStore();
    let t: TestApp | null = null;
    let after: TestApp | null = null;
    try {
      t = await createTestApp({ ...store, NOTIFY_WEBHOOK_URL: receiver.url, OUTBOX_POLL_MS: '50' });
      const resident = await t.token('resident-1', ['resident']);
      const submit = async () => (await submitCase(t!, resident, initiative())).id;
      // The relay waits on the first POST while three more cases come in; released, it claims
      // those three in one batch and waits on the first of them when the app is told to stop.
      receiver.answer = () => 'hold';
      const ids = [await submit()];
      await until('the first POST is in flight', () => receiver.requests.length === 1);
      ids.push(await submit(), await submit(), await submit());
      receiver.release();
      await until('the next batch is in hand', () => receiver.requests.length === 2);
      const closing = t.close();
      t = null;
      await sleep(100);
      receiver.release();
      await closing;
      expect(receiver.requests.map((r) => r.body.caseId)).toEqual(ids.slice(0, 2));
      // Without NOTIFY_WEBHOOK_SECRET: unsigned, but with the id to drop duplicates by.
      for (const r of receiver.requests) {
        expect(r.headers['webhook-id']).toBe(r.body.id);
        expect(r.headers['webhook-timestamp']).toMatch(/^\d+$/);
        expect(r.headers['webhook-signature']).toBeUndefined();
      }

      after = await createTestApp({ ...store, OUTBOX_POLL_MS: '0' });
      const rows = await outboxOf(after);
      expect(rows.map((r) => [r.payload.caseId, r.delivered, r.attempts])).toEqual([
        [ids[0], true, 0],
        [ids[1], true, 0],
        [ids[2], false, 0],
        [ids[3], false, 0],
      ]);
      // Given back, not leased: due at once for the next process.
      const due = await after.app
        .get(Database)
        .read((m) => sql(m, `SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= now()`));
      expect(due).toHaveLength(2);
    } finally {
      await t?.close();
      await after?.close();
      await receiver.stop();
      await drop();
    }
  });
});

(onPostgres ? describe : describe.skip)('notifications: two API processes on one database', () => {
  it('deliver every notification exactly once, each case’s in order', async () => {
    const receiver = new Receiver();
    receiver.delayMs = 5;
    await receiver.start();
    const pg = (await createTestDatabase())!;
    const apps: TestApp[] = [];
    try {
      const env = {
        DATABASE_URL: pg.url,
        NOTIFY_WEBHOOK_URL: receiver.url,
        OUTBOX_POLL_MS: '10',
        // passport keeps one strategy per process: both apps must accept the same tokens.
        DEV_SIGNING_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      };
      apps.push(await createTestApp(env), await createTestApp(env));
      const ids = (
        await Promise.all(
          apps.map(async (t) => {
            const resident = await t.token('resident-1', ['resident']);
            const official = await t.token('official-1', ['official'], ['oost']);
            return Promise.all(
              Array.from({ length: 20 }, async () => {
                const c = await submitCase(t, resident, initiative());
                await sendEvent(t, official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Ja.' });
                return c.id;
              }),
            );
          }),
        )
      ).flat();
      await until('every notification is delivered', async () =>
        (await outboxOf(apps[0])).every((r) => r.delivered),
      );
      const rows = await outboxOf(apps[0]);
      expect(rows).toHaveLength(80);
      const sent = receiver.requests.map((r) => r.body.id);
      expect(sent.sort()).toEqual(rows.map((r) => r.id).sort());
      for (const id of ids) {
        expect(receiver.about(id).map((r) => r.body.topic)).toEqual(['case.submitted', 'case.state_changed']);
      }
    } finally {
      for (const t of apps) await t.close();
      await receiver.stop();
      await pg.drop();
    }
  });
});

describe('notifications: without a webhook', () => {
  let t: TestApp;
  let logs: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    logs = captureLogs();
    t = await createTestApp({ OUTBOX_POLL_MS: '50' });
  });
  afterAll(async () => {
    await t?.close();
    logs?.restore();
  });

  it('logs each notification without the e-mail and marks it delivered', async () => {
    const a = await cast(t);
    const c = await submitCase(t, a.resident, initiative({ contactEmail: EMAIL }));
    const assessed = await sendEvent(t, a.official, c.id, {
      type: 'ASSESS',
      advice: 'honour',
      motivation: 'Ja.',
    });
    await settled(t, c.id);
    const rows = await outboxOf(t, c.id);
    expect(rows.map((r) => r.delivered)).toEqual([true, true]);
    const logged = logs.calls.filter((l) => (l.args[0] as { msg?: string })?.msg === 'notification');
    expect(logged.map((l) => [l.level, l.args[0]])).toEqual([
      [
        'log',
        {
          msg: 'notification',
          outboxId: rows[0].id,
          topic: 'case.submitted',
          caseId: c.id,
          reference: c.reference,
          toState: 'submitted',
          recipient: 'resident-1',
        },
      ],
      [
        'log',
        {
          msg: 'notification',
          outboxId: rows[1].id,
          topic: 'case.state_changed',
          caseId: c.id,
          reference: c.reference,
          toState: assessed.state,
          recipient: 'resident-1',
        },
      ],
    ]);
    expect(JSON.stringify(logs.calls)).not.toMatch(ANY_EMAIL);
  });

  it('deletes delivered notifications older than 30 days, and nothing else', async () => {
    const db = t.app.get(Database);
    const insert = (label: string, delivered: string | null, failed: string | null) =>
      db.transaction((m) =>
        sql<{ id: string }>(
          m,
          `INSERT INTO outbox (topic, payload, created_at, delivered_at, failed_at, next_attempt_at)
           VALUES ('test.housekeeping', $1::jsonb, now() - interval '40 days',
                   now() - $2::interval, now() - $3::interval, now() + interval '1 day')
           RETURNING id::text AS id`,
          [JSON.stringify({ label }), delivered, failed],
        ),
      );
    await insert('delivered 31 days ago', '31 days', null);
    await insert('delivered 29 days ago', '29 days', null);
    await insert('never delivered', null, null);
    await insert('given up 40 days ago', null, '40 days');
    expect(await t.app.get(OutboxRelay).housekeep()).toBe(1);
    const left = await db.read((m) =>
      sql<{ label: string }>(
        m,
        `SELECT payload->>'label' AS label FROM outbox WHERE topic = 'test.housekeeping' ORDER BY id`,
      ),
    );
    expect(left.map((r) => r.label)).toEqual([
      'delivered 29 days ago',
      'never delivered',
      'given up 40 days ago',
    ]);
  });
});

describe('notifications: the built app’s log lines', () => {
  it('writes a structured `notification` line per change, with no e-mail in it or anywhere', async () => {
    ensureBuilt();
    const store = await createTestStore();
    const app = await startApp({ ...store.env, LOG_LEVEL: 'info', OUTBOX_POLL_MS: '50' });
    try {
      const post = (p: string, body: unknown, token?: string) =>
        fetch(`${app.url}${p}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? bearer(token) : {}) },
          body: JSON.stringify(body),
        });
      const accessToken = await app.token('resident-1', ['resident'], [], 'Anna');
      const res = await post('/api/v1/cases', initiative({ contactEmail: EMAIL }), accessToken);
      const c = (await res.json()) as { id: string; reference: string };
      expect(res.status).toBe(201);
      await until('the notification is logged', () => app.stdout().includes('"msg":"notification"'));
      const stdout = (await app.stop()).stdout;
      const lines = stdout
        .split('\n')
        .filter((l) => l.includes('"msg":"notification"'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toEqual([
        expect.objectContaining({
          level: 30,
          msg: 'notification',
          topic: 'case.submitted',
          caseId: c.id,
          reference: c.reference,
          toState: 'submitted',
          recipient: 'resident-1',
        }),
      ]);
      // Not there, and not masked either: the e-mail never reached the logger.
      expect(stdout).not.toContain(EMAIL);
      expect(stdout).not.toContain('[e-mail]');
    } finally {
      await app.stop();
      await store.drop();
    }
  });
});

describe('notifications: settings', () => {
  const base = { AUTH_MODE: 'dev' };
  const refused = (env: Record<string, string>, setting: string) =>
    expectSettingRefused({ ...base, ...env }, setting);

  it('defaults to polling every second with no webhook', () => {
    expect(loadConfig(base)).toMatchObject({
      outboxPollMs: 1000,
      notifyWebhookUrl: null,
      notifyWebhookSecret: null,
    });
    expect(loadConfig({ ...base, OUTBOX_POLL_MS: '0' }).outboxPollMs).toBe(0);
  });

  it('refuses a webhook that is not an http(s) URL, a secret without one or too short, a bad interval', () => {
    refused({ NOTIFY_WEBHOOK_URL: 'ftp://example.org/x' }, 'NOTIFY_WEBHOOK_URL');
    refused({ NOTIFY_WEBHOOK_URL: 'not a url' }, 'NOTIFY_WEBHOOK_URL');
    refused({ NOTIFY_WEBHOOK_SECRET: SECRET }, 'NOTIFY_WEBHOOK_SECRET');
    refused(
      { NOTIFY_WEBHOOK_URL: 'https://example.org/x', NOTIFY_WEBHOOK_SECRET: 'short' },
      'NOTIFY_WEBHOOK_SECRET',
    );
    for (const secret of [
      `whsec_${randomBytes(16).toString('base64')}`, // Standard Webhooks asks 24 to 64 bytes
      `whsec_${randomBytes(65).toString('base64')}`,
      `whsec_${randomBytes(32).toString('hex')}!`,
    ]) {
      refused(
        { NOTIFY_WEBHOOK_URL: 'https://example.org/x', NOTIFY_WEBHOOK_SECRET: secret },
        'NOTIFY_WEBHOOK_SECRET',
      );
    }
    refused({ OUTBOX_POLL_MS: '-1' }, 'OUTBOX_POLL_MS');
    refused({ OUTBOX_POLL_MS: 'often' }, 'OUTBOX_POLL_MS');
    expect(
      loadConfig({
        ...base,
        NOTIFY_WEBHOOK_URL: 'https://notify.example.org/hook',
        NOTIFY_WEBHOOK_SECRET: SECRET,
      }),
    ).toMatchObject({ notifyWebhookUrl: 'https://notify.example.org/hook', notifyWebhookSecret: SECRET });
    // A secret from before Standard Webhooks (16 characters or more) is still taken.
    const older = randomBytes(24).toString('hex');
    expect(
      loadConfig({
        ...base,
        NOTIFY_WEBHOOK_URL: 'https://notify.example.org/hook',
        NOTIFY_WEBHOOK_SECRET: older,
      }),
    ).toMatchObject({ notifyWebhookSecret: older });
  });
});
