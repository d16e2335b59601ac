import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Dataset } from '@convenio/contracts';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { PagedList } from '../../../shared/data/paged-list';
import { describeError } from '../../../shared/errors/describe-error';
import { IconComponent } from '../../../shared/icon/icon.component';
import { DCAT_URL, PUBLIC_CSV_URL, PUBLIC_JSON_URL, PublicCatalogApi } from '../data-access/public-catalog.api';

/**
 * `/datos-abiertos`: the open catalog, without signing in. Downloads for "miners" (the whole
 * catalog as CSV, JSON or DCAT JSON-LD for harvesters) and a plain list for "tourists".
 */
@Component({
  selector: 'cv-public-catalog-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatPaginatorModule, MatProgressBarModule, TranslocoPipe, IconComponent],
  providers: [provideTranslatedPaginator()],
  templateUrl: './public-catalog-page.component.html',
  styleUrl: './public-catalog-page.component.scss',
})
export class PublicCatalogPageComponent {
  private readonly api = inject(PublicCatalogApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly csvUrl = PUBLIC_CSV_URL;
  protected readonly jsonUrl = PUBLIC_JSON_URL;
  protected readonly dcatUrl = DCAT_URL;
  protected readonly list = new PagedList<Dataset, object>((request) => this.api.list(request), {}, 20);
  protected readonly errorText = computed(() => {
    const error = this.list.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  });

  constructor() {
    this.list.load();
  }

  protected title(dataset: Dataset): string {
    return this.locale() === 'en' && dataset.titleEn ? dataset.titleEn : dataset.title;
  }

  protected description(dataset: Dataset): string {
    return this.locale() === 'en' && dataset.descriptionEn ? dataset.descriptionEn : dataset.description;
  }

  protected page(event: PageEvent): void {
    this.list.setPage(event.pageIndex, event.pageSize);
  }
}
