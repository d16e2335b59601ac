import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ErrorResponse } from '@convenio/contracts';
import type { Request, Response } from 'express';
import { ZodError } from 'zod';
import { DomainException } from './domain.exception';
import { errorBody, validationMessage, zodDetails } from './error-response';

/**
 * The one edge where errors become HTTP answers, always in the error shape
 * `{statusCode, error, message, details?}`. Anything unknown becomes a bare 500 carrying
 * the request id, logged with its stack — never sent to the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    if (response.headersSent) return;
    const retryAfter = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (body.statusCode === 429 && retryAfter) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorResponse {
    if (exception instanceof ZodError) {
      const details = zodDetails(exception, 'body');
      return errorBody(400, validationMessage(details), details);
    }
    if (exception instanceof DomainException) {
      return errorBody(exception.status, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'statusCode' in payload && 'error' in payload && 'message' in payload && typeof payload.message === 'string') {
        return payload as ErrorResponse;
      }
      const message =
        typeof payload === 'string'
          ? payload
          : Array.isArray((payload as { message?: unknown }).message)
            ? ((payload as { message: string[] }).message).join('; ')
            : String((payload as { message?: unknown }).message ?? exception.message);
      return errorBody(status, status >= 500 && status !== 503 ? 'Internal server error' : message);
    }
    return errorBody(500, `Internal server error; quote request id ${String(request.id ?? '-')} when reporting it`, {
      requestId: String(request.id ?? ''),
    });
  }
}
