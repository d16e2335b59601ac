import { ANONYMIZATION_MAX_UPLOAD_BYTES, type ErrorDetail } from '@convenio/contracts';
import { DomainException } from '../../core/errors/domain.exception';
import type { AnonymizationError } from './engine';

export enum AnonymizationFailure {
  UploadInvalid = 'ANONYMIZATION_UPLOAD_INVALID',
  TooLarge = 'ANONYMIZATION_FILE_TOO_LARGE',
  JobNotFound = 'ANONYMIZATION_JOB_NOT_FOUND',
  JobNotCompleted = 'ANONYMIZATION_JOB_NOT_COMPLETED',
  JobFinished = 'ANONYMIZATION_JOB_FINISHED',
  JobNotFinished = 'ANONYMIZATION_JOB_NOT_FINISHED',
  DatasetNotFound = 'DATASET_NOT_FOUND',
}

/** A problem with the form itself (not multipart, a part missing or doubled), on the part's path. */
export function uploadError(message: string, path = 'file'): DomainException {
  return new DomainException(400, AnonymizationFailure.UploadInvalid, message, [{ path, message }]);
}

export function tooLargeError(): DomainException {
  const message = `The file is larger than the limit of ${ANONYMIZATION_MAX_UPLOAD_BYTES / (1024 * 1024)} MB`;
  return new DomainException(413, AnonymizationFailure.TooLarge, message, [{ path: 'file', message }]);
}

export function fieldTooLargeError(name: string, maxBytes: number): DomainException {
  return new DomainException(413, 'ANONYMIZATION_FIELD_TOO_LARGE', `The field "${name}" is larger than ${maxBytes / (1024 * 1024)} MB`, [{ path: name, message: 'too large' }]);
}

export const jobNotFound = (id: string) => new DomainException(404, AnonymizationFailure.JobNotFound, `Anonymization job ${id} not found`);

/**
 * The engine's bad-input error as a 400: each problem keeps its path (`policy.k`, a column
 * name, `file`) and, for data, the CSV line (`line`, 1-based, the header being line 1).
 */
export function fromEngineError(error: AnonymizationError): DomainException {
  const details: ErrorDetail[] = error.problems.map((problem) => ({ path: problem.path, message: problem.message, ...(problem.line === undefined ? {} : { line: problem.line }), code: error.code }));
  return new DomainException(400, `ANONYMIZATION_${error.code}`, error.message, details.length > 0 ? details : [{ path: 'file', message: error.message }]);
}
