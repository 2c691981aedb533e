import { Injectable, Logger } from '@nestjs/common';
import { type Notification, Notifier } from './notifier.js';

/**
 * The notifier without a messaging service: one structured log line per notification, so an
 * operator sees what would have been sent, and the row counts as delivered (the outbox does
 * not grow without end). It never sees the contact e-mail, so it cannot log it.
 */
@Injectable()
export class LogNotifier extends Notifier {
  private readonly logger = new Logger(LogNotifier.name);

  override async deliver(n: Notification): Promise<void> {
    this.logger.log({
      msg: 'notification',
      outboxId: n.id,
      topic: n.topic,
      caseId: n.caseId,
      reference: n.reference,
      toState: n.toState,
      recipient: n.recipientId,
      ...(n.accountBy === undefined ? {} : { accountBy: n.accountBy }),
    });
  }
}
