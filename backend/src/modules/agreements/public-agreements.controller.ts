import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { publicAgreementListQuerySchema, type Page, type PublicAgreement } from '@convenio/contracts';
import { createZodDto } from 'nestjs-zod';
import { Public } from '../../core/authz/route-policy';
import { AgreementsRepository } from './agreements.repository';

class PublicAgreementListQueryDto extends createZodDto(publicAgreementListQuerySchema) {}

/** The public register of agreements: active and past ones; parties, datasets, purpose, legal basis, dates — never notes. */
@ApiTags('public register')
@Controller('v1/public/agreements')
export class PublicAgreementsController {
  constructor(private readonly agreements: AgreementsRepository) {}

  @Get()
  @Public()
  list(@Query() query: PublicAgreementListQueryDto): Promise<Page<PublicAgreement>> {
    return this.agreements.publicPage(query);
  }
}
