import { Module } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { AgreementCommentsService } from './agreement-comments.service';
import { AgreementLifecycleService } from './agreement-lifecycle.service';
import { AgreementSigningService } from './agreement-signing.service';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';
import { PublicAgreementsController } from './public-agreements.controller';

/** Agreements: drafts, immutable versions, comments, signatures, ODRL and the public register. */
@Module({
  controllers: [AgreementsController, PublicAgreementsController],
  providers: [AgreementLifecycleService, AgreementsRepository, AgreementsService, AgreementCommentsService, AgreementSigningService, Clock],
  exports: [AgreementLifecycleService, AgreementsRepository, AgreementSigningService],
})
export class AgreementsModule {}
