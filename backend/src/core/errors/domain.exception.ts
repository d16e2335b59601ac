import type { ErrorDetail } from '@convenio/contracts';

/**
 * A business-rule failure raised by services. Each module gives it a code from its own
 * enum; the global filter maps the HTTP status and keeps the error shape.
 */
export class DomainException extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 422 | 429,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
  ) {
    super(message);
  }
}
