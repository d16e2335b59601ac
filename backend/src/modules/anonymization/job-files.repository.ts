import { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Size of one stored chunk of a file. */
export const CHUNK_BYTES = 1024 * 1024;
/** Chunks fetched per query when a file is read back. */
const READ_AHEAD = 4;

export type JobFileKind = 'input' | 'result';
/** The input is stored once, under attempt 0; results under the run's attempt number. */
export const INPUT_ATTEMPT = 0;

/**
 * The files of anonymization jobs, in 1 MiB chunks in PostgreSQL: written as they stream in,
 * read back as a stream. No file is ever held whole in memory, and the API and the worker
 * need no shared disk.
 */
@Injectable()
export class JobFilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A Writable that stores what it receives as chunks `seq = 0, 1, …`; `bytes` counts them. */
  writer(jobId: string, kind: JobFileKind, attempt: number, manager: EntityManager = this.dataSource.manager): ChunkWriter {
    return new ChunkWriter((seq, data) => manager.query(`INSERT INTO anonymization_job_chunks (job_id, kind, attempt, seq, data) VALUES ($1, $2, $3, $4, $5)`, [jobId, kind, attempt, seq, data]).then(() => undefined));
  }

  /** The file's chunks in order, READ_AHEAD per query. */
  async *read(jobId: string, kind: JobFileKind, attempt: number, manager: EntityManager = this.dataSource.manager): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq += READ_AHEAD) {
      const rows: Array<{ data: Buffer }> = await manager.query(
        `SELECT data FROM anonymization_job_chunks WHERE job_id = $1 AND kind = $2 AND attempt = $3 AND seq >= $4 AND seq < $5 ORDER BY seq`,
        [jobId, kind, attempt, seq, seq + READ_AHEAD],
      );
      for (const row of rows) yield row.data;
      if (rows.length < READ_AHEAD) return;
    }
  }

  /** The first chunk only (previews). */
  async head(jobId: string, kind: JobFileKind, attempt: number): Promise<Buffer | null> {
    const [row]: Array<{ data: Buffer }> = await this.dataSource.query(`SELECT data FROM anonymization_job_chunks WHERE job_id = $1 AND kind = $2 AND attempt = $3 AND seq = 0`, [jobId, kind, attempt]);
    return row?.data ?? null;
  }

  /** Results of every other run of the job (a crashed run's leftovers, the run that lost). */
  async deleteOtherResults(jobId: string, keepAttempt: number | null): Promise<void> {
    await this.dataSource.query(`DELETE FROM anonymization_job_chunks WHERE job_id = $1 AND kind = 'result' AND attempt IS DISTINCT FROM $2::int`, [jobId, keepAttempt]);
  }
}

/** Buffers writes to CHUNK_BYTES and stores each full chunk before taking more (backpressure). */
export class ChunkWriter extends Writable {
  bytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  private storing: Promise<void> = Promise.resolve();

  constructor(private readonly store: (seq: number, data: Buffer) => Promise<void>) {
    super({ highWaterMark: CHUNK_BYTES });
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this.bytes += buffer.length;
    this.pending.push(buffer);
    this.pendingBytes += buffer.length;
    if (this.pendingBytes < CHUNK_BYTES) return callback();
    this.storing = this.flushFull();
    this.storing.then(() => callback(), callback);
  }

  /** Resolves once no chunk is being stored (after destroy, before removing what was written). */
  async idle(): Promise<void> {
    await this.storing.catch(() => undefined);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.storing = this.flushAll();
    this.storing.then(() => callback(), callback);
  }

  private async flushFull(): Promise<void> {
    let all = Buffer.concat(this.pending, this.pendingBytes);
    while (all.length >= CHUNK_BYTES) {
      await this.store(this.seq++, all.subarray(0, CHUNK_BYTES));
      all = all.subarray(CHUNK_BYTES);
    }
    this.pending = all.length > 0 ? [Buffer.from(all)] : [];
    this.pendingBytes = all.length;
  }

  private async flushAll(): Promise<void> {
    await this.flushFull();
    if (this.pendingBytes > 0) await this.store(this.seq++, Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
