import { Global, Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { CheckpointService } from './checkpoints.service.js';

/** The process log read by the council, and its checkpoints (ProcessLogRepository appends to it). */
@Global()
@Module({
  imports: [AreasModule],
  controllers: [AuditController],
  providers: [AuditService, CheckpointService],
  exports: [AuditService, CheckpointService],
})
export class AuditModule {}
