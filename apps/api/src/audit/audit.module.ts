import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { CheckpointService } from './checkpoints.service.js';
import { ProcessLogService } from './process-log.service.js';

/** The process log: appended by every feature, read by the council. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, ProcessLogService, CheckpointService],
  exports: [AuditService, ProcessLogService, CheckpointService],
})
export class AuditModule {}
