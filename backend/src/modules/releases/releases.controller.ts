import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createReleaseSchema, releaseCheckSchema, type Release, type ReleaseCheck } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { ReleasesService } from './releases.service';

class CreateReleaseDto extends createZodDto(createReleaseSchema) {}
class ReleaseCheckDto extends createZodDto(releaseCheckSchema) {}

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

  /** The terms check of a release before making it: 200 with `ok` and each failed term (nothing is written). */
  @Post('check')
  @HttpCode(200)
  @Can('create', 'Release')
  @ApiOperation({ summary: 'Check a release against the agreement\'s terms without making it', description: 'Same gates as creating one (403/404); answers `{ok, failures}` with one entry per failed term, as a 422 refusal would list them. Writes nothing.' })
  check(@Param('id') id: string, @Body() body: ReleaseCheckDto, @CurrentPrincipal() principal: Principal): Promise<ReleaseCheck> {
    return this.releases.check(id, body, principal);
  }

  @Get()
  @Can('read', 'Release')
  list(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<Release[]> {
    return this.releases.list(id, ability);
  }
}
