import { Module } from '@nestjs/common';
import { LineageModule } from '../lineage/lineage.module';
import { FindingsController } from './findings.controller';
import { FindingsRepository } from './findings.repository';
import { FindingsService } from './findings.service';
import { ComplianceRechecksController } from './rechecks.controller';
import { ComplianceRechecksService } from './rechecks.service';

/** Compliance findings on the API: list, read, triage, ask for a re-check. The checks run in the worker (ComplianceWorkerModule). */
@Module({
  imports: [LineageModule],
  controllers: [FindingsController, ComplianceRechecksController],
  providers: [FindingsService, FindingsRepository, ComplianceRechecksService],
  exports: [ComplianceRechecksService],
})
export class ComplianceModule {}
