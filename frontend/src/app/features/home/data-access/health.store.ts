import { DestroyRef, Injectable, InjectionToken, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subject, interval, startWith, switchMap, tap } from 'rxjs';
import { HealthApi } from './health.api';
import type { HealthResult } from './health-result';

/** How often the home page asks again (30 s; tests shorten it). */
export const HEALTH_REFRESH_INTERVAL_MS = new InjectionToken<number>('HEALTH_REFRESH_INTERVAL_MS', {
  providedIn: 'root',
  factory: () => 30_000,
});

/**
 * The system health for one page: checks at once, then on a timer and on demand (a manual
 * refresh restarts the timer). Provide it in the page: polling stops when the page is destroyed.
 */
@Injectable()
export class HealthStore {
  private readonly api = inject(HealthApi);
  private readonly refreshes = new Subject<void>();
  private readonly state = signal<HealthResult | null>(null);
  private readonly busy = signal(true);
  private readonly lastCheck = signal<Date | null>(null);

  readonly intervalMs = inject(HEALTH_REFRESH_INTERVAL_MS);
  /** The last answer (kept while a new check runs), or null before the first one. */
  readonly result = this.state.asReadonly();
  readonly loading = this.busy.asReadonly();
  readonly checkedAt = this.lastCheck.asReadonly();

  constructor() {
    this.refreshes
      .pipe(
        startWith(undefined),
        switchMap(() => interval(this.intervalMs).pipe(startWith(-1))),
        tap(() => this.busy.set(true)),
        switchMap(() => this.api.check()),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((result) => {
        this.state.set(result);
        this.lastCheck.set(new Date());
        this.busy.set(false);
      });
  }

  refresh(): void {
    this.refreshes.next();
  }
}
