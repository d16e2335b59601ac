import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { ReferenceModule } from '../reference/reference.module';
import { DatasetAccessController } from './dataset-access.controller';
import { DatasetAccessService } from './dataset-access.service';
import { DatasetsController } from './datasets.controller';
import { DatasetsRepository } from './datasets.repository';
import { DatasetsService } from './datasets.service';
import { PublicCatalogController } from './public-catalog.controller';

@Module({
  imports: [ReferenceModule, ComplianceModule],
  controllers: [DatasetsController, DatasetAccessController, PublicCatalogController], providers: [DatasetsService, DatasetsRepository, DatasetAccessService], exports: [DatasetsService, DatasetsRepository] })
export class DatasetsModule {}
