import { Injectable, type Provider, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslocoService } from '@jsverse/transloco';
import { LanguageService } from './language.service';

/**
 * MatPaginator's labels ("Elementos por página", "1 – 25 de 40", …) in the active language.
 * Provided by the (lazy) list pages, not at the root: the paginator then stays out of the
 * initial bundle.
 */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService);

  constructor() {
    super();
    this.transloco.langChanges$.pipe(takeUntilDestroyed()).subscribe(() => this.translate());
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    const format = (value: number) => new Intl.NumberFormat(this.language.active()).format(value);
    if (length === 0 || pageSize === 0) return this.transloco.translate('paginator.empty', { length: format(length) });
    const start = page * pageSize;
    const end = Math.min(start + pageSize, length);
    return this.transloco.translate('paginator.range', { start: format(start + 1), end: format(end), length: format(length) });
  };

  private translate(): void {
    const t = (key: string) => this.transloco.translate(key);
    this.itemsPerPageLabel = t('paginator.itemsPerPage');
    this.nextPageLabel = t('paginator.next');
    this.previousPageLabel = t('paginator.previous');
    this.firstPageLabel = t('paginator.first');
    this.lastPageLabel = t('paginator.last');
    this.changes.next();
  }
}

/** For the `providers` of a page with a paginator. */
export function provideTranslatedPaginator(): Provider {
  return { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl };
}
