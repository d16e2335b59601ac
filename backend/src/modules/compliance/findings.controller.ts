import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { findingListQuerySchema, updateFindingSchema, type ComplianceFinding, type Page } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { FindingsService } from './findings.service';

class FindingListQueryDto extends createZodDto(findingListQuerySchema) {}
class UpdateFindingDto extends createZodDto(updateFindingSchema) {}

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('v1/compliance/findings')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  /** What the worker found checking lineage runs against the agreements, most severe first. */
  @Get()
  @Can('read', 'ComplianceFinding')
  list(@Query() query: FindingListQueryDto, @CurrentAbility() ability: AppAbility): Promise<Page<ComplianceFinding>> {
    return this.findings.list(query, ability);
  }

  @Get(':id')
  @Can('read', 'ComplianceFinding')
  get(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<ComplianceFinding> {
    return this.findings.get(id, ability);
  }

  @Patch(':id')
  @Can('update', 'ComplianceFinding')
  @ApiOperation({ summary: 'Acknowledge, resolve or reopen a finding', description: 'open → acknowledged | resolved; acknowledged → open | resolved; resolved → open. A comment is required; the change is audited. 409 for another transition.' })
  update(@Param('id') id: string, @Body() body: UpdateFindingDto, @CurrentPrincipal() principal: Principal): Promise<ComplianceFinding> {
    return this.findings.changeStatus(id, body, principal);
  }
}
