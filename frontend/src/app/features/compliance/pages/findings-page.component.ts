import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { COMPLIANCE_RULES, type ComplianceFinding, type ErrorResponse, FINDING_SEVERITIES, FINDING_STATUSES, type Page } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { catchError, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { describeError } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { ComplianceRecheckComponent } from '../components/compliance-recheck.component';
import { FindingSeverityComponent } from '../components/finding-severity.component';
import { FindingSummaryComponent } from '../components/finding-summary.component';
import { FindingStatusComponent } from '../components/finding-status.component';
import { ComplianceApi } from '../data-access/compliance.api';
import { CompliancePermissions } from '../data-access/compliance-permissions';
import { shortId } from '../data-access/finding-format';
import {
  DEFAULT_FINDING_QUERY,
  FINDING_PAGE_SIZES,
  type FindingFilterName,
  type FindingQuery,
  UUID_PATTERN,
  findingQueryParams,
  isFiltered,
  parseFindingQuery,
  sameFindingQuery,
  withFilter,
} from '../data-access/finding-query';

type Outcome = { readonly page: Page<ComplianceFinding> } | { readonly error: ErrorResponse };

/**
 * `/cumplimiento`: the findings of the compliance checks on lineage, newest first, filtered by
 * status, severity, rule and agreement. The filters and the page live in the URL (shareable,
 * back and forward work); each row opens the finding.
 */
@Component({
  selector: 'cv-findings-page',
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
    ControlErrorPipe,
    ComplianceRecheckComponent,
    FindingSeverityComponent,
    FindingSummaryComponent,
    FindingStatusComponent,
  ],
  providers: [provideTranslatedPaginator()],
  templateUrl: './findings-page.component.html',
  styleUrl: '../../../shared/styles/list-page.scss',
  styles: `
    .lead { margin: 0; }
    .summary { max-width: 28rem; }
    .rule a { font-weight: 500; }
  `,
})
export class FindingsPageComponent {
  private readonly api = inject(ComplianceApi);
  private readonly permissions = inject(CompliancePermissions);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly statuses = FINDING_STATUSES;
  protected readonly severities = FINDING_SEVERITIES;
  protected readonly rules = COMPLIANCE_RULES;
  protected readonly pageSizes = [...FINDING_PAGE_SIZES];
  protected readonly columns = ['severity', 'rule', 'summary', 'agreement', 'run', 'eventTime', 'status'];
  protected readonly shortId = shortId;
  protected readonly agreement = new FormControl('', { nonNullable: true, validators: [Validators.pattern(UUID_PATTERN)] });

  protected readonly canRecheck = computed(() => this.permissions.canUpdate());
  protected readonly query = signal<FindingQuery>(DEFAULT_FINDING_QUERY);
  private readonly state = signal<{ page: Page<ComplianceFinding> | null; error: ErrorResponse | null; loading: boolean }>({ page: null, error: null, loading: true });
  protected readonly items = computed(() => this.state().page?.items ?? []);
  protected readonly total = computed(() => this.state().page?.total ?? 0);
  protected readonly loading = computed(() => this.state().loading);
  protected readonly empty = computed(() => !this.state().loading && !this.state().error && this.state().page !== null && this.items().length === 0);
  protected readonly filtered = computed(() => isFiltered(this.query()));
  protected readonly errorText = computed(() => {
    const error = this.state().error;
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  });

  constructor() {
    this.route.queryParams
      .pipe(
        map(parseFindingQuery),
        distinctUntilChanged(sameFindingQuery),
        tap((query) => {
          this.query.set(query);
          if (this.agreement.value !== (query.agreementId ?? '')) this.agreement.setValue(query.agreementId ?? '');
          this.state.update((state) => ({ ...state, loading: true }));
        }),
        switchMap((query) =>
          this.api.list(query).pipe(
            map((page): Outcome => ({ page })),
            catchError((error: unknown) => of<Outcome>({ error: toErrorResponse(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((outcome) =>
        this.state.set('page' in outcome ? { page: outcome.page, error: null, loading: false } : { page: null, error: outcome.error, loading: false }),
      );
  }

  protected setFilter<K extends Exclude<FindingFilterName, 'agreementId'>>(name: K, value: FindingQuery[K]): void {
    this.go(withFilter(this.query(), name, value));
  }

  /** Enter or leaving the field: filters by a complete agreement id (or none when emptied). */
  protected applyAgreement(): void {
    const value = this.agreement.value.trim();
    if (value !== '' && !UUID_PATTERN.test(value)) {
      this.agreement.markAsTouched();
      return;
    }
    const agreementId = value === '' ? null : value.toLowerCase();
    if (agreementId === this.query().agreementId) return;
    this.go(withFilter(this.query(), 'agreementId', agreementId));
  }

  protected clear(): void {
    this.agreement.setValue('');
    this.go({ ...DEFAULT_FINDING_QUERY, pageSize: this.query().pageSize });
  }

  protected page(event: PageEvent): void {
    this.go({ ...this.query(), page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  private go(query: FindingQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: findingQueryParams(query) });
  }
}
