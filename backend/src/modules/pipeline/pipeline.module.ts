import { Module } from '@nestjs/common';
import { PipelineController } from './pipeline.controller';
import { PipelineService } from './pipeline.service';

/** The officials' pipeline dashboard (read-only aggregates). */
@Module({ controllers: [PipelineController], providers: [PipelineService] })
export class PipelineModule {}
