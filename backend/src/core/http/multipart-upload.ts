import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { lingerBeforeClose } from './lingering-close';

/** How a module words the failures of its upload form (its codes, its paths). */
export interface MultipartErrors {
  /** The form itself is wrong (not multipart, a part missing, doubled or unknown); `path` names the part. */
  upload(message: string, path?: string): Error;
  /** The file is over `maxFileBytes`. */
  tooLarge(): Error;
  /** A text field is over `maxFieldBytes`. */
  fieldTooLarge(name: string): Error;
}

export interface MultipartSpec {
  fileField: string;
  /** The largest file accepted, in bytes (a file of exactly this size passes). */
  maxFileBytes: number;
  /** Room for the envelope and the text fields on top of the file: a larger declared Content-Length is refused before reading. */
  envelopeBytes: number;
  /**
   * The text fields the form takes. `refuse` (the default): any other field is a 400 naming it,
   * so a typo is not silently ignored; `ignore`: other fields are skipped (their names are
   * listed when the file is missing).
   */
  textFields: readonly string[];
  otherFields?: 'refuse' | 'ignore';
  /** How many text fields at most, when others are ignored (otherwise `textFields.length`). */
  maxTextFields?: number;
  maxFieldBytes: number;
  errors: MultipartErrors;
}

export interface ReceivedMultipart {
  fields: Map<string, string>;
  fileName: string;
  mimeType: string;
}

/**
 * Reads a multipart form with one file, handing the file's stream to `consume` as it arrives
 * (consume must read it to its end; what it rejects with is the answer) and collecting the
 * text fields. Settles after the form and `consume` are both done. Bad forms answer the spec's
 * upload error naming the part; a file over the limit its too-large error — early, while the
 * client may still be sending (the rest is drained, see lingerBeforeClose).
 */
export function receiveMultipart(request: Request, spec: MultipartSpec, consume: (file: Readable) => Promise<void>): Promise<ReceivedMultipart> {
  const { errors } = spec;
  const refuseOthers = (spec.otherFields ?? 'refuse') === 'refuse';
  const maxTextFields = refuseOthers ? spec.textFields.length : (spec.maxTextFields ?? spec.textFields.length);
  return new Promise<ReceivedMultipart>((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > spec.maxFileBytes + spec.envelopeBytes) {
      lingerBeforeClose(request.socket);
      request.resume();
      reject(errors.tooLarge());
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        // busboy counts a limit as reached when the count equals it: one more than allowed, so the last allowed file byte, field and part pass.
        limits: { files: 1, fileSize: spec.maxFileBytes + 1, fields: maxTextFields + 1, parts: maxTextFields + 2, fieldSize: spec.maxFieldBytes },
      });
    } catch {
      request.resume();
      reject(errors.upload(`Send the form as multipart/form-data with the CSV in the field "${spec.fileField}"`));
      return;
    }

    let settled = false;
    const fields = new Map<string, string>();
    const others: string[] = [];
    let file: { name: string; mimeType: string } | null = null;
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
        return fail(errors.upload(`The CSV must be in the multipart field "${spec.fileField}", not "${name.slice(0, 60)}"`));
      }
      file = { name: (info.filename || 'data.csv').slice(0, 255), mimeType: info.mimeType };
      stream.on('limit', () => fail(errors.tooLarge()));
      consuming = consume(stream).catch((error: unknown) => {
        stream.resume();
        fail(error);
      });
    });
    parser.on('field', (name, value, info) => {
      if (settled) return;
      if (name === spec.fileField) return fail(errors.upload(`The field "${spec.fileField}" must be a file, not a text value`));
      if (!spec.textFields.includes(name)) {
        if (!refuseOthers) return void others.push(name.slice(0, 60));
        return fail(errors.upload(`Unknown field "${name.slice(0, 60)}"; the form takes "${spec.fileField}" and ${spec.textFields.map((field) => `"${field}"`).join(', ')}`, name.slice(0, 60)));
      }
      if (info.valueTruncated) return fail(errors.fieldTooLarge(name));
      if (fields.has(name)) return fail(errors.upload(`The field "${name}" is sent twice`, name));
      fields.set(name, value);
    });
    parser.on('filesLimit', () => fail(errors.upload('Send one file only')));
    parser.on('partsLimit', () => fail(errors.upload('Too many parts in the form')));
    parser.on('fieldsLimit', () => fail(errors.upload('Too many fields in the form')));
    parser.on('error', (error: Error) => fail(errors.upload(`Malformed multipart body: ${error.message}`)));
    parser.on('close', () => {
      if (settled) return;
      if (!consuming || file === null) {
        const got = others.length > 0 ? `; got ${others.map((part) => `"${part}"`).join(', ')}` : '';
        return fail(errors.upload(`No file: send the CSV in the multipart field "${spec.fileField}"${got}`));
      }
      consuming.then(() => {
        if (settled) return;
        settled = true;
        resolve({ fields, fileName: file!.name, mimeType: file!.mimeType });
      });
    });
    request.on('close', () => {
      if (!request.complete) fail(errors.upload('The upload was interrupted'));
    });
    request.pipe(parser);
  });
}
