import { Module } from '@nestjs/common';
import { CasesRepository } from '../cases/cases.repository.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database } from '../database/database.service.js';
import { LogNotifier } from './log.notifier.js';
import { Notifier } from './notifier.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { WebhookNotifier } from './webhook.notifier.js';

/** Delivers the outbox: to NOTIFY_WEBHOOK_URL when set, else to the log. */
@Module({
  providers: [
    {
      provide: Notifier,
      inject: [APP_CONFIG, Database, CasesRepository],
      useFactory: (config: AppConfig, db: Database, cases: CasesRepository): Notifier =>
        config.notifyWebhookUrl
          ? new WebhookNotifier(db, cases, config.notifyWebhookUrl, config.notifyWebhookSecret)
          : new LogNotifier(),
    },
    OutboxRelay,
  ],
})
export class NotificationsModule {}
