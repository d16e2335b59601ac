import { Inject, Injectable, Logger } from '@nestjs/common';
import { PROFILE_MAX_BYTES, type CsvProfile } from '@convenio/contracts';
import busboy from 'busboy';
import type { Request } from 'express';
import { CODE_LOOKUP } from './code-lookup.provider';
import { CsvProfiler, ProfilingError, type CodeLookup } from './engine';
import { lingerBeforeClose } from '../../core/http/lingering-close';
import { toDomainException, tooLargeError, uploadError } from './profiling.errors';

/** The multipart field that carries the CSV. */
export const PROFILE_FILE_FIELD = 'file';
/** Room for the multipart envelope (boundaries, part headers) on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

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

  profileUpload(request: Request): Promise<CsvProfile> {
    const started = Date.now();
    return new Promise<CsvProfile>((resolve, reject) => {
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > PROFILE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES) {
        lingerBeforeClose(request.socket);
        request.resume();
        reject(tooLargeError());
        return;
      }
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: request.headers,
          limits: { files: 1, fileSize: PROFILE_MAX_BYTES + 1, fields: 20, parts: 21, fieldSize: 64 * 1024 },
        });
      } catch {
        request.resume();
        reject(uploadError(`Send the CSV as multipart/form-data in the field "${PROFILE_FILE_FIELD}"`));
        return;
      }

      let settled = false;
      let profile: CsvProfile | null = null;
      let fileSeen = false;
      const otherParts: string[] = [];

      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        request.unpipe(parser);
        parser.on('error', () => undefined);
        if (!request.complete) lingerBeforeClose(request.socket);
        request.resume();
        if (error instanceof ProfilingError) reject(toDomainException(error));
        else reject(error);
      };

      parser.on('file', (name, stream, info) => {
        if (settled) {
          stream.resume();
          return;
        }
        if (name !== PROFILE_FILE_FIELD) {
          stream.resume();
          fail(uploadError(`The CSV must be in the multipart field "${PROFILE_FILE_FIELD}", not "${name.slice(0, 60)}"`));
          return;
        }
        fileSeen = true;
        const profiler = new CsvProfiler({ lookup: this.lookup });
        stream.on('data', (chunk: Buffer) => {
          if (settled) return;
          try {
            profiler.write(chunk);
          } catch (error) {
            stream.resume();
            fail(error);
          }
        });
        stream.on('limit', () => fail(tooLargeError()));
        stream.on('end', () => {
          if (settled) return;
          try {
            profile = profiler.end();
            this.logger.log({ bytes: profile.bytes, rows: profile.rows, columns: profile.columns.length, ms: Date.now() - started, mimeType: info.mimeType }, 'CSV profiled');
          } catch (error) {
            fail(error);
          }
        });
      });
      parser.on('field', (name) => {
        if (name === PROFILE_FILE_FIELD) fail(uploadError(`The field "${PROFILE_FILE_FIELD}" must be a file, not a text value`));
        else otherParts.push(name.slice(0, 60));
      });
      parser.on('filesLimit', () => fail(uploadError('Send one file only')));
      parser.on('partsLimit', () => fail(uploadError('Too many parts in the form')));
      parser.on('fieldsLimit', () => fail(uploadError('Too many fields in the form')));
      parser.on('error', (error: Error) => fail(uploadError(`Malformed multipart body: ${error.message}`)));
      parser.on('close', () => {
        if (settled) return;
        if (profile) {
          settled = true;
          resolve(profile);
          return;
        }
        if (fileSeen) return; // the file's end handler settles (or already failed)
        const got = otherParts.length > 0 ? `; got ${otherParts.map((part) => `"${part}"`).join(', ')}` : '';
        fail(uploadError(`No file: send the CSV in the multipart field "${PROFILE_FILE_FIELD}"${got}`));
      });
      request.on('close', () => {
        if (!request.complete) fail(uploadError('The upload was interrupted'));
      });
      request.pipe(parser);
    });
  }
}
