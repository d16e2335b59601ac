import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AnonymizationModule } from '../anonymization/anonymization.module';
import { LineageModule } from '../lineage/lineage.module';
import { ReleasesController } from './releases.controller';
import { ReleasesRepository } from './releases.repository';
import { ReleasesService } from './releases.service';

/** Releases: anonymized deliveries gated by the agreement's terms, written to lineage and the audit trail. */
@Module({
  imports: [AgreementsModule, AnonymizationModule, LineageModule],
  controllers: [ReleasesController],
  providers: [ReleasesService, ReleasesRepository],
})
export class ReleasesModule {}
