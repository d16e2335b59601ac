import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PipelineDashboard } from '@convenio/contracts';
import { Can } from '../../core/authz/route-policy';
import { PipelineService } from './pipeline.service';

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('v1/pipeline')
export class PipelineController {
  constructor(private readonly pipeline: PipelineService) {}

  /** Needs → owners → agreements, time to approval and overdue steps, across all organizations. */
  @Get()
  @Can('read', 'Pipeline')
  dashboard(): Promise<PipelineDashboard> {
    return this.pipeline.dashboard();
  }
}
