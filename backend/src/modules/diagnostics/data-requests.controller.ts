import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { answerDataRequestSchema, dataRequestListQuerySchema, type DataRequest, type Page } from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { DataRequestsService } from './data-requests.service';

class DataRequestListQueryDto extends createZodDto(dataRequestListQuerySchema) {}
class AnswerDataRequestDto extends createZodDto(answerDataRequestSchema) {}

@ApiTags('data-requests')
@ApiBearerAuth()
@Controller('v1/data-requests')
export class DataRequestsController {
  constructor(private readonly dataRequests: DataRequestsService) {}

  /** Stewards see the requests addressed to their organization; officials and auditors all. */
  @Get()
  @Can('read', 'DataRequest')
  list(@Query() query: DataRequestListQueryDto, @CurrentAbility() ability: AppAbility): Promise<Page<DataRequest>> {
    return this.dataRequests.list(query, ability);
  }

  /** The addressed organization's steward answers (optionally offering a dataset) or declines; the requester is notified. */
  @Post(':id/answer')
  @Can('answer', 'DataRequest')
  @HttpCode(200)
  answer(@Param('id') id: string, @Body() body: AnswerDataRequestDto, @CurrentPrincipal() principal: Principal): Promise<DataRequest> {
    return this.dataRequests.answer(id, body, principal);
  }
}
