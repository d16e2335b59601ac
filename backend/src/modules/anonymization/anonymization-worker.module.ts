import { Module } from '@nestjs/common';
import { AnonymizationJobsRepository } from './anonymization-jobs.repository';
import { AnonymizationRunner } from './anonymization-runner.service';
import { JobFilesRepository } from './job-files.repository';

/** The worker half of anonymization: the runner behind AnonymizationProcessor. */
@Module({
  providers: [AnonymizationRunner, AnonymizationJobsRepository, JobFilesRepository],
  exports: [AnonymizationRunner],
})
export class AnonymizationWorkerModule {}
