import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { saveWorkflowDefinitionSchema, type WorkflowDefinition, type WorkflowDefinitionHistory } from '@convenio/contracts';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { Can } from '../../core/authz/route-policy';
import { WorkflowDefinitionsService } from './workflow-definitions.service';

class SaveWorkflowDefinitionDto extends createZodDto(saveWorkflowDefinitionSchema) {}

@ApiTags('workflow-definitions')
@ApiBearerAuth()
@Controller('v1/workflow-definitions')
export class WorkflowDefinitionsController {
  constructor(private readonly definitions: WorkflowDefinitionsService) {}

  /** Each key's latest version with its history, newest first. */
  @Get()
  @Can('read', 'WorkflowDefinition')
  list(): Promise<WorkflowDefinitionHistory[]> {
    return this.definitions.list();
  }

  @Get(':key/versions')
  @Can('read', 'WorkflowDefinition')
  versions(@Param('key') key: string): Promise<WorkflowDefinition[]> {
    return this.definitions.versions(key);
  }

  /** Saves a new version (agreements already submitted keep theirs). */
  @Post(':key/versions')
  @Can('create', 'WorkflowDefinition')
  save(@Param('key') key: string, @Body() body: SaveWorkflowDefinitionDto, @CurrentPrincipal() principal: Principal): Promise<WorkflowDefinition> {
    return this.definitions.saveVersion(key, body, principal);
  }
}
