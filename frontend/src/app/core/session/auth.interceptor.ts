import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { TOKEN_ENDPOINTS } from './session.api';
import { SessionService } from './session.service';

const withBearer = <T>(request: HttpRequest<T>, token: string): HttpRequest<T> =>
  request.clone({ setHeaders: { Authorization: `Bearer ${token}` } });

/** The path of a request to this portal's own origin, or null for another site. */
function ownPath(url: string, origin: string): string | null {
  try {
    const parsed = new URL(url, `${origin}/`);
    return parsed.origin === origin ? parsed.pathname : null;
  } catch {
    return null;
  }
}

/**
 * Adds `Authorization: Bearer <access token>` to the API calls (same origin, `/api/…`) of a
 * signed-in person; never to another site, to login/refresh/logout, or to a request that sets
 * its own header. A 401 answer is retried once with a renewed token; concurrent 401s share one
 * refresh (SessionService). When the refresh is refused the session service signs out and the
 * caller gets the original 401.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const path = ownPath(request.url, inject(DOCUMENT).location.origin);
  if (!path?.startsWith('/api/') || TOKEN_ENDPOINTS.includes(path) || request.headers.has('Authorization')) return next(request);
  const session = inject(SessionService);
  const token = session.accessToken();
  if (!token) return next(request);
  return next(withBearer(request, token)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      return from(session.tokenAfterRejection(token)).pipe(
        catchError(() => throwError(() => error)),
        switchMap((fresh) => next(withBearer(request, fresh))),
      );
    }),
  );
};
