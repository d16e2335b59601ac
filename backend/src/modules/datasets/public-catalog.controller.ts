import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Dataset, Page } from '@convenio/contracts';
import { DATASET_PUBLIC_FIELDS } from '@convenio/policies';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Public } from '../../core/authz/route-policy';
import { rowToDataset } from './dataset.mapper';
import { DatasetsRepository } from './datasets.repository';
import { dcatCatalog } from './dcat';

const publicQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});
class PublicQueryDto extends createZodDto(publicQuerySchema) {}

const dcatQuerySchema = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(100) });
class DcatQueryDto extends createZodDto(dcatQuerySchema) {}

const CSV_COLUMNS = ['id', 'title', 'titleEn', 'description', 'ownerOrganizationName', 'themes', 'keywords', 'geoLevel', 'geoCodes', 'sectorLevel', 'sectorCodes', 'periodicity', 'timeFrom', 'timeTo', 'publishedAt', 'updatedAt'] as const;

function publicFields(dataset: Dataset): Dataset {
  return Object.fromEntries(Object.entries(dataset).filter(([key]) => (DATASET_PUBLIC_FIELDS as readonly string[]).includes(key))) as Dataset;
}

function csvCell(value: unknown): string {
  const text = Array.isArray(value) ? value.join('|') : value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The public catalog: published datasets with sensitivity `public`, metadata only, no sign-in. */
@ApiTags('public catalog')
@Controller('v1')
export class PublicCatalogController {
  constructor(private readonly datasets: DatasetsRepository) {}

  /** Paged JSON, or `?format=csv` for the whole catalog in one file (bulk download). */
  @Get('public/datasets')
  @Public()
  async list(@Query() query: PublicQueryDto, @Res({ passthrough: true }) response: Response): Promise<Page<Dataset> | void> {
    if (query.format === 'json') {
      const { rows, total } = await this.datasets.publicPage(query.pageSize, (query.page - 1) * query.pageSize);
      return { items: rows.map((row) => publicFields(rowToDataset(row))), total, page: query.page, pageSize: query.pageSize };
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="convenio-catalogo-publico.csv"');
    response.write(`\uFEFF${CSV_COLUMNS.join(',')}\n`);
    for (let offset = 0; ; offset += 1000) {
      const { rows } = await this.datasets.publicPage(1000, offset);
      for (const row of rows) {
        const dataset = rowToDataset(row);
        response.write(`${CSV_COLUMNS.map((column) => csvCell(dataset[column])).join(',')}\n`);
      }
      if (rows.length < 1000) break;
    }
    response.end();
  }

  /** W3C DCAT 3 as JSON-LD, paged with Hydra links. */
  @Get('catalog.jsonld')
  @Public()
  async dcat(@Query() query: DcatQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const { rows, total } = await this.datasets.publicPage(query.pageSize, (query.page - 1) * query.pageSize);
    response.setHeader('Content-Type', 'application/ld+json; charset=utf-8');
    const baseUrl = `${request.protocol}://${request.get('host')}`;
    return dcatCatalog(rows.map(rowToDataset), baseUrl, query.page, query.pageSize, total);
  }
}
