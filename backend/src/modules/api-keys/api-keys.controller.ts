import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createApiKeySchema, pageQuerySchema, type ApiKey, type CreatedApiKey, type Page } from '@convenio/contracts';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { Can } from '../../core/authz/route-policy';
import { ApiKeysService } from './api-keys.service';

class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}
class PageQueryDto extends createZodDto(pageQuerySchema) {}

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @Can('read', 'ApiKey')
  list(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<ApiKey>> {
    return this.apiKeys.list(query, principal);
  }

  /** The answer holds the key itself — the only time it is shown. */
  @Post()
  @Can('create', 'ApiKey')
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<CreatedApiKey> {
    return this.apiKeys.create(body, principal);
  }

  /** Revokes the key at once; it stays listed, marked revoked. */
  @Delete(':id')
  @Can('delete', 'ApiKey')
  revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ApiKey> {
    return this.apiKeys.revoke(id, principal);
  }
}
