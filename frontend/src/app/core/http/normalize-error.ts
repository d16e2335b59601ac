import { HttpErrorResponse } from '@angular/common/http';
import { type ErrorResponse, isErrorResponse } from '@convenio/contracts';

/** `statusCode` of the normalised error when no HTTP answer arrived (offline, refused, CORS). */
export const NETWORK_ERROR_STATUS = 0;

/**
 * Any failure as the project's error shape: the API's own body when it sent one, otherwise
 * a body built from the status (proxy pages, HTML, network failures).
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (!(error instanceof HttpErrorResponse)) {
    return { statusCode: 500, error: 'Client Error', message: error instanceof Error ? error.message : String(error) };
  }
  if (isErrorResponse(error.error)) return error.error;
  if (error.status === NETWORK_ERROR_STATUS) {
    return { statusCode: NETWORK_ERROR_STATUS, error: 'Network Error', message: error.message };
  }
  return { statusCode: error.status, error: error.statusText || 'Error', message: error.message };
}

/** The same HttpErrorResponse, with `error` (the body) guaranteed to be an `ErrorResponse`. */
export function normalizeHttpError(error: HttpErrorResponse): HttpErrorResponse {
  return new HttpErrorResponse({
    error: toErrorResponse(error),
    headers: error.headers,
    status: error.status,
    statusText: error.statusText,
    url: error.url ?? undefined,
  });
}
