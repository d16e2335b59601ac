import { Module } from '@nestjs/common';
import { AnonymizationJobsController } from './anonymization-jobs.controller';
import { AnonymizationJobsRepository } from './anonymization-jobs.repository';
import { AnonymizationJobsService } from './anonymization-jobs.service';
import { JobFilesRepository } from './job-files.repository';

/** Anonymization jobs on the API: upload and check, queue, state, result, report, preview, cancel. */
@Module({
  controllers: [AnonymizationJobsController],
  providers: [AnonymizationJobsService, AnonymizationJobsRepository, JobFilesRepository],
  exports: [AnonymizationJobsRepository],
})
export class AnonymizationModule {}
