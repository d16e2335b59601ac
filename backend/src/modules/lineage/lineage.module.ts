import { Module } from '@nestjs/common';
import { LineageController } from './lineage.controller';
import { LineageGraphRepository } from './lineage-graph.repository';
import { LineageIngestRepository } from './lineage-ingest.repository';
import { LineageIngestService } from './lineage-ingest.service';
import { LineageQueryService } from './lineage-query.service';

/** OpenLineage ingestion (raw events kept whole, normalised into a graph) and graph, column and run queries. */
@Module({
  controllers: [LineageController],
  providers: [LineageIngestService, LineageQueryService, LineageIngestRepository, LineageGraphRepository],
  exports: [LineageQueryService, LineageIngestService],
})
export class LineageModule {}
