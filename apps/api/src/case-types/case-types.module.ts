import { Module } from '@nestjs/common';
import { CaseTypesController } from './case-types.controller.js';
import { CaseTypesService } from './case-types.service.js';

/** The case types and their terms, set by the raad (its repository is one of REPOSITORIES). */
@Module({
  controllers: [CaseTypesController],
  providers: [CaseTypesService],
  exports: [CaseTypesService],
})
export class CaseTypesModule {}
