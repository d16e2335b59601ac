import { Module } from '@nestjs/common';
import { DatasetsController } from './datasets.controller';
import { DatasetsRepository } from './datasets.repository';
import { DatasetsService } from './datasets.service';
import { PublicCatalogController } from './public-catalog.controller';

@Module({ controllers: [DatasetsController, PublicCatalogController], providers: [DatasetsService, DatasetsRepository], exports: [DatasetsService, DatasetsRepository] })
export class DatasetsModule {}
