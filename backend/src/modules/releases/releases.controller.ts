import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createReleaseSchema, type Release } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { ReleasesService } from './releases.service';

class CreateReleaseDto extends createZodDto(createReleaseSchema) {}

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('v1/agreements/:id/releases')
export class ReleasesController {
  constructor(private readonly releases: ReleasesService) {}

  @Post()
  @Can('create', 'Release')
  @ApiOperation({
    summary: 'Deliver anonymized data under an agreement',
    description: 'Accepted (201) only when the agreement is active and the anonymization job\'s report meets its terms (minimum k, direct identifiers removed, geography not finer than allowed); otherwise 422 with one `details` entry per failed term. Writes lineage and an audit entry.',
  })
  create(@Param('id') id: string, @Body() body: CreateReleaseDto, @CurrentPrincipal() principal: Principal): Promise<Release> {
    return this.releases.create(id, body, principal);
  }

  @Get()
  @Can('read', 'Release')
  list(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<Release[]> {
    return this.releases.list(id, ability);
  }
}
