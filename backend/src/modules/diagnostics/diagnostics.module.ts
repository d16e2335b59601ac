import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { DataRequestsController } from './data-requests.controller';
import { DataRequestsService } from './data-requests.service';
import { DiagnosticsController } from './diagnostics.controller';
import { DiagnosticsRepository } from './diagnostics.repository';
import { DiagnosticsService } from './diagnostics.service';

/** Diagnostics of a policy question, owner identification (candidates) and open data requests. */
@Module({
  imports: [ReferenceModule],
  controllers: [DiagnosticsController, DataRequestsController],
  providers: [DiagnosticsService, DiagnosticsRepository, DataRequestsService],
  exports: [DiagnosticsService, DiagnosticsRepository],
})
export class DiagnosticsModule {}
