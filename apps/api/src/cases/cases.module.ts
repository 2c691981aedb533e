import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CaseTypesModule } from '../case-types/case-types.module.js';
import { CaseSubmissions } from './case-submissions.service.js';
import { CaseTransitions } from './case-transitions.service.js';
import { CaseViews } from './case-views.service.js';
import { CasesController } from './cases.controller.js';

@Module({
  imports: [AreasModule, CaseTypesModule],
  controllers: [CasesController],
  providers: [CaseViews, CaseSubmissions, CaseTransitions],
  exports: [CaseTransitions, CaseViews],
})
export class CasesModule {}
