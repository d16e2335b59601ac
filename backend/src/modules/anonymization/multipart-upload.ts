import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { lingerBeforeClose } from '../../core/http/lingering-close';
import { DomainException } from '../../core/errors/domain.exception';
import { tooLargeError, uploadError } from './anonymization.errors';

/** Room for the multipart envelope and the text fields on top of the file itself. */
const ENVELOPE_BYTES = 8 * 1024 * 1024;

export interface MultipartSpec {
  fileField: string;
  maxFileBytes: number;
  /** Text fields accepted (others are refused, so a typo is not silently ignored). */
  textFields: readonly string[];
  maxFieldBytes: number;
}

export interface ReceivedMultipart {
  fields: Map<string, string>;
  fileName: string;
}

/**
 * Reads a multipart form with one file, handing the file's stream to `consume` as it arrives
 * (consume must read it to its end) and collecting the text fields. Settles after the form
 * and `consume` are both done. Bad forms answer 400 naming the part; a file over the limit
 * 413 — early, while the client may still be sending (the rest is drained, see lingerBeforeClose).
 */
export function receiveMultipart(request: Request, spec: MultipartSpec, consume: (file: Readable) => Promise<void>): Promise<ReceivedMultipart> {
  return new Promise<ReceivedMultipart>((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > spec.maxFileBytes + ENVELOPE_BYTES) {
      lingerBeforeClose(request.socket);
      request.resume();
      reject(tooLargeError());
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        // busboy counts a limit as reached when the count equals it: one more than allowed, so the last allowed part passes.
        limits: { files: 1, fileSize: spec.maxFileBytes, fields: spec.textFields.length + 1, parts: spec.textFields.length + 2, fieldSize: spec.maxFieldBytes },
      });
    } catch {
      request.resume();
      reject(uploadError(`Send the form as multipart/form-data with the CSV in the field "${spec.fileField}"`));
      return;
    }

    let settled = false;
    const fields = new Map<string, string>();
    let fileName: string | null = null;
    let consuming: Promise<void> | null = null;

    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      parser.on('error', () => undefined);
      if (!request.complete) lingerBeforeClose(request.socket);
      request.resume();
      reject(error);
    };

    parser.on('file', (name, stream, info) => {
      if (settled) return void stream.resume();
      if (name !== spec.fileField) {
        stream.resume();
        return fail(uploadError(`The CSV must be in the multipart field "${spec.fileField}", not "${name.slice(0, 60)}"`));
      }
      fileName = (info.filename || 'data.csv').slice(0, 255);
      stream.on('limit', () => fail(tooLargeError()));
      consuming = consume(stream).catch((error: unknown) => {
        stream.resume();
        fail(error);
      });
    });
    parser.on('field', (name, value, info) => {
      if (settled) return;
      if (name === spec.fileField) return fail(uploadError(`The field "${spec.fileField}" must be a file, not a text value`));
      if (!spec.textFields.includes(name)) return fail(uploadError(`Unknown field "${name.slice(0, 60)}"; the form takes "${spec.fileField}" and ${spec.textFields.map((field) => `"${field}"`).join(', ')}`, name.slice(0, 60)));
      if (info.valueTruncated) return fail(new DomainException(413, 'ANONYMIZATION_FIELD_TOO_LARGE', `The field "${name}" is larger than ${spec.maxFieldBytes / (1024 * 1024)} MB`, [{ path: name, message: 'too large' }]));
      if (fields.has(name)) return fail(uploadError(`The field "${name}" is sent twice`, name));
      fields.set(name, value);
    });
    parser.on('filesLimit', () => fail(uploadError('Send one file only')));
    parser.on('partsLimit', () => fail(uploadError('Too many parts in the form')));
    parser.on('fieldsLimit', () => fail(uploadError('Too many fields in the form')));
    parser.on('error', (error: Error) => fail(uploadError(`Malformed multipart body: ${error.message}`)));
    parser.on('close', () => {
      if (settled) return;
      if (!consuming || fileName === null) return fail(uploadError(`No file: send the CSV in the multipart field "${spec.fileField}"`));
      consuming.then(() => {
        if (settled) return;
        settled = true;
        resolve({ fields, fileName: fileName! });
      });
    });
    request.on('close', () => {
      if (!request.complete) fail(uploadError('The upload was interrupted'));
    });
    request.pipe(parser);
  });
}
