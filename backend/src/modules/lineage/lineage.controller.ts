import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  lineagePersonalDataQuerySchema,
  type LineagePersonalData,
  lineageColumnsQuerySchema,
  lineageGraphQuerySchema,
  type LineageBatchResult,
  type LineageColumns,
  type LineageGraph,
  type LineageIngestResult,
  type LineageRun,
} from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { LineageAnnotations } from './lineage-annotations.service';
import { LineageIngestService } from './lineage-ingest.service';
import { LineageQueryService } from './lineage-query.service';

class LineageGraphQueryDto extends createZodDto(lineageGraphQuerySchema) {}
class LineageColumnsQueryDto extends createZodDto(lineageColumnsQuerySchema) {}
class LineagePersonalDataQueryDto extends createZodDto(lineagePersonalDataQuerySchema) {}

/**
 * OpenLineage in (the portal is a lineage backend like Marquez: clients send
 * `Authorization: Bearer <access token | cvk_ API key>`), graph, columns and runs out.
 */
@ApiTags('lineage')
@ApiBearerAuth()
@Controller('v1/lineage')
export class LineageController {
  constructor(
    private readonly ingest: LineageIngestService,
    private readonly query: LineageQueryService,
    private readonly annotations: LineageAnnotations,
  ) {}

  /** One RunEvent, DatasetEvent or JobEvent: 201 when stored, 200 when already stored (nothing changes). */
  @Post()
  @Can('create', 'LineageEvent')
  async ingestOne(@Body() body: unknown, @CurrentPrincipal() principal: Principal | null, @Res({ passthrough: true }) response: Response): Promise<LineageIngestResult> {
    const { created, result } = await this.ingest.ingestOne(body, principal);
    response.status(created ? 201 : 200);
    return result;
  }

  /** Up to 1,000 events; each reported as accepted, duplicate or invalid (with its errors). */
  @Post('batch')
  @HttpCode(200)
  @Can('create', 'LineageEvent')
  ingestBatch(@Body() body: unknown, @CurrentPrincipal() principal: Principal | null): Promise<LineageBatchResult> {
    return this.ingest.ingestBatch(body, principal);
  }

  @Get('graph')
  @Can('read', 'LineageGraph')
  async graph(@Query() query: LineageGraphQueryDto, @CurrentAbility() ability: AppAbility): Promise<LineageGraph> {
    return this.query.graphOf(query, ability);
  }

  @Get('columns')
  @Can('read', 'LineageGraph')
  async columns(@Query() query: LineageColumnsQueryDto, @CurrentAbility() ability: AppAbility): Promise<LineageColumns> {
    return this.annotations.annotateColumns(await this.query.columnsOf(query, ability));
  }

  /**
   * Personal data in a dataset: its fields marked `direct` or `quasi` in the catalog, and those
   * derived from such a field anywhere upstream through column edges not flagged `masking`.
   */
  @Get('personal-data')
  @Can('read', 'LineageGraph')
  async personalData(@Query() query: LineagePersonalDataQueryDto, @CurrentAbility() ability: AppAbility): Promise<LineagePersonalData> {
    const { dataset } = await this.query.columnsOf({ ...query, direction: 'upstream', depth: 1 }, ability);
    return this.annotations.personalDataOf(dataset.namespace, dataset.name);
  }

  @Get('runs/:runId')
  @Can('read', 'LineageGraph')
  run(@Param('runId') runId: string, @CurrentAbility() ability: AppAbility): Promise<LineageRun> {
    return this.query.runOf(runId, ability);
  }
}
