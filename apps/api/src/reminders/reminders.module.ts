import { Module } from '@nestjs/common';
import { AccountReminders } from './account-reminders.service.js';

/** Reminders of accounts due, queued in the outbox for the notifications relay. */
// Its repository is one of REPOSITORIES (database/repositories.module.ts), like every other.
@Module({ providers: [AccountReminders] })
export class RemindersModule {}
