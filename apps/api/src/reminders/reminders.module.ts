import { Module } from '@nestjs/common';
import { AccountRemindersRepository } from './account-reminders.repository.js';
import { AccountReminders } from './account-reminders.service.js';

/** Reminders of accounts due, queued in the outbox for the notifications relay. */
@Module({ providers: [AccountRemindersRepository, AccountReminders] })
export class RemindersModule {}
