import { Module } from '@nestjs/common';
import { CaseTypesModule } from '../case-types/case-types.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { ObjectionsController } from './objections.controller.js';
import { ObjectionSubmissions } from './objections.service.js';

@Module({
  imports: [CasesModule, CaseTypesModule],
  controllers: [ObjectionsController],
  providers: [ObjectionSubmissions],
})
export class ObjectionsModule {}
