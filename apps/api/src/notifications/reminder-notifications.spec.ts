import { Logger } from '@nestjs/common';
import { createServer } from 'node:http';
import type { CasesRepository } from '../cases/cases.repository.js';
import type { Database } from '../database/database.service.js';
import { LogNotifier } from './log.notifier.js';
import type { Notification } from './notifier.js';
import { toNotification } from './outbox.repository.js';
import { WebhookNotifier } from './webhook.notifier.js';

// The account reminders carry accountBy from the outbox to the notifiers; no other
// notification gains the field.
const CASE_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const row = (topic: string, extra: Record<string, unknown> = {}) => ({
  id: '7',
  topic,
  payload: { caseId: CASE_ID, reference: 'INI-2027-000001', toState: 'x', recipient: 'resident-1', ...extra },
  occurred_at: '2027-03-10T08:00:00.000Z',
  attempts: 0,
});
const reminder = toNotification(row('case.account_overdue', { accountBy: '2027-03-09' }));
const stateChanged = toNotification(row('case.state_changed'));

describe('account reminders in the notifications', () => {
  it('toNotification takes accountBy from the payload only when it is there', () => {
    expect(reminder).toEqual({
      id: '7',
      topic: 'case.account_overdue',
      occurredAt: '2027-03-10T08:00:00.000Z',
      caseId: CASE_ID,
      reference: 'INI-2027-000001',
      toState: 'x',
      recipientId: 'resident-1',
      accountBy: '2027-03-09',
    });
    expect('accountBy' in stateChanged).toBe(false);
    // A payload stored as text (as some drivers give jsonb) reads the same.
    const asText = row('case.account_due_soon', { accountBy: '2027-03-24' });
    expect(toNotification({ ...asText, payload: JSON.stringify(asText.payload) }).accountBy).toBe(
      '2027-03-24',
    );
  });

  it('LogNotifier logs accountBy for a reminder, and nothing new for other notifications', async () => {
    const lines: unknown[] = [];
    const original = Logger.prototype.log;
    Logger.prototype.log = function (message: unknown) {
      lines.push(message);
    };
    try {
      await new LogNotifier().deliver(reminder);
      await new LogNotifier().deliver(stateChanged);
    } finally {
      Logger.prototype.log = original;
    }
    expect(lines).toEqual([
      {
        msg: 'notification',
        outboxId: '7',
        topic: 'case.account_overdue',
        caseId: CASE_ID,
        reference: 'INI-2027-000001',
        toState: 'x',
        recipient: 'resident-1',
        accountBy: '2027-03-09',
      },
      {
        msg: 'notification',
        outboxId: '7',
        topic: 'case.state_changed',
        caseId: CASE_ID,
        reference: 'INI-2027-000001',
        toState: 'x',
        recipient: 'resident-1',
      },
    ]);
  });

  it('WebhookNotifier POSTs accountBy for a reminder, with the e-mail read at delivery', async () => {
    const bodies: Record<string, unknown>[] = [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(raw) as Record<string, unknown>);
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const db = { read: async () => 'anna@example.org' } as unknown as Database;
    const notifier = new WebhookNotifier(db, {} as CasesRepository, `http://127.0.0.1:${port}/`, null);
    try {
      for (const n of [reminder, stateChanged] as Notification[]) await notifier.deliver(n);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    const recipient = { id: 'resident-1', contactEmail: 'anna@example.org' };
    const common = {
      id: '7',
      occurredAt: '2027-03-10T08:00:00.000Z',
      caseId: CASE_ID,
      reference: 'INI-2027-000001',
    };
    expect(bodies).toEqual([
      { ...common, topic: 'case.account_overdue', toState: 'x', accountBy: '2027-03-09', recipient },
      { ...common, topic: 'case.state_changed', toState: 'x', recipient },
    ]);
  });
});
