import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createOrganizationSchema,
  organizationListQuerySchema,
  updateOrganizationSchema,
  type Organization,
  type Page,
} from '@convenio/contracts';
import { defineAbilityFor } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { Can } from '../../core/authz/route-policy';
import { OrganizationsService } from './organizations.service';

class CreateOrganizationDto extends createZodDto(createOrganizationSchema) {}
class UpdateOrganizationDto extends createZodDto(updateOrganizationSchema) {}
class OrganizationListQueryDto extends createZodDto(organizationListQuerySchema) {}

const publicAbility = defineAbilityFor(null);

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** Active organizations for the public (no contact details); all of them for signed-in users. */
  @Get()
  @Can('read', 'Organization')
  list(@Query() query: OrganizationListQueryDto, @CurrentPrincipal() principal: Principal | null): Promise<Page<Organization>> {
    return this.organizations.list(query, principal?.ability ?? publicAbility);
  }

  @Get(':id')
  @Can('read', 'Organization')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal | null): Promise<Organization> {
    return this.organizations.get(id, principal?.ability ?? publicAbility);
  }

  @Post()
  @Can('create', 'Organization')
  create(@Body() body: CreateOrganizationDto, @CurrentPrincipal() principal: Principal): Promise<Organization> {
    return this.organizations.create(body, principal.ability);
  }

  /** Edit, deactivate (`active: false`) or reactivate. */
  @Patch(':id')
  @Can('update', 'Organization')
  update(@Param('id') id: string, @Body() body: UpdateOrganizationDto, @CurrentPrincipal() principal: Principal): Promise<Organization> {
    return this.organizations.update(id, body, principal.ability);
  }
}
