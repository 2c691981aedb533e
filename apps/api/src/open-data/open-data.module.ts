import { Module } from '@nestjs/common';
import { CheckpointsController } from './checkpoints.controller.js';
import { OpenDataController } from './open-data.controller.js';
import { OpenDataService } from './open-data.service.js';

/** Public, anonymous figures for anyone to reuse (open spending), and the process log's checkpoints. */
@Module({ controllers: [OpenDataController, CheckpointsController], providers: [OpenDataService] })
export class OpenDataModule {}
