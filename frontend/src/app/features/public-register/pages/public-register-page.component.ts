import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { PublicAgreement } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { PagedList } from '../../../shared/data/paged-list';
import { describeError } from '../../../shared/errors/describe-error';
import { AgreementStateChipComponent } from '../../agreements/components/agreement-state-chip.component';
import { PublicRegisterApi, type RegisterFilters } from '../data-access/public-register.api';

const SEARCH_DEBOUNCE_MS = 400;

/**
 * `/registro-de-convenios`, without signing in: who shares which data with whom, for what and
 * on what legal basis, over which dates — the transparency side of the agreements.
 */
@Component({
  selector: 'cv-public-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatPaginatorModule, MatProgressBarModule, TranslocoPipe, AgreementStateChipComponent],
  providers: [provideTranslatedPaginator()],
  templateUrl: './public-register-page.component.html',
  styleUrl: './public-register-page.component.scss',
})
export class PublicRegisterPageComponent {
  private readonly api = inject(PublicRegisterApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly list = new PagedList<PublicAgreement, RegisterFilters>((request) => this.api.list(request), { q: '' }, 20);
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly errorText = computed(() => {
    const error = this.list.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  });

  constructor() {
    this.list.load();
    this.search.valueChanges.pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed()).subscribe(() => this.searchNow());
  }

  /** Enter searches at once; the pause after typing does the same, once. */
  protected searchNow(event?: Event): void {
    event?.preventDefault();
    if (this.search.value !== this.list.filters().q) this.list.setFilters({ q: this.search.value });
  }

  protected page(event: PageEvent): void {
    this.list.setPage(event.pageIndex, event.pageSize);
  }
}
