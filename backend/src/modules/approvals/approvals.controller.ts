import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { approvalDecisionSchema, type ApprovalTask } from '@convenio/contracts';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { Can } from '../../core/authz/route-policy';
import { ApprovalsService, type SubmissionResult } from './approvals.service';

class ApprovalDecisionDto extends createZodDto(approvalDecisionSchema) {}

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('v1')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  /** Starts (or, after changes, restarts) review: the worker creates the first task. */
  @Post('agreements/:id/submit')
  @HttpCode(200)
  @Can('submit', 'Agreement')
  submit(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<SubmissionResult> {
    return this.approvals.submit(id, principal);
  }

  /** The caller's pending tasks. */
  @Get('approvals')
  @Can('read', 'ApprovalTask')
  list(@CurrentPrincipal() principal: Principal): Promise<ApprovalTask[]> {
    return this.approvals.listMine(principal);
  }

  @Get('approvals/:id')
  @Can('read', 'ApprovalTask')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ApprovalTask> {
    return this.approvals.get(id, principal);
  }

  /** Approve, reject or request changes; the worker moves the agreement on. */
  @Post('approvals/:id/decision')
  @HttpCode(200)
  @Can('approve', 'ApprovalTask')
  decide(@Param('id') id: string, @Body() body: ApprovalDecisionDto, @CurrentPrincipal() principal: Principal): Promise<ApprovalTask> {
    return this.approvals.decide(id, body, principal);
  }
}
