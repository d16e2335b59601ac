import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../../core/audit/audit.service';
import { JobName, QueueName, type AnonymizeCsvJobData } from '../../core/queue/queue-names';
import { AnonymizationJobsRepository } from './anonymization-jobs.repository';
import { anonymizeJobOptions } from './anonymization-queue';
import { anonymize, AnonymizationError } from './engine';
import { INPUT_ATTEMPT, JobFilesRepository } from './job-files.repository';

/** Why a run is stopped from inside the worker (as opposed to a cancellation by a user). */
const SHUTDOWN = 'worker shutting down';
/** How often a run writes its progress (and learns whether it was cancelled). */
const PROGRESS_EVERY_MS = 400;

export type RunOutcome = 'completed' | 'failed' | 'cancelled' | 'superseded' | 'skipped';

/**
 * Runs anonymization jobs in the worker. Each run claims the job with a new attempt number and
 * writes its result under it; every later write is fenced by that number, so a run that a dead
 * worker left behind (or one that was cancelled) can never overwrite the run that owns the job.
 */
@Injectable()
export class AnonymizationRunner implements OnModuleDestroy {
  private readonly logger = new Logger(AnonymizationRunner.name);
  private readonly running = new Set<AbortController>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Anonymization) private readonly queue: Queue<AnonymizeCsvJobData>,
    private readonly jobs: AnonymizationJobsRepository,
    private readonly files: JobFilesRepository,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Shutting down: stop the engines; their jobs are taken up again (BullMQ's stalled-job check). */
  onModuleDestroy(): void {
    for (const controller of this.running) controller.abort(SHUTDOWN);
  }

  /** Bad input is final; anything else (database, Redis) throws for BullMQ to retry. */
  async run(jobId: string): Promise<RunOutcome> {
    const claimed = await this.jobs.claim(jobId);
    if (!claimed) return 'skipped';
    const { attempt } = claimed;
    const controller = new AbortController();
    this.running.add(controller);
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const onProgress = (percent: number) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_EVERY_MS || controller.signal.aborted) return;
      lastWrite = now;
      writing = writing
        .then(() => this.jobs.progress(jobId, attempt, percent))
        .then((owned) => {
          if (!owned) controller.abort();
        })
        .catch(() => undefined);
    };
    const output = this.files.writer(jobId, 'result', attempt);
    try {
      const report = await anonymize({
        source: () => Readable.from(this.files.read(jobId, 'input', INPUT_ATTEMPT)),
        policy: claimed.policy,
        hmacKey: this.config.env.ANONYMIZATION_HMAC_KEY,
        output,
        totalBytes: claimed.inputBytes,
        onProgress,
        signal: controller.signal,
      });
      output.end();
      await finished(output);
      await writing;
      if (!(await this.jobs.complete(jobId, attempt, report, output.bytes))) return this.abandon(jobId, attempt, 'superseded');
      await this.files.deleteOtherResults(jobId, attempt);
      this.logger.log({ jobId, attempt, records: report.records.input, kAchieved: report.kAchieved, ms: Math.round(report.timeMs) }, 'Anonymization job completed');
      return 'completed';
    } catch (error) {
      output.destroy();
      await output.idle();
      await writing;
      if (error instanceof AnonymizationError && error.code === 'CANCELLED') {
        await this.abandon(jobId, attempt, 'cancelled');
        // Stopped by a shutdown, not by a user: fail this try so that BullMQ runs the job again.
        if (controller.signal.reason === SHUTDOWN) throw new Error(`Anonymization job ${jobId} interrupted: ${SHUTDOWN}`);
        return 'cancelled';
      }
      if (error instanceof AnonymizationError) {
        await this.jobs.fail(jobId, attempt, { code: error.code, message: error.message, problems: error.problems.map((problem) => ({ ...problem })) });
        return 'failed';
      }
      throw error;
    } finally {
      this.running.delete(controller);
    }
  }

  /** The run's last try failed on infrastructure: the job fails with a message that says so. */
  async giveUp(jobId: string, error: unknown): Promise<void> {
    const [row]: Array<{ attempts: number }> = await this.dataSource.query(`SELECT attempts FROM anonymization_jobs WHERE id = $1`, [jobId]);
    if (!row) return;
    await this.jobs.fail(jobId, row.attempts, { code: 'INTERNAL', message: `The job could not be completed after several tries (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'})`, problems: [] });
  }

  /** A run that no longer owns its job removes what it wrote. */
  private async abandon(jobId: string, attempt: number, outcome: RunOutcome): Promise<RunOutcome> {
    await this.dataSource.query(`DELETE FROM anonymization_job_chunks WHERE job_id = $1 AND kind = 'result' AND attempt = $2`, [jobId, attempt]).catch(() => undefined);
    this.logger.log({ jobId, attempt, outcome }, 'Anonymization run stopped');
    return outcome;
  }

  /**
   * Deletes the original uploads kept longer than ANONYMIZATION_INPUT_RETENTION_DAYS after their
   * job ended, 100 jobs per transaction, each deletion audited (actor: the retention policy).
   */
  async purgeExpiredInputs(): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = await this.jobs.purgeInputs(manager, 'expired');
        for (const row of rows) {
          await this.audit.append(manager, {
            action: 'anonymization.input_deleted',
            subjectType: 'AnonymizationJob',
            subjectId: row.id,
            after: { fileName: row.fileName, state: row.state, finishedAt: row.finishedAt, reason: 'retention', retentionDays: this.jobs.retentionDays },
            actor: { id: null, label: 'retention policy (ANONYMIZATION_INPUT_RETENTION_DAYS)', organizationId: null },
          });
        }
        return rows.length;
      });
      purged += batch;
      if (batch === 0) return purged;
    }
  }

  /**
   * Queues jobs stored while Redis was unreachable (same BullMQ id: a job already queued is not
   * queued twice), and fails jobs left `running` whose queue job BullMQ has given up on.
   */
  async sweep(olderThanSeconds = 30): Promise<number> {
    const stuck: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM anonymization_jobs WHERE state = 'running' AND started_at < now() - make_interval(secs => $1) LIMIT 100`, [olderThanSeconds * 2]);
    for (const { id } of stuck) {
      const job = await this.queue.getJob(id);
      const state = job ? await job.getState() : 'missing';
      // Redis lost it (it keeps nothing on disk here): run it again; the new run supersedes any old one.
      if (state === 'missing') await this.queue.add(JobName.AnonymizeCsv, { jobId: id }, anonymizeJobOptions(id));
      else if (state === 'failed' || state === 'completed') await this.giveUp(id, new Error(`the queue job is ${state}`));
    }
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM anonymization_jobs WHERE state = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT 100`, [olderThanSeconds]);
    let queued = 0;
    for (const { id } of rows) {
      const existing = await this.queue.getJob(id);
      if (existing) continue;
      await this.queue.add(JobName.AnonymizeCsv, { jobId: id }, anonymizeJobOptions(id));
      queued += 1;
    }
    return queued;
  }
}
