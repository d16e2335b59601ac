import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  agreementDiffQuerySchema,
  agreementEventCommentSchema,
  agreementListQuerySchema,
  createAgreementCommentSchema,
  createAgreementSchema,
  updateAgreementSchema,
  type Agreement,
  type AgreementComment,
  type AgreementDiff,
  type AgreementTransitionRecord,
  type AgreementVersion,
  type Page,
} from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { CurrentAbility } from '../../core/authz/current-ability.decorator';
import { Can } from '../../core/authz/route-policy';
import { DomainException } from '../../core/errors/domain.exception';
import { AgreementCommentsService } from './agreement-comments.service';
import { agreementToOdrl } from './agreement-odrl';
import { renderAgreementPdf } from './agreement-pdf';
import { AgreementSigningService } from './agreement-signing.service';
import { AgreementsService } from './agreements.service';

class CreateAgreementDto extends createZodDto(createAgreementSchema) {}
class UpdateAgreementDto extends createZodDto(updateAgreementSchema) {}
class AgreementListQueryDto extends createZodDto(agreementListQuerySchema) {}
class AgreementDiffQueryDto extends createZodDto(agreementDiffQuerySchema) {}
class AgreementEventCommentDto extends createZodDto(agreementEventCommentSchema) {}
class CreateAgreementCommentDto extends createZodDto(createAgreementCommentSchema) {}

const versionPipe = new ParseIntPipe({
  exceptionFactory: () => new DomainException(404, 'AGREEMENT_VERSION_NOT_FOUND', 'Versions are numbered 1, 2, 3…'),
});

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('v1/agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly signing: AgreementSigningService,
    private readonly comments: AgreementCommentsService,
  ) {}

  /** A draft (version 1) that the caller's organization receives. */
  @Post()
  @Can('create', 'Agreement')
  create(@Body() body: CreateAgreementDto, @CurrentPrincipal() principal: Principal, @CurrentAbility() ability: AppAbility): Promise<Agreement> {
    return this.agreements.create(body, principal, ability);
  }

  /** Agreements the caller may read in full (a partner: those where its organization is a party). */
  @Get()
  @Can('read', 'Agreement')
  list(@Query() query: AgreementListQueryDto, @CurrentAbility() ability: AppAbility): Promise<Page<Agreement>> {
    return this.agreements.list(query, ability);
  }

  @Get(':id')
  @Can('read', 'Agreement')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentAbility() ability: AppAbility): Promise<Agreement> {
    return this.agreements.get(id, principal, ability);
  }

  /** Edits the terms (draft or changes requested): a new immutable version, or the same one when nothing changed. */
  @Patch(':id')
  @Can('update', 'Agreement')
  update(@Param('id') id: string, @Body() body: UpdateAgreementDto, @CurrentPrincipal() principal: Principal, @CurrentAbility() ability: AppAbility): Promise<Agreement> {
    return this.agreements.update(id, body, principal, ability);
  }

  @Get(':id/versions')
  @Can('read', 'Agreement')
  versions(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<AgreementVersion[]> {
    return this.agreements.versions(id, ability);
  }

  @Get(':id/versions/:version')
  @Can('read', 'Agreement')
  version(@Param('id') id: string, @Param('version', versionPipe) version: number, @CurrentAbility() ability: AppAbility): Promise<AgreementVersion> {
    return this.agreements.version(id, version, ability);
  }

  /** The changed terms between two versions, as JSON pointers. */
  @Get(':id/diff')
  @Can('read', 'Agreement')
  diff(@Param('id') id: string, @Query() query: AgreementDiffQueryDto, @CurrentAbility() ability: AppAbility): Promise<AgreementDiff> {
    return this.agreements.diff(id, query.from, query.to, ability);
  }

  /** Every state change, with who caused it. */
  @Get(':id/history')
  @Can('read', 'Agreement')
  history(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<AgreementTransitionRecord[]> {
    return this.agreements.history(id, ability);
  }

  @Get(':id/comments')
  @Can('read', 'AgreementComment')
  listComments(@Param('id') id: string, @CurrentAbility() ability: AppAbility): Promise<AgreementComment[]> {
    return this.comments.list(id, ability);
  }

  @Post(':id/comments')
  @Can('create', 'AgreementComment')
  comment(@Param('id') id: string, @Body() body: CreateAgreementCommentDto, @CurrentPrincipal() principal: Principal, @CurrentAbility() ability: AppAbility): Promise<AgreementComment> {
    return this.comments.create(id, body, principal, ability);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Can('withdraw', 'Agreement')
  withdraw(@Param('id') id: string, @Body() body: AgreementEventCommentDto, @CurrentPrincipal() principal: Principal, @CurrentAbility() ability: AppAbility): Promise<Agreement> {
    return this.agreements.end(id, 'withdraw', body.comment, principal, ability);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @Can('terminate', 'Agreement')
  terminate(@Param('id') id: string, @Body() body: AgreementEventCommentDto, @CurrentPrincipal() principal: Principal, @CurrentAbility() ability: AppAbility): Promise<Agreement> {
    return this.agreements.end(id, 'terminate', body.comment, principal, ability);
  }

  /** Signs the approved version for the caller's side; the second side's signature activates it from `startsOn`. */
  @Post(':id/sign')
  @HttpCode(200)
  @Can('sign', 'Agreement')
  async sign(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @CurrentAbility() ability: AppAbility): Promise<Agreement> {
    await this.signing.sign(id, principal, ability);
    return this.agreements.get(id, principal, ability);
  }

  /** The agreement as a PDF: terms, version, SHA-256 of the terms and signatures. */
  @Get(':id/pdf')
  @Can('read', 'Agreement')
  async pdf(@Param('id') id: string, @CurrentAbility() ability: AppAbility, @Res() response: Response): Promise<void> {
    const agreement = await this.agreements.readable(id, ability);
    const pdf = await renderAgreementPdf(agreement);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${agreement.reference}.pdf"`);
    response.setHeader('Content-Length', String(pdf.length));
    response.end(pdf);
  }

  /** The agreement as a W3C ODRL 2.2 policy (JSON-LD). */
  @Get(':id/odrl')
  @Can('read', 'Agreement')
  async odrl(@Param('id') id: string, @CurrentAbility() ability: AppAbility, @Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const agreement = await this.agreements.readable(id, ability);
    response.setHeader('Content-Type', 'application/ld+json; charset=utf-8');
    return agreementToOdrl(agreement);
  }
}
