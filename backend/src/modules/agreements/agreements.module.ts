import { Module } from '@nestjs/common';
import { AgreementLifecycleService } from './agreement-lifecycle.service';

/** Agreements: drafts, immutable versions, comments, signatures, ODRL and the public register. */
@Module({ providers: [AgreementLifecycleService], exports: [AgreementLifecycleService] })
export class AgreementsModule {}
