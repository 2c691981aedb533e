import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Raadsinformatiebrieven: the college's reports to the council, anchoring the process log. */
@Module({
  imports: [AreasModule, CasesModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
