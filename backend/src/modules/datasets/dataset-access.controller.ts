import { Body, Controller, Get, Headers, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { accessExplainQuerySchema, datasetAccessPolicyInputSchema, type AccessExplanation, type DatasetAccessPolicy } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { DatasetAccessService } from './dataset-access.service';

class AccessPolicyDto extends createZodDto(datasetAccessPolicyInputSchema) {}
class ExplainQueryDto extends createZodDto(accessExplainQuerySchema) {}

const language = (header: string | undefined): 'es' | 'en' => (header?.trim().toLowerCase().startsWith('en') ? 'en' : 'es');

@ApiTags('datasets')
@ApiBearerAuth()
@Controller('v1/datasets/:id')
export class DatasetAccessController {
  constructor(private readonly access: DatasetAccessService) {}

  /** The current access policy, with its rules and plain sentences (Accept-Language: es or en). */
  @Get('access-policy')
  @Can('read', 'Dataset')
  current(@Param('id') id: string, @CurrentAbility() ability: AppAbility, @Headers('accept-language') lang?: string): Promise<DatasetAccessPolicy> {
    return this.access.current(id, ability, language(lang));
  }

  @Get('access-policy/versions')
  @Can('read', 'Dataset')
  versions(@Param('id') id: string, @CurrentAbility() ability: AppAbility, @Headers('accept-language') lang?: string): Promise<DatasetAccessPolicy[]> {
    return this.access.versions(id, ability, language(lang));
  }

  /** Saves the policy as a new version (stewards of the owner organization), audited. */
  @Put('access-policy')
  @Can('update', 'Dataset')
  save(@Param('id') id: string, @Body() body: AccessPolicyDto, @CurrentPrincipal() principal: Principal, @Headers('accept-language') lang?: string): Promise<DatasetAccessPolicy> {
    return this.access.save(id, body, principal, language(lang));
  }

  /** May this user read or request the dataset, and which rule decided? (officials, auditors, its stewards) */
  @Get('access/explain')
  @Can('explain', 'Dataset')
  explain(@Param('id') id: string, @Query() query: ExplainQueryDto, @CurrentPrincipal() principal: Principal): Promise<AccessExplanation> {
    return this.access.explain(id, query.userId, principal);
  }
}
