import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { AGREEMENT_STATES, type Agreement, type AgreementState, type Organization } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { PagedList } from '../../../shared/data/paged-list';
import { describeError } from '../../../shared/errors/describe-error';
import { IconComponent } from '../../../shared/icon/icon.component';
import { AgreementStateChipComponent } from '../components/agreement-state-chip.component';
import { AgreementPermissions } from '../data-access/agreement-permissions';
import { type AgreementListFilters, AgreementsApi, NO_AGREEMENT_FILTERS } from '../data-access/agreements.api';

const SEARCH_DEBOUNCE_MS = 400;

/**
 * `/convenios`: the agreements the caller may read (the API filters: a partner sees those where
 * its organization is a party), by state, party and text.
 */
@Component({
  selector: 'cv-agreements-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    IconComponent,
    AgreementStateChipComponent,
  ],
  providers: [provideTranslatedPaginator()],
  templateUrl: './agreements-page.component.html',
  styleUrl: '../../../shared/styles/list-page.scss',
})
export class AgreementsPageComponent {
  private readonly api = inject(AgreementsApi);
  private readonly transloco = inject(TranslocoService);
  private readonly permissions = inject(AgreementPermissions);
  protected readonly locale = inject(LanguageService).active;
  protected readonly states = AGREEMENT_STATES;
  protected readonly columns = ['reference', 'parties', 'state', 'version', 'dates'];
  protected readonly list = new PagedList<Agreement, AgreementListFilters>((request) => this.api.list(request), NO_AGREEMENT_FILTERS);
  protected readonly organizations = signal<Organization[]>([]);
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly canCreate = computed(() => this.permissions.canCreate());
  protected readonly errorText = computed(() => {
    const error = this.list.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  });

  constructor() {
    this.list.load();
    // The party filter lists organizations the caller may read; without them it stays empty.
    this.api.organizations().subscribe({ next: (page) => this.organizations.set(page.items), error: () => this.organizations.set([]) });
    this.search.valueChanges.pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed()).subscribe((q) => {
      if (q !== this.list.filters().q) this.filter({ q });
    });
  }

  protected filter(change: Partial<AgreementListFilters>): void {
    this.list.setFilters({ ...this.list.filters(), ...change });
  }

  protected setState(state: AgreementState | null): void {
    this.filter({ state });
  }

  protected setParty(party: string | null): void {
    this.filter({ party });
  }

  protected page(event: PageEvent): void {
    this.list.setPage(event.pageIndex, event.pageSize);
  }
}
