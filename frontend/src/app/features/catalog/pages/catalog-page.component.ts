import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { describeError } from '../../../shared/errors/describe-error';
import { IconComponent } from '../../../shared/icon/icon.component';
import { DatasetCardComponent } from '../components/dataset-card.component';
import { FacetPanelComponent } from '../components/facet-panel.component';
import { CatalogPermissions } from '../data-access/catalog-permissions';
import { CATALOG_PAGE_SIZES, type CatalogQuery, DEFAULT_CATALOG_QUERY, type FacetName, catalogQueryParams, parseCatalogQuery, toggleFacet } from '../data-access/catalog-query';
import { CatalogSearchStore } from '../data-access/catalog-search.store';

/** How long typing pauses before the search runs (Enter runs it at once). */
export const SEARCH_DEBOUNCE_MS = 400;
const WIDE_LAYOUT = '(min-width: 900px)';

/**
 * `/catalogo`: full-text search with facets over the datasets one may read. The URL holds the
 * search (`?q=&theme=&page=`): the page reads it, and every change is a navigation, so a search
 * can be shared, bookmarked and walked back with the browser's history.
 */
@Component({
  selector: 'cv-catalog-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslocoPipe,
    IconComponent,
    DatasetCardComponent,
    FacetPanelComponent,
  ],
  providers: [CatalogSearchStore, provideTranslatedPaginator()],
  templateUrl: './catalog-page.component.html',
  styleUrl: './catalog-page.component.scss',
})
export class CatalogPageComponent {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly transloco = inject(TranslocoService);
  private readonly permissions = inject(CatalogPermissions);
  protected readonly store = inject(CatalogSearchStore);
  protected readonly pageSizes = CATALOG_PAGE_SIZES;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly canCreate = computed(() => this.permissions.canCreate());
  /** Facets start open beside the results on wide screens, folded on phones. */
  protected readonly wide = toSignal(inject(BreakpointObserver).observe(WIDE_LAYOUT).pipe(map((state) => state.matches)), { initialValue: true });
  protected readonly filtered = computed(() => {
    const query = this.store.query();
    return query.q.trim() !== '' || query.theme !== null || query.owner !== null || query.sensitivity !== null || query.geoLevel !== null;
  });
  protected readonly errorText = computed(() => {
    const error = this.store.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  });

  constructor() {
    this.route.queryParams.pipe(map(parseCatalogQuery), takeUntilDestroyed()).subscribe((query) => {
      if (this.search.value !== query.q) this.search.setValue(query.q, { emitEvent: false });
      this.store.load(query);
    });
    this.search.valueChanges
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe(() => this.searchNow());
  }

  /** Enter (or the search button): search at once. */
  protected searchNow(event?: Event): void {
    event?.preventDefault();
    const q = this.search.value;
    if (q.trim() === this.store.query().q.trim()) return;
    this.go({ ...this.store.query(), q, page: 1 });
  }

  protected toggle(name: FacetName, value: string): void {
    this.go(toggleFacet(this.store.query(), name, value));
  }

  protected page(event: PageEvent): void {
    this.go({ ...this.store.query(), page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected clear(): void {
    this.search.setValue('', { emitEvent: false });
    this.go(DEFAULT_CATALOG_QUERY);
  }

  private go(query: CatalogQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: catalogQueryParams(query) });
  }
}
