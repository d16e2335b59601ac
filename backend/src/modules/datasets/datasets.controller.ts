import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createDatasetSchema, datasetSearchQuerySchema, updateDatasetSchema, type Dataset, type DatasetSearchResult } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { DatasetsService } from './datasets.service';

class CreateDatasetDto extends createZodDto(createDatasetSchema) {}
class UpdateDatasetDto extends createZodDto(updateDatasetSchema) {}
class DatasetSearchQueryDto extends createZodDto(datasetSearchQuerySchema) {}

@ApiTags('datasets')
@ApiBearerAuth()
@Controller('v1/datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  /** Spanish full-text search (accent-insensitive) with facets; only what the caller may read. */
  @Get()
  @Can('read', 'Dataset')
  search(@Query() query: DatasetSearchQueryDto, @CurrentAbility() ability: AppAbility): Promise<DatasetSearchResult> {
    return this.datasets.search(query, ability);
  }

  @Get(':id')
  @Can('read', 'Dataset')
  get(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<Dataset> {
    return this.datasets.get(id, ability);
  }

  /** Stewards describe a dataset of their own organization (draft or published). */
  @Post()
  @Can('create', 'Dataset')
  create(@Body() body: CreateDatasetDto, @CurrentPrincipal() principal: Principal): Promise<Dataset> {
    return this.datasets.create(body, principal);
  }

  /** Edit, publish (`status: published`) or retire (`status: retired`). */
  @Patch(':id')
  @Can('update', 'Dataset')
  update(@Param('id') id: string, @Body() body: UpdateDatasetDto, @CurrentPrincipal() principal: Principal): Promise<Dataset> {
    return this.datasets.update(id, body, principal);
  }
}
