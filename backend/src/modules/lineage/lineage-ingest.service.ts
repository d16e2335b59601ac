import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LINEAGE_BATCH_MAX, type ErrorDetail, type LineageBatchItem, type LineageBatchResult, type LineageEventProblem, type LineageIngestResult } from '@convenio/contracts';
import type { Queue } from 'bullmq';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { QueueName, type CheckDueLineageRunsJobData } from '../../core/queue/queue-names';
import { ComplianceCheckRequester } from '../compliance/compliance-queue';
import type { Principal } from '../../core/auth/principal';
import { DomainException } from '../../core/errors/domain.exception';
import { normaliseEvent, type NormalisedEvent } from './event-normaliser';
import { LineageIngestRepository, type Sender } from './lineage-ingest.repository';
import { OpenLineageValidator } from './openlineage-validator';

export enum LineageErrorCode {
  EventInvalid = 'LINEAGE_EVENT_INVALID',
  BatchInvalid = 'LINEAGE_BATCH_INVALID',
  BatchTooLarge = 'LINEAGE_BATCH_TOO_LARGE',
  NodeNotFound = 'LINEAGE_NODE_NOT_FOUND',
  RunNotFound = 'LINEAGE_RUN_NOT_FOUND',
}

/** SQLSTATEs worth one more try: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;
/** "no partition of relation found for row": the month turned between our check and the insert. */
const NO_PARTITION = '23514';

/** `/run/runId` → `body.run.runId`, the project's field path beside the JSON pointer. */
export function problemDetails(problems: LineageEventProblem[], prefix = 'body'): Array<ErrorDetail & { pointer: string }> {
  return problems.map(({ pointer, message }) => ({
    path: `${prefix}${pointer.split('/').slice(1).map((part) => `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`).join('')}`,
    pointer,
    message,
  }));
}

/**
 * OpenLineage ingestion: validate each event against the official schema (lenient inputs
 * normalised with warnings), then store the new ones and fold them into the graph in one
 * transaction, committed before the answer. Re-sent events (same canonical JSON) change nothing.
 */
@Injectable()
export class LineageIngestService {
  private readonly validator = new OpenLineageValidator();
  private partitionReadyFor: string | null = null;

  private readonly compliance: ComplianceCheckRequester;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: LineageIngestRepository,
    @InjectQueue(QueueName.Compliance) complianceQueue: Queue<CheckDueLineageRunsJobData>,
  ) {
    this.compliance = new ComplianceCheckRequester(complianceQueue);
  }

  /** After the commit that stored runs: the worker checks them against the agreements (coalesced; see ComplianceCheckRequester). */
  requestComplianceCheck(): Promise<void> {
    return this.compliance.request();
  }

  /** One event: 201 when stored, 200 when it was already (`created` says which). */
  async ingestOne(body: unknown, principal: Principal | null): Promise<{ created: boolean; result: LineageIngestResult }> {
    const [item] = await this.ingest([body], principal);
    if (item.status === 'invalid') {
      const errors = item.errors ?? [];
      throw new DomainException(400, LineageErrorCode.EventInvalid, `Invalid OpenLineage event: ${errors.map((error) => `${error.pointer || '/'} ${error.message}`).join('; ')}`, problemDetails(errors));
    }
    return { created: item.status === 'accepted', result: { status: item.status, eventId: item.eventId!, warnings: item.warnings ?? [] } };
  }

  /** A JSON array of events (or `{events: [...]}`), at most LINEAGE_BATCH_MAX, reported one by one. */
  async ingestBatch(body: unknown, principal: Principal | null): Promise<LineageBatchResult> {
    const events = Array.isArray(body) ? body : typeof body === 'object' && body !== null && Array.isArray((body as { events?: unknown }).events) ? (body as { events: unknown[] }).events : null;
    if (!events) throw new DomainException(400, LineageErrorCode.BatchInvalid, 'A batch is a JSON array of OpenLineage events (or {"events": [...]})', [{ path: 'body', message: 'must be an array of events' }]);
    if (events.length === 0) throw new DomainException(400, LineageErrorCode.BatchInvalid, 'A batch holds at least one event', [{ path: 'body', message: 'must not be empty' }]);
    if (events.length > LINEAGE_BATCH_MAX) {
      throw new DomainException(413, LineageErrorCode.BatchTooLarge, `A batch holds at most ${LINEAGE_BATCH_MAX} events; this one has ${events.length}. Split it.`, [{ path: 'body', message: `at most ${LINEAGE_BATCH_MAX} events` }]);
    }
    const results = await this.ingest(events, principal);
    const count = (status: LineageBatchItem['status']) => results.filter((item) => item.status === status).length;
    return { accepted: count('accepted'), duplicates: count('duplicate'), invalid: count('invalid'), results };
  }

  /**
   * An event Convenio itself emits (a release), stored inside the caller's transaction so that
   * the lineage exists exactly when what it describes does. Invalid events are a bug: they throw.
   */
  async recordWithin(manager: EntityManager, body: unknown, userId: string): Promise<string> {
    const outcome = this.validator.validate(body);
    if (!outcome.ok) throw new Error(`Convenio emitted an invalid OpenLineage event: ${JSON.stringify(outcome.errors)}`);
    const normalised = normaliseEvent(outcome.kind, outcome.event, outcome.warnings);
    if (!normalised.ok) throw new Error(`Convenio emitted an invalid OpenLineage event: ${JSON.stringify(normalised.errors)}`);
    await this.ensurePartition();
    const { ids } = await this.repository.store(manager, [normalised.value], { userId, apiKeyId: null });
    return ids.get(normalised.value.hash)!;
  }

  private async ingest(inputs: unknown[], principal: Principal | null): Promise<LineageBatchItem[]> {
    const results: LineageBatchItem[] = [];
    const valid: Array<{ index: number; event: NormalisedEvent }> = [];
    inputs.forEach((input, index) => {
      const outcome = this.validator.validate(input);
      if (!outcome.ok) return results.push({ index, status: 'invalid', errors: outcome.errors });
      const normalised = normaliseEvent(outcome.kind, outcome.event, outcome.warnings);
      if (!normalised.ok) return results.push({ index, status: 'invalid', errors: normalised.errors });
      valid.push({ index, event: normalised.value });
      return undefined;
    });
    if (valid.length > 0) {
      // The first copy of an event in the batch is stored; later copies are duplicates of it.
      const unique = [...new Map(valid.map(({ event }) => [event.hash, event])).values()];
      const sender: Sender = { userId: principal?.userId ?? null, apiKeyId: principal?.apiKeyId ?? null };
      const { ids, fresh } = await this.store(unique, sender);
      if (unique.some((event) => fresh.has(event.hash) && event.run)) await this.requestComplianceCheck();
      const claimed = new Set<string>();
      for (const { index, event } of valid) {
        const isNew = fresh.has(event.hash) && !claimed.has(event.hash);
        claimed.add(event.hash);
        results.push({ index, status: isNew ? 'accepted' : 'duplicate', eventId: ids.get(event.hash), warnings: event.warnings });
      }
    }
    return results.sort((a, b) => a.index - b.index);
  }

  private async store(events: NormalisedEvent[], sender: Sender): Promise<{ ids: Map<string, string>; fresh: Set<string> }> {
    await this.ensurePartition();
    for (let attempt = 1; ; attempt++) {
      try {
        // One event is one statement, atomic by itself; a batch may take two (see store), hence the transaction.
        if (events.length === 1) return await this.repository.store(this.dataSource.manager, events, sender);
        return await this.dataSource.transaction((manager) => this.repository.store(manager, events, sender));
      } catch (error) {
        const code = error instanceof QueryFailedError ? (error as { driverError?: { code?: string } }).driverError?.code : undefined;
        if (attempt >= ATTEMPTS || !code || !(RETRYABLE.has(code) || code === NO_PARTITION)) throw error;
        if (code === NO_PARTITION) {
          this.partitionReadyFor = null;
          await this.ensurePartition();
        }
      }
    }
  }

  /** The month's partition exists once a process has inserted into it (checked once a month). */
  private async ensurePartition(): Promise<void> {
    const month = new Date().toISOString().slice(0, 7);
    if (this.partitionReadyFor === month) return;
    await this.repository.ensurePartition(this.dataSource.manager);
    this.partitionReadyFor = month;
  }
}
