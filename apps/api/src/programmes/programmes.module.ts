import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { DemoFrame } from './demo-frame.service.js';
import { ProgrammesController } from './programmes.controller.js';
import { ProgrammesService } from './programmes.service.js';
import { TransfersController } from './transfers.controller.js';
import { TransfersService } from './transfers.service.js';

/** The council's frame (programmes per area and year) and the college's budget transfers. */
@Module({
  imports: [AreasModule],
  controllers: [ProgrammesController, TransfersController],
  providers: [ProgrammesService, TransfersService, DemoFrame],
  exports: [ProgrammesService, TransfersService],
})
export class ProgrammesModule {}
