import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import {
  ANONYMIZATION_DATASET_FIELD,
  ANONYMIZATION_FILE_FIELD,
  ANONYMIZATION_MAX_UPLOAD_BYTES,
  ANONYMIZATION_POLICY_FIELD,
  ANONYMIZATION_PREVIEW_ROWS,
  type AnonymizationJob,
  type AnonymizationJobListQuery,
  type AnonymizationPreview,
  type Page,
} from '@convenio/contracts';
import type { AppAbility } from '@convenio/policies';
import type { Queue } from 'bullmq';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';
import { JobName, QueueName, type AnonymizeCsvJobData } from '../../core/queue/queue-names';
import { AnonymizationFailure, fieldTooLargeError, fromEngineError, jobNotFound, tooLargeError, uploadError } from './anonymization.errors';
import { AnonymizationJobsRepository, toJob, type JobRow } from './anonymization-jobs.repository';
import { AnonymizationError, checkInput } from './engine';
import { readCsv } from './engine/csv-io';
import { anonymizeJobOptions } from './anonymization-queue';
import { INPUT_ATTEMPT, JobFilesRepository } from './job-files.repository';
import { receiveMultipart, type MultipartSpec } from '../../core/http/multipart-upload';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A policy with a large custom hierarchy still fits. */
const MAX_POLICY_BYTES = 5 * 1024 * 1024;

/** The job form: the CSV, the policy (JSON) and optionally the catalog dataset; any other field is refused. */
const UPLOAD_FORM: MultipartSpec = {
  fileField: ANONYMIZATION_FILE_FIELD,
  maxFileBytes: ANONYMIZATION_MAX_UPLOAD_BYTES,
  envelopeBytes: 8 * 1024 * 1024,
  textFields: [ANONYMIZATION_POLICY_FIELD, ANONYMIZATION_DATASET_FIELD],
  maxFieldBytes: MAX_POLICY_BYTES,
  errors: { upload: uploadError, tooLarge: tooLargeError, fieldTooLarge: (name) => fieldTooLargeError(name, MAX_POLICY_BYTES) },
};

/**
 * Anonymization jobs on the API side: the upload (stored and checked in one transaction, so a
 * bad file or policy answers 400 and leaves nothing behind), the queue, reading, cancelling,
 * the result and the preview. The worker runs them (AnonymizationRunner).
 */
@Injectable()
export class AnonymizationJobsService {
  private readonly logger = new Logger(AnonymizationJobsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Anonymization) private readonly queue: Queue<AnonymizeCsvJobData>,
    private readonly jobs: AnonymizationJobsRepository,
    private readonly files: JobFilesRepository,
    private readonly audit: AuditService,
  ) {}

  async create(request: Request, principal: Principal): Promise<AnonymizationJob> {
    const id = randomUUID();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const manager = runner.manager;
      await this.jobs.insert(manager, { id, organizationId: principal.organizationId, createdById: principal.userId });
      const writer = this.files.writer(id, 'input', INPUT_ATTEMPT, manager);
      const received = await receiveMultipart(
        request,
        UPLOAD_FORM,
        (file) => pipeline(file, writer),
      );
      const policy = parsePolicyField(received.fields.get(ANONYMIZATION_POLICY_FIELD));
      const datasetId = await this.datasetOf(received.fields.get(ANONYMIZATION_DATASET_FIELD), principal);
      const summary = await checkInput({ source: () => Readable.from(this.files.read(id, 'input', INPUT_ATTEMPT, manager)), policy });
      await this.jobs.describe(manager, id, { fileName: received.fileName, inputBytes: writer.bytes, records: summary.records, policy, datasetId });
      await this.audit.append(manager, {
        action: 'anonymization.job_created',
        subjectType: 'AnonymizationJob',
        subjectId: id,
        after: { fileName: received.fileName, bytes: writer.bytes, records: summary.records, datasetId, k: (policy as { k: number }).k },
      });
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error instanceof AnonymizationError ? fromEngineError(error) : error;
    } finally {
      await runner.release();
    }
    await this.enqueue(id);
    return toJob((await this.jobs.find(id))!);
  }

  /** Queued after the commit. If Redis is down the job stays `queued` in the database and the worker's sweep queues it later. */
  private async enqueue(id: string): Promise<void> {
    try {
      await this.queue.add(JobName.AnonymizeCsv, { jobId: id }, anonymizeJobOptions(id));
    } catch (error) {
      this.logger.warn({ err: error, jobId: id }, 'Anonymization job stored but not queued yet; the worker sweep will queue it');
    }
  }

  async list(query: AnonymizationJobListQuery, ability: AppAbility): Promise<Page<AnonymizationJob>> {
    return this.jobs.list(query, ability);
  }

  /** Not found and not allowed look the same (404). */
  async get(id: string, ability: AppAbility, action: 'read' | 'delete' = 'read'): Promise<JobRow> {
    const row = await this.jobs.find(id);
    if (!row || !ability.can(action, subject('AnonymizationJob', { id: row.id, organizationId: row.organizationId, createdById: row.createdById }))) throw jobNotFound(id);
    return row;
  }

  async cancel(id: string, ability: AppAbility): Promise<AnonymizationJob> {
    await this.get(id, ability, 'delete');
    const previous = await this.dataSource.transaction(async (manager) => {
      const state = await this.jobs.cancel(manager, id);
      if (state === null) return null;
      await this.audit.append(manager, { action: 'anonymization.job_cancelled', subjectType: 'AnonymizationJob', subjectId: id, before: { state }, after: { state: 'cancelled' } });
      return state;
    });
    if (previous === null) {
      const row = (await this.jobs.find(id))!;
      throw new DomainException(409, AnonymizationFailure.JobFinished, `Job ${id} is already ${row.state}; only a queued or running job can be cancelled`, { state: row.state });
    }
    // A queued job leaves the queue; a running one stops at its next progress report.
    if (previous === 'queued') await this.queue.remove(id).catch(() => undefined);
    await this.files.deleteOtherResults(id, null).catch(() => undefined);
    return toJob((await this.jobs.find(id))!);
  }

  /** The anonymized CSV as a stream (409 until the job has completed). */
  async result(id: string, ability: AppAbility): Promise<{ job: JobRow; stream: Readable }> {
    const job = await this.completed(id, ability);
    return { job, stream: Readable.from(this.files.read(id, 'result', job.resultAttempt!)) };
  }

  async completed(id: string, ability: AppAbility): Promise<JobRow> {
    const job = await this.get(id, ability);
    if (job.state !== 'completed' || job.resultAttempt === null) {
      throw new DomainException(409, AnonymizationFailure.JobNotCompleted, `Job ${id} is ${job.state}; its result and report exist once it has completed`, { state: job.state });
    }
    return job;
  }

  /** The first rows of the input, and of the result once there is one. */
  /**
   * Deletes the job's original upload now (it holds the personal data; the retention sweep would
   * delete it later). Only once the job has ended; a second call changes nothing. Audited.
   */
  async deleteInput(id: string, ability: AppAbility): Promise<AnonymizationJob> {
    const job = await this.get(id, ability, 'delete');
    if (job.state === 'queued' || job.state === 'running') {
      throw new DomainException(409, AnonymizationFailure.JobNotFinished, `Job ${id} is ${job.state}; its original file can be deleted once it has ended (cancel it first)`, { state: job.state });
    }
    await this.dataSource.transaction(async (manager) => {
      const [purged] = await this.jobs.purgeInputs(manager, { ids: [id] });
      if (purged) await this.audit.append(manager, { action: 'anonymization.input_deleted', subjectType: 'AnonymizationJob', subjectId: id, after: { fileName: purged.fileName, state: purged.state, reason: 'requested' } });
    });
    return toJob((await this.jobs.find(id))!);
  }

  async preview(id: string, ability: AppAbility): Promise<AnonymizationPreview> {
    const job = await this.get(id, ability);
    const input = await this.firstRows(await this.files.head(id, 'input', INPUT_ATTEMPT));
    const output = job.state === 'completed' && job.resultAttempt !== null ? await this.firstRows(await this.files.head(id, 'result', job.resultAttempt)) : null;
    return { input: input ?? { header: [], rows: [] }, output };
  }

  private async firstRows(chunk: Buffer | null): Promise<{ header: string[]; rows: string[][] } | null> {
    if (!chunk) return null;
    // Only whole lines of the first chunk: cut after its last line break.
    const cut = chunk.lastIndexOf(0x0a);
    const text = cut >= 0 && cut < chunk.length - 1 ? chunk.subarray(0, cut + 1) : chunk;
    const records: string[][] = [];
    try {
      for await (const batch of readCsv(() => Readable.from([text]))) {
        records.push(...batch.records);
        if (records.length > ANONYMIZATION_PREVIEW_ROWS) break;
      }
    } catch {
      // A quoted line break across the cut: show what was read.
    }
    return { header: records[0] ?? [], rows: records.slice(1, ANONYMIZATION_PREVIEW_ROWS + 1) };
  }

  /** The optional catalog dataset the file is a copy of: one the caller's organization owns. */
  private async datasetOf(value: string | undefined, principal: Principal): Promise<string | null> {
    if (value === undefined || value.trim() === '') return null;
    const id = value.trim();
    if (!UUID.test(id)) throw uploadError(`"${id.slice(0, 60)}" is not a dataset id (a UUID)`, ANONYMIZATION_DATASET_FIELD);
    const [row]: Array<{ owner_organization_id: string; status: string; sensitivity: string }> = await this.dataSource.query(`SELECT owner_organization_id, status, sensitivity FROM datasets WHERE id = $1`, [id]);
    if (!row || row.owner_organization_id !== principal.organizationId || !principal.ability.can('read', subject('Dataset', { id, ownerOrganizationId: row.owner_organization_id, status: row.status, sensitivity: row.sensitivity }))) {
      throw new DomainException(404, AnonymizationFailure.DatasetNotFound, `Dataset ${id} not found among your organization's datasets`, [{ path: ANONYMIZATION_DATASET_FIELD, message: 'not found among your organization\'s datasets' }]);
    }
    return id;
  }
}

/** The `policy` field: JSON text (the engine validates its shape, naming each wrong path). */
function parsePolicyField(value: string | undefined): unknown {
  if (value === undefined || value.trim() === '') throw uploadError(`No policy: send it as JSON in the multipart field "${ANONYMIZATION_POLICY_FIELD}"`, ANONYMIZATION_POLICY_FIELD);
  try {
    return JSON.parse(value);
  } catch (error) {
    throw uploadError(`The policy is not valid JSON: ${(error as Error).message}`, ANONYMIZATION_POLICY_FIELD);
  }
}
