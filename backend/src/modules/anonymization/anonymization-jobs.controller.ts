import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ANONYMIZATION_DATASET_FIELD,
  ANONYMIZATION_FILE_FIELD,
  ANONYMIZATION_MAX_UPLOAD_BYTES,
  ANONYMIZATION_POLICY_FIELD,
  anonymizationJobListQuerySchema,
  type AnonymizationJob,
  type AnonymizationPreview,
  type AnonymizationReport,
  type Page,
} from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { toJob } from './anonymization-jobs.repository';
import { AnonymizationJobsService } from './anonymization-jobs.service';

class JobListQueryDto extends createZodDto(anonymizationJobListQuerySchema) {}

@ApiTags('anonymization')
@ApiBearerAuth()
@Controller('v1/anonymization/jobs')
export class AnonymizationJobsController {
  constructor(private readonly jobs: AnonymizationJobsService) {}

  /**
   * A steward uploads a CSV with its policy. The file is stored and checked in full against the
   * policy before the answer — an unknown column, a value missing from a hierarchy, a CURP left
   * in clear, a file that is not CSV answer 400 naming the column and line — then queued.
   */
  @Post()
  @HttpCode(202)
  @Can('create', 'AnonymizationJob')
  @ApiOperation({
    summary: 'Start an anonymization job',
    description: `Multipart: "${ANONYMIZATION_FILE_FIELD}" (CSV up to ${ANONYMIZATION_MAX_UPLOAD_BYTES / (1024 * 1024)} MB), "${ANONYMIZATION_POLICY_FIELD}" (the policy as JSON), optional "${ANONYMIZATION_DATASET_FIELD}" (the catalog dataset the file is a copy of). 202 with the job; follow GET /anonymization/jobs/{id}.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [ANONYMIZATION_FILE_FIELD, ANONYMIZATION_POLICY_FIELD],
      properties: { [ANONYMIZATION_FILE_FIELD]: { type: 'string', format: 'binary' }, [ANONYMIZATION_POLICY_FIELD]: { type: 'string' }, [ANONYMIZATION_DATASET_FIELD]: { type: 'string', format: 'uuid' } },
    },
  })
  create(@Req() request: Request, @CurrentPrincipal() principal: Principal): Promise<AnonymizationJob> {
    return this.jobs.create(request, principal);
  }

  @Get()
  @Can('read', 'AnonymizationJob')
  list(@Query() query: JobListQueryDto, @CurrentAbility() ability: AppAbility): Promise<Page<AnonymizationJob>> {
    return this.jobs.list(query, ability);
  }

  /** State, progress (0–100), the report once completed, the error (with its problems) once failed. */
  @Get(':id')
  @Can('read', 'AnonymizationJob')
  async get(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<AnonymizationJob> {
    return toJob(await this.jobs.get(id, ability));
  }

  @Get(':id/report')
  @Can('read', 'AnonymizationJob')
  async report(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<AnonymizationReport> {
    return (await this.jobs.completed(id, ability)).report!;
  }

  /** The anonymized CSV, streamed (same delimiter and column order as the input, dropped columns and suppressed records left out). */
  @Get(':id/result')
  @Can('read', 'AnonymizationJob')
  async result(@Param('id') id: string, @CurrentAbility() ability: AppAbility, @Res() response: Response): Promise<void> {
    const { job, stream } = await this.jobs.result(id, ability);
    const name = job.fileName.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '_') || 'data';
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${name}-anonimizado.csv"`);
    if (job.resultBytes !== null) response.setHeader('Content-Length', String(job.resultBytes));
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  }

  @Get(':id/preview')
  @Can('read', 'AnonymizationJob')
  preview(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<AnonymizationPreview> {
    return this.jobs.preview(id, ability);
  }

  /** Deletes the original upload (its personal data) of a job that has ended; the anonymized result and the report stay. */
  @Delete(':id/input')
  @Can('delete', 'AnonymizationJob')
  deleteInput(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<AnonymizationJob> {
    return this.jobs.deleteInput(id, ability);
  }

  /** Cancels a queued or running job (409 once it is completed, failed or cancelled). */
  @Delete(':id')
  @Can('delete', 'AnonymizationJob')
  cancel(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<AnonymizationJob> {
    return this.jobs.cancel(id, ability);
  }
}
