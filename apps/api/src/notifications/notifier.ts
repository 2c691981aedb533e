/**
 * What a notification is about (docs/api.md, "Notifications"):
 * - `case.submitted`: a case was submitted;
 * - `case.state_changed`: an accepted event moved a case on (or kept it in its state);
 * - `case.account_due_soon`: an initiative grant's account is due in a fortnight (`accountBy`);
 * - `case.account_overdue`: `accountBy` has passed and no account was submitted.
 * The account reminders are queued by AccountReminders (apps/api/src/reminders), once each.
 */
export const NOTIFICATION_TOPICS = [
  'case.submitted',
  'case.state_changed',
  'case.account_due_soon',
  'case.account_overdue',
] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

/**
 * One notification as the relay hands it on: what changed on which case, for whom. It holds
 * the recipient's pseudonymous id only; a notifier that must reach the person looks up the
 * contact e-mail itself, at delivery time (the outbox never stores it).
 */
export interface Notification {
  /** The outbox row's id: unique, the same on every retry, so a receiver can drop duplicates. */
  id: string;
  topic: NotificationTopic;
  /** When the change was committed (the outbox row's creation). */
  occurredAt: string;
  caseId: string | null;
  reference: string | null;
  /**
   * The case's new state; for `case.submitted`, the state a new case starts in; for the account
   * reminders, the state the case is in (a reminder changes nothing).
   */
  toState: string | null;
  /** The initiator's pseudonymous id. */
  recipientId: string | null;
  /** Only on the account reminders: the day (YYYY-MM-DD, Europe/Amsterdam) the account is due. */
  accountBy?: string;
}

/**
 * Delivers one notification, or throws DeliveryFailed (or anything else) to have it retried.
 * Resolving means delivered: the relay marks the row and never offers it again.
 */
export abstract class Notifier {
  abstract deliver(notification: Notification): Promise<void>;
}

/** A failed delivery, with a reason that is safe to log (no URL, no body, no e-mail). */
export class DeliveryFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DeliveryFailed';
  }
}
