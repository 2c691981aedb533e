import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { query } from '../database/sql.js';
import type { NotificationTopic } from '../notifications/notifier.js';

/** The two reminders of an account: a fortnight before `accountBy`, and once it has passed. */
export type ReminderKind = 'due_soon' | 'overdue';

/** What the scan looks for (see QUEUE_DUE); the days are YYYY-MM-DD in Europe/Amsterdam. */
export interface DueReminders {
  /** The day it is now: an account due before this day is overdue. */
  today: string;
  /** The last `accountBy` whose first reminder is due today (today plus a fortnight). */
  dueSoonUntil: string;
  /** The states in which a grant waits for its account (tagged `account_due`). */
  states: readonly string[];
  topics: Record<ReminderKind, NotificationTopic>;
  /** When the reminders are claimed (the scan's clock). */
  at: Date;
  limit: number;
}

/** A reminder this statement claimed and queued. */
export interface QueuedReminder {
  caseId: string;
  kind: ReminderKind;
  accountBy: string;
}

/**
 * The scan, the claim and the notification in ONE statement. `due` finds up to :limit cases
 * waiting for their account whose `accountBy` is within a fortnight (the first reminder) or
 * has passed (the second), and whose reminder of that kind for that day was not sent. It
 * reads through an index, never every case: cases_account_due_idx on (state, account_by), or
 * cases_state_idx with the day as a filter, which the planner prefers when its statistics
 * cannot tell the waiting grants' days from the closed ones' (test/repositories/
 * account-reminders.repo-spec.ts shows the plan). `claimed` records each
 * reminder under its key (case, kind, accountBy): a process scanning at the same moment waits
 * on the other's uncommitted row and then skips it (ON CONFLICT DO NOTHING), so only one of
 * them gets it back. `queued` puts a notification in the outbox for each claimed reminder
 * only, for the relay to deliver after the commit; its payload holds no contact data (the
 * notifier reads the e-mail at delivery). After the day has passed only the second reminder
 * is due: a first one that would come late is not sent. Exported for the test of its plan.
 */
export const QUEUE_DUE = `
  WITH due AS (
    SELECT c.id, c.reference, c.state, c.initiator_id, c.account_by,
      CASE WHEN c.account_by < :today::date THEN 'overdue' ELSE 'due_soon' END AS kind
    FROM cases c
    WHERE c.state = ANY(:states::text[]) AND c.account_by IS NOT NULL
      AND c.account_by <= :dueSoonUntil::date
      AND NOT EXISTS (
        SELECT 1 FROM account_reminders r
        WHERE r.case_id = c.id AND r.account_by = c.account_by
          AND r.kind = CASE WHEN c.account_by < :today::date THEN 'overdue' ELSE 'due_soon' END)
    ORDER BY c.account_by, c.id
    LIMIT :limit),
  claimed AS (
    INSERT INTO account_reminders (case_id, kind, account_by, queued_at)
    SELECT id, kind, account_by, :at::timestamptz FROM due
    ON CONFLICT (case_id, kind, account_by) DO NOTHING
    RETURNING case_id, kind, account_by),
  queued AS (
    INSERT INTO outbox (topic, payload)
    SELECT CASE claimed.kind WHEN 'overdue' THEN :overdueTopic::text ELSE :dueSoonTopic::text END,
      jsonb_build_object('caseId', due.id, 'reference', due.reference, 'toState', due.state,
        'recipient', due.initiator_id, 'accountBy', to_char(due.account_by, 'YYYY-MM-DD'))
    FROM claimed JOIN due ON due.id = claimed.case_id)
  SELECT (SELECT count(*) FROM due)::integer AS found, claimed.case_id, claimed.kind, to_char(claimed.account_by, 'YYYY-MM-DD') AS account_by
  FROM (SELECT 1) AS one LEFT JOIN claimed ON TRUE`;

/** The reminders of accounts due (account_reminders), and the statement that sends them. */
@Injectable()
export class AccountRemindersRepository {
  /**
   * Claims and queues the reminders due (see QUEUE_DUE), at most `limit` cases at a time.
   * `found` is how many cases the scan found; fewer than `limit` means there are no more.
   */
  async queueDue(m: EntityManager, d: DueReminders): Promise<{ found: number; queued: QueuedReminder[] }> {
    const rows = await query<{
      found: number;
      case_id: string | null;
      kind: ReminderKind | null;
      account_by: string | null;
    }>(m, QUEUE_DUE, {
      today: d.today,
      dueSoonUntil: d.dueSoonUntil,
      states: d.states,
      at: d.at.toISOString(),
      limit: d.limit,
      dueSoonTopic: d.topics.due_soon,
      overdueTopic: d.topics.overdue,
    });
    // One row when nothing was claimed (its reminder columns null), else one per reminder.
    const queued = rows
      .filter((r) => r.case_id !== null)
      .map((r) => ({ caseId: r.case_id!, kind: r.kind!, accountBy: r.account_by! }));
    return { found: Number(rows[0]?.found ?? 0), queued };
  }
}
