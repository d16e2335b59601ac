import { STATUS_CODES } from 'node:http';
import type { ErrorDetail, ErrorResponse } from '@convenio/contracts';
import type { ZodError } from 'zod';

export function errorBody(
  statusCode: number,
  message: string,
  details?: ErrorResponse['details'],
): ErrorResponse {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details === undefined ? {} : { details }),
  };
}

/** Turns zod issues into details whose paths name the field (e.g. `body.email`). */
export function zodDetails(error: ZodError, location: string): ErrorDetail[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
    const base = [location, ...issue.path.map(String)].join('.');
    if (keys.length > 0) {
      return { path: keys.map((key) => `${base}.${key}`).join(', '), message: `unknown field${keys.length > 1 ? 's' : ''} not allowed`, code: issue.code };
    }
    return { path: base, message: issue.message, code: issue.code };
  });
}

/** One sentence naming each problem, e.g. "Invalid request: body.email: Invalid email". */
export function validationMessage(details: ErrorDetail[]): string {
  return `Invalid request: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`;
}
