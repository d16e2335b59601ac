import { DestroyRef, type WritableSignal, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ErrorResponse, Page } from '@convenio/contracts';
import { type Observable, Subject, catchError, map, of, switchMap, tap } from 'rxjs';
import { toErrorResponse } from '../../core/http/normalize-error';

export interface PageRequest<F> {
  readonly filters: F;
  readonly page: number;
  readonly pageSize: number;
}

type Outcome<T> = { readonly page: Page<T> } | { readonly error: ErrorResponse };

/**
 * One paginated, filtered list for a page: filters and page position as signals, one request
 * at a time (a newer request cancels the older), the last answer or error kept.
 * Create it in an injection context (a component field): it stops with its component.
 */
export class PagedList<T, F extends object> {
  private readonly requests = new Subject<PageRequest<F>>();
  private readonly state = signal<{ items: T[]; total: number; error: ErrorResponse | null; loading: boolean; loaded: boolean }>({
    items: [],
    total: 0,
    error: null,
    loading: false,
    loaded: false,
  });
  private readonly request: WritableSignal<PageRequest<F>>;

  readonly items = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly error = computed(() => this.state().error);
  readonly loading = computed(() => this.state().loading);
  /** True once an answer (or error) arrived: "no results" is only said after one. */
  readonly loaded = computed(() => this.state().loaded);
  readonly filters = computed(() => this.request().filters);
  /** 1-based, like the API. */
  readonly page = computed(() => this.request().page);
  readonly pageSize = computed(() => this.request().pageSize);

  constructor(
    fetch: (request: PageRequest<F>) => Observable<Page<T>>,
    initialFilters: F,
    initialPageSize = 25,
  ) {
    this.request = signal<PageRequest<F>>({ filters: initialFilters, page: 1, pageSize: initialPageSize });
    this.requests
      .pipe(
        tap(() => this.state.update((state) => ({ ...state, loading: true }))),
        switchMap((request) =>
          fetch(request).pipe(
            map((page): Outcome<T> => ({ page })),
            catchError((error: unknown) => of<Outcome<T>>({ error: toErrorResponse(error) })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((outcome) =>
        this.state.set(
          'page' in outcome
            ? { items: outcome.page.items, total: outcome.page.total, error: null, loading: false, loaded: true }
            : { items: [], total: 0, error: outcome.error, loading: false, loaded: true },
        ),
      );
  }

  /** New filters start again at page 1. */
  setFilters(filters: F): void {
    this.request.update((request) => ({ ...request, filters, page: 1 }));
    this.load();
  }

  /** `pageIndex` is 0-based (MatPaginator's). */
  setPage(pageIndex: number, pageSize: number): void {
    this.request.update((request) => ({ ...request, page: pageIndex + 1, pageSize }));
    this.load();
  }

  load(): void {
    this.requests.next(this.request());
  }

  /** Replaces one row in place (after an edit), without asking the server again. */
  replace(matches: (item: T) => boolean, item: T): void {
    this.state.update((state) => ({ ...state, items: state.items.map((current) => (matches(current) ? item : current)) }));
  }
}
