import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { catchError, throwError } from 'rxjs';
import { normalizeHttpError } from './normalize-error';

/**
 * Every failed request reaches its caller as an HttpErrorResponse whose `error` is an
 * `ErrorResponse` (see @convenio/contracts), so features never parse ad-hoc bodies.
 */
export const errorInterceptor: HttpInterceptorFn = (request, next) =>
  next(request).pipe(
    catchError((error: unknown) => throwError(() => (error instanceof HttpErrorResponse ? normalizeHttpError(error) : error))),
  );
