import { PROFILE_MAX_BYTES } from '@convenio/contracts';
import { DomainException } from '../../core/errors/domain.exception';
import { ProfilingError } from './engine';

/** Codes of the profiling module's failures (in `details[].code`). */
export const ProfilingFailure = { UploadInvalid: 'UPLOAD_INVALID', TooLarge: 'CSV_TOO_LARGE' } as const;

/** A problem with the upload itself (not multipart, no `file` field...), always on path `file`. */
export function uploadError(message: string): DomainException {
  return new DomainException(400, ProfilingFailure.UploadInvalid, message, [{ path: 'file', message, code: ProfilingFailure.UploadInvalid }]);
}

export function tooLargeError(): DomainException {
  const message = `The file is larger than the limit of ${PROFILE_MAX_BYTES / (1024 * 1024)} MB`;
  return new DomainException(413, ProfilingFailure.TooLarge, message, [{ path: 'file', message, code: ProfilingFailure.TooLarge }]);
}

/**
 * The engine's ProfilingError as the project's error shape: 413 for the size limit, else 400
 * with the line in the path (`file.line.57`) when the problem is on a line.
 */
export function toDomainException(error: ProfilingError): DomainException {
  if (error.code === 'TOO_LARGE') return tooLargeError();
  const path = error.line === undefined ? 'file' : `file.line.${error.line}`;
  const code = `CSV_${error.code}`;
  return new DomainException(400, code, error.message, [{ path, message: error.message, code }]);
}
