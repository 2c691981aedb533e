import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AreasModule } from './areas/areas.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CasesModule } from './cases/cases.module.js';
import { CaseTypesModule } from './case-types/case-types.module.js';
import { DecisionsModule } from './decisions/decisions.module.js';
import { ObjectionsModule } from './objections/objections.module.js';
import { WorkflowsModule } from './workflows/workflows.module.js';
import { JwtAuthGuard, RolesGuard } from './auth/guards.js';
import { AppConfigModule } from './common/config.module.js';
import { InFlightRequests } from './common/in-flight.js';
import { Logging } from './common/logging.js';
import { ProblemFilter } from './common/problem.filter.js';
import { RateLimitModule } from './common/rate-limit.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OpenDataModule } from './open-data/open-data.module.js';
import { ProgrammesModule } from './programmes/programmes.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { ReportsModule } from './reports/reports.module.js';

@Module({
  imports: [
    RateLimitModule,
    Logging,
    DatabaseModule,
    HealthModule,
    AuthModule,
    AreasModule,
    AuditModule,
    CaseTypesModule,
    CasesModule,
    DecisionsModule,
    ObjectionsModule,
    WorkflowsModule,
    ProgrammesModule,
    OpenDataModule,
    ReportsModule,
    NotificationsModule,
    RemindersModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
    // Graceful shutdown: handlers still running finish before the database closes.
    InFlightRequests,
    { provide: APP_INTERCEPTOR, useExisting: InFlightRequests },
  ],
})
export class AppModule {
  /** The app with its settings, read from the environment now (see AppConfigModule). */
  static async forRoot(): Promise<DynamicModule> {
    return { module: AppModule, imports: [await AppConfigModule.forRoot()] };
  }
}
