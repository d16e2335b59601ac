import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createOrganizationSchema,
  organizationListQuerySchema,
  updateOrganizationSchema,
  type Organization,
  type Page,
} from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { OrganizationsService } from './organizations.service';

class CreateOrganizationDto extends createZodDto(createOrganizationSchema) {}
class UpdateOrganizationDto extends createZodDto(updateOrganizationSchema) {}
class OrganizationListQueryDto extends createZodDto(organizationListQuerySchema) {}

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** Active organizations for the public (no contact details); all of them for signed-in users. */
  @Get()
  @Can('read', 'Organization')
  list(@Query() query: OrganizationListQueryDto, @CurrentAbility() ability: AppAbility): Promise<Page<Organization>> {
    return this.organizations.list(query, ability);
  }

  @Get(':id')
  @Can('read', 'Organization')
  get(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<Organization> {
    return this.organizations.get(id, ability);
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
