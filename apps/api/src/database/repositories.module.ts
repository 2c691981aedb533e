import { Global, Module } from '@nestjs/common';
import { AreasRepository } from '../areas/areas.repository.js';
import { CheckpointsRepository } from '../audit/checkpoints.repository.js';
import { ProcessLogRepository } from '../audit/process-log.repository.js';
import { CaseTypesRepository } from '../case-types/case-types.repository.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { DecisionsRepository } from '../decisions/decisions.repository.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { ProgrammesRepository } from '../programmes/programmes.repository.js';
import { TransfersRepository } from '../programmes/transfers.repository.js';
import { AccountRemindersRepository } from '../reminders/account-reminders.repository.js';
import { ReportsRepository } from '../reports/reports.repository.js';

/**
 * Every repository, for every feature: a change of one aggregate often reads or writes
 * another's rows in the same transaction (a transition commits a programme's budget, a report
 * claims cases and transfers), so they are shared rather than owned by one feature module.
 * Each lives beside its feature and holds all of that aggregate's SQL.
 */
export const REPOSITORIES = [
  AccountRemindersRepository,
  AreasRepository,
  CasesRepository,
  CaseTypesRepository,
  CheckpointsRepository,
  DecisionsRepository,
  OutboxRepository,
  ProcessLogRepository,
  ProgrammesRepository,
  ReportsRepository,
  TransfersRepository,
];

@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class RepositoriesModule {}
