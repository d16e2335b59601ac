import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PROFILE_MAX_BYTES, PROFILE_SAMPLE_ROWS, type CsvProfile } from '@convenio/contracts';
import type { Request } from 'express';
import { Can } from '../../core/authz/route-policy';
import { PROFILE_FILE_FIELD, ProfilingService } from './profiling.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/catalog')
export class ProfilingController {
  constructor(private readonly profiling: ProfilingService) {}

  /**
   * Profiles a CSV before it is described as a dataset: per column the inferred type, nulls,
   * distinct values, the personal or coded data detected (CURP, RFC, e-mail, phone, INEGI,
   * SCIAN, dates of birth, postal codes) and the identifier class suggested. Nothing is stored.
   */
  @Post('profile')
  @HttpCode(200)
  @Can('create', 'Dataset')
  @ApiOperation({
    summary: 'Profile the columns of a CSV',
    description: `Multipart field "${PROFILE_FILE_FIELD}": a CSV (comma, semicolon, tab or pipe; UTF-8 or Latin-1) up to ${PROFILE_MAX_BYTES / (1024 * 1024)} MB. Every row is counted and checked; the first ${PROFILE_SAMPLE_ROWS} data rows are profiled. A malformed CSV answers 400 naming the line (details[].path "file.line.N"); a larger file 413.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: [PROFILE_FILE_FIELD], properties: { [PROFILE_FILE_FIELD]: { type: 'string', format: 'binary' } } } })
  profile(@Req() request: Request): Promise<CsvProfile> {
    return this.profiling.profileUpload(request);
  }
}
