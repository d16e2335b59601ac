import { Module } from '@nestjs/common';
import { LineageAnnotations } from './lineage-annotations.service';
import { LineagePersonalDataRepository } from './lineage-personal-data.repository';
import { LineageController } from './lineage.controller';
import { LineageGraphRepository } from './lineage-graph.repository';
import { LineageIngestRepository } from './lineage-ingest.repository';
import { LineageIngestService } from './lineage-ingest.service';
import { LineageQueryService } from './lineage-query.service';

/** OpenLineage ingestion (raw events kept whole, normalised into a graph) and graph, column and run queries. */
@Module({
  controllers: [LineageController],
  providers: [LineageIngestService, LineageQueryService, LineageIngestRepository, LineageGraphRepository, LineageAnnotations, LineagePersonalDataRepository],
  exports: [LineageQueryService, LineageIngestService, LineagePersonalDataRepository],
})
export class LineageModule {}
