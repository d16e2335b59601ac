import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ORGANIZATION_SECTORS, type Organization } from '@convenio/contracts';
import { debounceTime, filter, switchMap } from 'rxjs';
import { AuthzService } from '../../../core/authz/authz.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { SessionService } from '../../../core/session/session.service';
import { PagedList } from '../../../shared/data/paged-list';
import { confirmAction } from '../../../shared/dialog/confirm-dialog.component';
import { describeError } from '../../../shared/errors/describe-error';
import { stateName } from '../../../shared/geo/mexican-states';
import { IconComponent } from '../../../shared/icon/icon.component';
import { OrganizationFormDialogComponent, type OrganizationFormData } from '../components/organization-form-dialog.component';
import { NO_ORGANIZATION_FILTERS, type OrganizationFilters, OrganizationsApi } from '../data-access/organizations.api';

/** `/organizaciones`: everyone reads (the public: active ones, no contacts); the admin edits. */
@Component({
  selector: 'cv-organizations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatProgressBarModule,
    MatTooltipModule,
    TranslocoPipe,
    IconComponent,
  ],
  providers: [provideTranslatedPaginator()],
  templateUrl: './organizations-page.component.html',
  styleUrl: '../../../shared/styles/list-page.scss',
})
export class OrganizationsPageComponent {
  private readonly api = inject(OrganizationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly authz = inject(AuthzService);
  protected readonly signedIn = inject(SessionService).signedIn;
  protected readonly locale = inject(LanguageService).active;
  protected readonly sectors = ORGANIZATION_SECTORS;
  protected readonly stateName = stateName;
  protected readonly list = new PagedList<Organization, OrganizationFilters>((request) => this.api.list(request), NO_ORGANIZATION_FILTERS);
  protected readonly filters = inject(NonNullableFormBuilder).group({ q: [''], sector: [''], active: [''] });

  protected readonly canCreate = computed(() => this.authz.can('create', 'Organization'));
  protected readonly canUpdate = computed(() => this.authz.can('update', 'Organization'));
  protected readonly columns = computed(() => [
    'name',
    'sector',
    'rfc',
    'state',
    ...(this.signedIn() ? ['contact', 'status'] : []),
    ...(this.canUpdate() ? ['actions'] : []),
  ]);

  constructor() {
    this.filters.valueChanges.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => this.list.setFilters(this.filters.getRawValue() as OrganizationFilters));
    this.list.load();
  }

  protected errorText(): string {
    const error = this.list.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }

  protected page(event: PageEvent): void {
    this.list.setPage(event.pageIndex, event.pageSize);
  }

  protected create(): void {
    this.openForm({});
  }

  protected edit(organization: Organization): void {
    this.openForm({ organization });
  }

  protected setActive(organization: Organization, active: boolean): void {
    const verb = active ? 'reactivate' : 'deactivate';
    confirmAction(this.dialog, {
      titleKey: `organizations.confirm.${verb}Title`,
      messageKey: `organizations.confirm.${verb}Message`,
      confirmKey: `organizations.actions.${verb}`,
      params: { name: organization.name },
      danger: !active,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.update(organization.id, { active })),
      )
      .subscribe({
        next: (saved) => {
          this.list.replace((row) => row.id === saved.id, saved);
          this.notify(`organizations.${active ? 'reactivated' : 'deactivated'}`, { name: saved.name });
        },
        error: (error: unknown) => this.notifyError(error),
      });
  }

  private openForm(data: OrganizationFormData): void {
    this.dialog
      .open<OrganizationFormDialogComponent, OrganizationFormData, Organization>(OrganizationFormDialogComponent, {
        data,
        width: 'calc(100vw - 32px)',
        maxWidth: '720px',
      })
      .afterClosed()
      .pipe(filter((saved): saved is Organization => !!saved))
      .subscribe((saved) => {
        const key = data.organization ? 'organizations.updated' : 'organizations.created';
        if (saved.rfcWarning) this.notify(`${key}WithRfcWarning`, { name: saved.name, warning: saved.rfcWarning }, 10_000);
        else this.notify(key, { name: saved.name });
        this.list.load();
      });
  }

  private notify(key: string, params: Record<string, unknown>, duration = 4000): void {
    this.snackBar.open(this.transloco.translate(key, params), this.transloco.translate('common.close'), { duration });
  }

  private notifyError(error: unknown): void {
    const message = describeError(toErrorResponse(error));
    this.notify(message.key, message.params ?? {}, 8000);
  }
}
