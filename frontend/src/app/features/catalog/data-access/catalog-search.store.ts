import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { DatasetSearchResult, ErrorResponse, FacetCount } from '@convenio/contracts';
import { Subject, catchError, map, of, switchMap } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { CatalogApi } from './catalog.api';
import { type CatalogQuery, DEFAULT_CATALOG_QUERY, type FacetName, sameQuery } from './catalog-query';

type Outcome = { readonly result: DatasetSearchResult } | { readonly error: ErrorResponse };

/** One facet as the page shows it: its values with counts, the checked one first kept even at 0. */
export interface FacetView {
  readonly name: FacetName;
  readonly values: readonly FacetCount[];
}

const FACET_KEYS: Record<FacetName, keyof DatasetSearchResult['facets']> = {
  theme: 'themes',
  owner: 'owners',
  sensitivity: 'sensitivities',
  geoLevel: 'geoLevels',
};

/**
 * The catalog search of one page: the query (as the URL says it), the last answer and its
 * facets. A newer query cancels the older request. Provide it in the page.
 */
@Injectable()
export class CatalogSearchStore {
  private readonly api = inject(CatalogApi);
  private readonly queries = new Subject<CatalogQuery>();
  private readonly currentQuery = signal<CatalogQuery>(DEFAULT_CATALOG_QUERY);
  private readonly state = signal<{ result: DatasetSearchResult | null; error: ErrorResponse | null; loading: boolean }>({ result: null, error: null, loading: false });
  private started = false;

  readonly query = this.currentQuery.asReadonly();
  readonly result = computed(() => this.state().result);
  readonly error = computed(() => this.state().error);
  readonly loading = computed(() => this.state().loading);
  readonly items = computed(() => this.state().result?.items ?? []);
  readonly total = computed(() => this.state().result?.total ?? 0);
  /** Said only after an answer: "no datasets match". */
  readonly empty = computed(() => !this.state().loading && this.state().result !== null && this.state().result!.items.length === 0);
  readonly facets = computed<FacetView[]>(() => {
    const facets = this.state().result?.facets;
    const query = this.currentQuery();
    return (Object.keys(FACET_KEYS) as FacetName[]).map((name) => {
      const values = facets?.[FACET_KEYS[name]] ?? [];
      const checked = query[name];
      const withChecked = checked && !values.some((value) => value.value === checked) ? [{ value: checked, count: 0 }, ...values] : values;
      return { name, values: withChecked };
    });
  });

  constructor() {
    this.queries
      .pipe(
        switchMap((query) =>
          this.api.search(query).pipe(
            map((result): Outcome => ({ result })),
            catchError((error: unknown) => of<Outcome>({ error: toErrorResponse(error) })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((outcome) =>
        this.state.set('result' in outcome ? { result: outcome.result, error: null, loading: false } : { result: null, error: outcome.error, loading: false }),
      );
  }

  /** Searches `query` unless it is the one already shown (or being fetched). */
  load(query: CatalogQuery): void {
    if (this.started && sameQuery(query, this.currentQuery())) return;
    this.started = true;
    this.currentQuery.set(query);
    this.state.update((state) => ({ ...state, loading: true }));
    this.queries.next(query);
  }

  /** Asks again for the current query (after an error). */
  reload(): void {
    this.started = false;
    this.load(this.currentQuery());
  }
}
