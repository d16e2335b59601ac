import { Inject, Injectable, Logger } from '@nestjs/common';
import { PROFILE_MAX_BYTES, type CsvProfile } from '@convenio/contracts';
import type { Request } from 'express';
import { CODE_LOOKUP } from './code-lookup.provider';
import { CsvProfiler, ProfilingError, type CodeLookup } from './engine';
import { receiveMultipart, type MultipartSpec } from '../../core/http/multipart-upload';
import { toDomainException, tooLargeError, uploadError } from './profiling.errors';

/** The multipart field that carries the CSV. */
export const PROFILE_FILE_FIELD = 'file';

/** The profiling form: the CSV only; other fields (a client's extra metadata) are ignored. */
const PROFILE_FORM: MultipartSpec = {
  fileField: PROFILE_FILE_FIELD,
  maxFileBytes: PROFILE_MAX_BYTES,
  // Room for the multipart envelope (boundaries, part headers) on top of the file itself.
  envelopeBytes: 64 * 1024,
  textFields: [],
  otherFields: 'ignore',
  maxTextFields: 19,
  maxFieldBytes: 64 * 1024,
  errors: { upload: (message) => uploadError(message), tooLarge: tooLargeError, fieldTooLarge: () => uploadError('A form field is too large') },
};

/**
 * Streams a multipart upload through the CSV profiler without holding the file: each chunk is
 * scanned as it arrives and dropped, except the sampled rows. The first problem (a malformed
 * line, the size limit) settles the answer at once and parsing stops; what the client still
 * sends is discarded for a few seconds at most (lingerBeforeClose), so that it can read the
 * answer, then the connection is closed.
 */
@Injectable()
export class ProfilingService {
  private readonly logger = new Logger(ProfilingService.name);

  constructor(@Inject(CODE_LOOKUP) private readonly lookup: CodeLookup) {}

  async profileUpload(request: Request): Promise<CsvProfile> {
    const started = Date.now();
    // Set by the file's end handler, which settles before the form does.
    const profiled: { profile?: CsvProfile } = {};
    const received = await receiveMultipart(request, PROFILE_FORM, (stream) => {
      const profiler = new CsvProfiler({ lookup: this.lookup });
      return new Promise<void>((resolve, reject) => {
        let stopped = false;
        const stop = (error: unknown) => {
          stopped = true;
          reject(error instanceof ProfilingError ? toDomainException(error) : error);
        };
        stream.on('data', (chunk: Buffer) => {
          if (stopped) return;
          try {
            profiler.write(chunk);
          } catch (error) {
            stop(error);
          }
        });
        stream.on('end', () => {
          if (stopped) return;
          try {
            profiled.profile = profiler.end();
            resolve();
          } catch (error) {
            stop(error);
          }
        });
      });
    });
    const done = profiled.profile!;
    this.logger.log({ bytes: done.bytes, rows: done.rows, columns: done.columns.length, ms: Date.now() - started, mimeType: received.mimeType }, 'CSV profiled');
    return done;
  }
}
