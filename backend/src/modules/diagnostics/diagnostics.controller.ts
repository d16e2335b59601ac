import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  assignNeedSchema,
  createDataRequestSchema,
  createDiagnosticSchema,
  diagnosticListQuerySchema,
  updateDiagnosticSchema,
  type DataRequest,
  type Diagnostic,
  type DiagnosticNeed,
  type NeedCandidates,
  type Page,
} from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { DataRequestsService } from './data-requests.service';
import { DiagnosticsService } from './diagnostics.service';

class CreateDiagnosticDto extends createZodDto(createDiagnosticSchema) {}
class UpdateDiagnosticDto extends createZodDto(updateDiagnosticSchema) {}
class DiagnosticListQueryDto extends createZodDto(diagnosticListQuerySchema) {}
class AssignNeedDto extends createZodDto(assignNeedSchema) {}
class CreateDataRequestDto extends createZodDto(createDataRequestSchema) {}

@ApiTags('diagnostics')
@ApiBearerAuth()
@Controller('v1/diagnostics')
export class DiagnosticsController {
  constructor(
    private readonly diagnostics: DiagnosticsService,
    private readonly dataRequests: DataRequestsService,
  ) {}

  /** An official states a policy question and its data needs, for their organization. */
  @Post()
  @Can('create', 'Diagnostic')
  create(@Body() body: CreateDiagnosticDto, @CurrentPrincipal() principal: Principal): Promise<Diagnostic> {
    return this.diagnostics.create(body, principal);
  }

  @Get()
  @Can('read', 'Diagnostic')
  list(@Query() query: DiagnosticListQueryDto, @CurrentAbility() ability: AppAbility): Promise<Page<Diagnostic>> {
    return this.diagnostics.list(query, ability);
  }

  @Get(':id')
  @Can('read', 'Diagnostic')
  get(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<Diagnostic> {
    return this.diagnostics.get(id, ability);
  }

  /** Edit while open (409 otherwise); `needs` replaces the list, keeping the ids given. */
  @Patch(':id')
  @Can('update', 'Diagnostic')
  update(@Param('id') id: string, @Body() body: UpdateDiagnosticDto, @CurrentPrincipal() principal: Principal): Promise<Diagnostic> {
    return this.diagnostics.update(id, body, principal);
  }

  /** For each need, the published datasets the caller may read that serve it, best first, with the reasons. */
  @Get(':id/candidates')
  @Can('read', 'Diagnostic')
  candidates(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<NeedCandidates[]> {
    return this.diagnostics.candidates(id, ability);
  }

  /** Assigns a dataset, and so its owner organization, to a need. */
  @Put(':id/needs/:needId/assignment')
  @Can('update', 'Diagnostic')
  assign(@Param('id') id: string, @Param('needId') needId: string, @Body() body: AssignNeedDto, @CurrentPrincipal() principal: Principal): Promise<DiagnosticNeed> {
    return this.diagnostics.assign(id, needId, body.datasetId, principal);
  }

  @Delete(':id/needs/:needId/assignment')
  @Can('update', 'Diagnostic')
  @HttpCode(200)
  unassign(@Param('id') id: string, @Param('needId') needId: string, @CurrentPrincipal() principal: Principal): Promise<DiagnosticNeed> {
    return this.diagnostics.assign(id, needId, null, principal);
  }

  /** A need without candidates becomes an open request to a chosen organization (its stewards are notified). */
  @Post(':id/needs/:needId/requests')
  @Can('create', 'DataRequest')
  request(@Param('id') id: string, @Param('needId') needId: string, @Body() body: CreateDataRequestDto, @CurrentPrincipal() principal: Principal): Promise<DataRequest> {
    return this.dataRequests.create(id, needId, body, principal);
  }
}
