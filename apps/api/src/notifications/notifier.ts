/**
 * One notification as the relay hands it on: what changed on which case, for whom. It holds
 * the recipient's pseudonymous id only; a notifier that must reach the person looks up the
 * contact e-mail itself, at delivery time (the outbox never stores it).
 */
export interface Notification {
  /** The outbox row's id: unique, the same on every retry, so a receiver can drop duplicates. */
  id: string;
  topic: string;
  /** When the change was committed (the outbox row's creation). */
  occurredAt: string;
  caseId: string | null;
  reference: string | null;
  /** The case's new state; for `case.submitted`, the state a new case starts in. */
  toState: string | null;
  /** The initiator's pseudonymous id. */
  recipientId: string | null;
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
