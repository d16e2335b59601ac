import type { ComponentType } from '@angular/cdk/portal';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
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
import { ROLES, type Role, type User } from '@convenio/contracts';
import { type Observable, debounceTime, filter, switchMap } from 'rxjs';
import { AuthzService } from '../../../core/authz/authz.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { PagedList } from '../../../shared/data/paged-list';
import { confirmAction } from '../../../shared/dialog/confirm-dialog.component';
import { describeError } from '../../../shared/errors/describe-error';
import { IconComponent } from '../../../shared/icon/icon.component';
import { type OrganizationChoice, OrganizationPickerComponent, isOrganization } from '../components/organization-picker.component';
import { PasswordDialogComponent } from '../components/password-dialog.component';
import { UserFormDialogComponent, type UserFormData } from '../components/user-form-dialog.component';
import { NO_USER_FILTERS, type UserFilters, UsersApi } from '../data-access/users.api';

const DIALOG_SIZE = { width: 'calc(100vw - 32px)', maxWidth: '560px' };

/** `/usuarios`: the users one may read (per role); the admin creates, edits and deactivates. */
@Component({
  selector: 'cv-users-page',
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
    MatTooltipModule,
    TranslocoPipe,
    IconComponent,
    OrganizationPickerComponent,
  ],
  providers: [provideTranslatedPaginator()],
  templateUrl: './users-page.component.html',
  styleUrl: '../../../shared/styles/list-page.scss',
})
export class UsersPageComponent {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly authz = inject(AuthzService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly roles = ROLES;
  protected readonly list = new PagedList<User, UserFilters>((request) => this.api.list(request), NO_USER_FILTERS);
  protected readonly filters = inject(NonNullableFormBuilder).group({
    q: [''],
    organization: new FormControl<OrganizationChoice>(null),
    role: ['' as Role | ''],
    active: ['' as 'true' | 'false' | ''],
  });

  protected readonly canCreate = computed(() => this.authz.can('create', 'User'));
  protected readonly canUpdate = computed(() => this.authz.can('update', 'User'));
  protected readonly columns = computed(() => ['name', 'organization', 'roles', 'status', 'lastLogin', ...(this.canUpdate() ? ['actions'] : [])]);

  constructor() {
    this.filters.valueChanges.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => {
      const { q, organization, role, active } = this.filters.getRawValue();
      // Typing in the organization box filters nothing until one is chosen.
      if (typeof organization === 'string' && organization !== '') return;
      this.list.setFilters({ q, role, active, organizationId: isOrganization(organization) ? organization.id : '' });
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
    this.list.setPage(event.pageIndex, event.pageSize);
  }

  protected create(): void {
    this.open(UserFormDialogComponent, {}, 'users.created');
  }

  protected edit(user: User): void {
    this.open(UserFormDialogComponent, { user } satisfies UserFormData, 'users.updated');
  }

  protected resetPassword(user: User): void {
    this.open(PasswordDialogComponent, user, 'users.passwordReset');
  }

  protected setActive(user: User, active: boolean): void {
    const verb = active ? 'reactivate' : 'deactivate';
    confirmAction(this.dialog, {
      titleKey: `users.confirm.${verb}Title`,
      messageKey: `users.confirm.${verb}Message`,
      confirmKey: `users.actions.${verb}`,
      params: { name: user.fullName, email: user.email },
      danger: !active,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.update(user.id, { active })),
      )
      .subscribe({
        next: (saved) => {
          this.list.replace((row) => row.id === saved.id, { ...saved, organizationName: saved.organizationName ?? user.organizationName });
          this.notify(`users.${active ? 'reactivated' : 'deactivated'}`, { name: saved.fullName });
        },
        error: (error: unknown) => {
          const message = describeError(toErrorResponse(error));
          this.notify(message.key, message.params ?? {}, 8000);
        },
      });
  }

  private open(component: ComponentType<unknown>, data: unknown, doneKey: string): void {
    const closed: Observable<User | undefined> = this.dialog.open(component, { data, ...DIALOG_SIZE }).afterClosed();
    closed.pipe(filter((saved): saved is User => !!saved)).subscribe((saved) => {
      this.notify(doneKey, { name: saved.fullName });
      this.list.load();
    });
  }

  private notify(key: string, params: Record<string, unknown>, duration = 4000): void {
    this.snackBar.open(this.transloco.translate(key, params), this.transloco.translate('common.close'), { duration });
  }
}
