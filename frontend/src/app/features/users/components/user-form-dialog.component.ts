import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, FormControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { PASSWORD_MIN_LENGTH, ROLES, type Role, type User } from '@convenio/contracts';
import type { Observable } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError, type Message } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { UsersApi } from '../data-access/users.api';
import { type OrganizationChoice, OrganizationPickerComponent, isOrganization, organizationChosen } from './organization-picker.component';

export interface UserFormData {
  /** Absent: a new user. */
  readonly user?: User;
}

type RoleFlags = Record<Role, boolean>;

function atLeastOneRole(group: AbstractControl): ValidationErrors | null {
  return Object.values(group.value as RoleFlags).some(Boolean) ? null : { roles: true };
}

/** Creates a user (email, name, organization, roles, password) or edits name and roles. */
@Component({
  selector: 'cv-user-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    ControlErrorPipe,
    OrganizationPickerComponent,
  ],
  templateUrl: './user-form-dialog.component.html',
  styles: `
    form {
      padding-top: 8px;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      margin: 0 0 16px;
      padding: 8px 12px;
    }
    .roles {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .hint {
      margin: 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class UserFormDialogComponent {
  private readonly api = inject(UsersApi);
  private readonly dialogRef = inject<MatDialogRef<UserFormDialogComponent, User>>(MatDialogRef);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly existing = inject<UserFormData>(MAT_DIALOG_DATA).user;
  protected readonly roles = ROLES;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly saving = signal(false);
  protected readonly error = signal<Message | null>(null);

  protected readonly form = this.fb.group({
    email: ['', this.existing ? [] : [Validators.required, Validators.email, Validators.maxLength(254)]],
    fullName: [this.existing?.fullName ?? '', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
    organizationId: new FormControl<OrganizationChoice>(null, this.existing ? [] : [Validators.required, organizationChosen]),
    roles: this.fb.group(
      Object.fromEntries(ROLES.map((role) => [role, this.existing?.roles.includes(role) ?? false])) as RoleFlags,
      { validators: atLeastOneRole },
    ),
    password: ['', this.existing ? [] : [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(200)]],
  });

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const roles = ROLES.filter((role) => value.roles[role]);
    const organization = value.organizationId;
    const request: Observable<User> = this.existing
      ? this.api.update(this.existing.id, { fullName: value.fullName.trim(), roles })
      : this.api.create({
          email: value.email.trim(),
          fullName: value.fullName.trim(),
          organizationId: isOrganization(organization) ? organization.id : '',
          roles,
          password: value.password,
        });
    this.saving.set(true);
    this.error.set(null);
    request.subscribe({
      next: (user) => this.dialogRef.close(user),
      error: (error: unknown) => {
        const body = toErrorResponse(error);
        const unplaced = applyServerErrors(this.form, body);
        const placed = Array.isArray(body.details) && unplaced.length < body.details.length;
        this.error.set(placed ? { key: 'common.fixFields' } : describeError(body));
        this.saving.set(false);
      },
    });
  }
}
