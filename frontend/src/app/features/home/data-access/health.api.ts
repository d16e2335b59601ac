import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, catchError, map, of } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { type HealthResult, fromReport, readHealthReport } from './health-result';

export const HEALTH_URL = '/api/health';

/**
 * GET /api/health, never failing: 200 → the report; 503 → the report from `error.details`;
 * anything else (no answer, proxy error, unexpected body) → unreachable.
 */
@Injectable({ providedIn: 'root' })
export class HealthApi {
  private readonly http = inject(HttpClient);

  check(): Observable<HealthResult> {
    return this.http.get<unknown>(HEALTH_URL).pipe(
      map((body): HealthResult => {
        const report = readHealthReport(body);
        return report
          ? fromReport(report)
          : { kind: 'unreachable', error: { statusCode: 200, error: 'Unexpected Body', message: 'The health answer is not a report' } };
      }),
      catchError((error: unknown) => {
        const body = toErrorResponse(error);
        const report = error instanceof HttpErrorResponse && error.status === 503 ? readHealthReport(body.details) : null;
        return of<HealthResult>(report ? fromReport(report) : { kind: 'unreachable', error: body });
      }),
    );
  }
}
