import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { complianceRecheckSchema, type ComplianceRecheck } from '@convenio/contracts';
import { createZodDto } from 'nestjs-zod';
import { Can } from '../../core/authz/route-policy';
import { ComplianceRechecksService } from './rechecks.service';

class ComplianceRecheckDto extends createZodDto(complianceRecheckSchema) {}

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('v1/compliance/rechecks')
export class ComplianceRechecksController {
  constructor(private readonly rechecks: ComplianceRechecksService) {}

  @Post()
  @HttpCode(202)
  @Can('update', 'ComplianceFinding')
  @ApiOperation({
    summary: 'Check lineage runs again',
    description: 'Every run, or those under `agreementId`, go back to the worker, which checks them against the catalog and agreements as they are now (new findings appear within seconds; existing ones keep their status). 202 with how many runs; audited.',
  })
  request(@Body() body: ComplianceRecheckDto): Promise<ComplianceRecheck> {
    return this.rechecks.request(body);
  }
}
