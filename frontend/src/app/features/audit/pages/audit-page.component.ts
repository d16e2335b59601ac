import { DOCUMENT, DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { AuditEntry, AuditVerification } from '@convenio/contracts';
import { debounceTime, filter } from 'rxjs';
import { AuthzService } from '../../../core/authz/authz.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { PagedList } from '../../../shared/data/paged-list';
import { describeError, type Message } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { TermPipe } from '../../../shared/format/term.pipe';
import { IconComponent } from '../../../shared/icon/icon.component';
import { AuditEntryDetailComponent } from '../components/audit-entry-detail.component';
import { AuditVerifyResultComponent } from '../components/audit-verify-result.component';
import { AuditApi, type AuditFilters, NO_AUDIT_FILTERS } from '../data-access/audit.api';
import { AUDIT_SUBJECT_TYPES, KNOWN_AUDIT_ACTIONS, auditActionKey, dayStartIso } from '../data-access/audit-vocabulary';
import { attachmentName, saveBlob } from '../data-access/save-file';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/auditoria`: the trail, newest first, with filters; verify the chain; export it. */
@Component({
  selector: 'cv-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    TermPipe,
    ControlErrorPipe,
    IconComponent,
    AuditEntryDetailComponent,
    AuditVerifyResultComponent,
  ],
  providers: [provideTranslatedPaginator()],
  templateUrl: './audit-page.component.html',
  styleUrls: ['../../../shared/styles/list-page.scss', './audit-page.component.scss'],
})
export class AuditPageComponent {
  private readonly api = inject(AuditApi);
  private readonly authz = inject(AuthzService);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  protected readonly locale = inject(LanguageService).active;
  protected readonly actions = KNOWN_AUDIT_ACTIONS;
  protected readonly subjectTypes = AUDIT_SUBJECT_TYPES;
  protected readonly actionKey = auditActionKey;
  protected readonly columns = ['at', 'actor', 'action', 'subject', 'requestId', 'expand'];
  protected readonly list = new PagedList<AuditEntry, AuditFilters>((request) => this.api.list(request), NO_AUDIT_FILTERS, 50);
  protected readonly filters = inject(NonNullableFormBuilder).group({
    subjectType: [''],
    subjectId: ['', Validators.maxLength(100)],
    actor: ['', Validators.pattern(UUID)],
    action: [''],
    fromDay: [''],
    toDay: [''],
  });
  protected readonly expanded = signal<string | null>(null);

  protected readonly canVerify = computed(() => this.authz.can('verify', 'AuditEntry'));
  protected readonly canExport = computed(() => this.authz.can('export', 'AuditEntry'));
  protected readonly verifying = signal(false);
  protected readonly verification = signal<AuditVerification | null>(null);
  protected readonly exporting = signal(false);
  /** A failed verification or export (the list has its own error). */
  protected readonly actionError = signal<Message | null>(null);

  constructor() {
    this.filters.valueChanges
      .pipe(
        debounceTime(300),
        filter(() => this.filters.valid),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        const { fromDay, toDay, ...rest } = this.filters.getRawValue();
        this.list.setFilters({ ...rest, from: fromDay ? dayStartIso(fromDay) : '', to: toDay ? dayStartIso(toDay, true) : '' });
      });
    this.list.load();
  }

  protected errorText(): string {
    const error = this.list.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }

  protected page(event: PageEvent): void {
    this.expanded.set(null);
    this.list.setPage(event.pageIndex, event.pageSize);
  }

  protected toggle(entry: AuditEntry): void {
    this.expanded.update((current) => (current === entry.id ? null : entry.id));
  }

  protected verify(): void {
    this.verifying.set(true);
    this.actionError.set(null);
    this.verification.set(null);
    this.api.verify().subscribe({
      next: (result) => {
        this.verification.set(result);
        this.verifying.set(false);
      },
      error: (error: unknown) => {
        this.actionError.set(describeError(toErrorResponse(error)));
        this.verifying.set(false);
      },
    });
  }

  protected export(): void {
    this.exporting.set(true);
    this.actionError.set(null);
    this.api.export().subscribe({
      next: (response) => {
        const fallback = `convenio-audit-${new Date().toISOString().slice(0, 10)}.ndjson`;
        if (response.body) saveBlob(this.document, response.body, attachmentName(response, fallback));
        this.exporting.set(false);
      },
      error: (error: unknown) => {
        this.actionError.set(describeError(toErrorResponse(error)));
        this.exporting.set(false);
      },
    });
  }
}
