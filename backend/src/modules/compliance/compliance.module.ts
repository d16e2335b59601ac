import { Module } from '@nestjs/common';
import { FindingsController } from './findings.controller';
import { FindingsRepository } from './findings.repository';
import { FindingsService } from './findings.service';

/** Compliance findings on the API: list, read, triage. The checks run in the worker (ComplianceWorkerModule). */
@Module({
  controllers: [FindingsController],
  providers: [FindingsService, FindingsRepository],
})
export class ComplianceModule {}
