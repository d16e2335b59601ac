import { Module } from '@nestjs/common';
import { LineagePersonalDataRepository } from '../lineage/lineage-personal-data.repository';
import { ComplianceEvaluator } from './compliance-evaluator.service';
import { RunFactsRepository } from './run-facts.repository';

/** The worker half of compliance: the rules over each lineage run (behind ComplianceProcessor). */
@Module({
  providers: [ComplianceEvaluator, RunFactsRepository, LineagePersonalDataRepository],
  exports: [ComplianceEvaluator],
})
export class ComplianceWorkerModule {}
