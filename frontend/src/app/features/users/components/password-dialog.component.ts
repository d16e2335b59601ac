import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { PASSWORD_MIN_LENGTH, type User } from '@convenio/contracts';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError, type Message } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { UsersApi } from '../data-access/users.api';

/** Sets a new password for a user (which also ends that user's sessions). */
@Component({
  selector: 'cv-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoPipe, ControlErrorPipe],
  template: `
    <h2 mat-dialog-title>{{ 'users.passwordTitle' | transloco }}</h2>
    <mat-dialog-content>
      <p>{{ 'users.passwordText' | transloco: { name: user.fullName } }}</p>
      <form id="password-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'users.fields.newPassword' | transloco }}</mat-label>
          <input matInput formControlName="password" type="password" autocomplete="new-password" data-testid="user-new-password" required />
          <mat-hint>{{ 'users.passwordHint' | transloco: { length: minLength } }}</mat-hint>
          <mat-error>{{ form.controls.password | cvControlError }}</mat-error>
        </mat-form-field>
      </form>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message.key | transloco: message.params }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="submit" form="password-form" data-testid="user-password-save" [disabled]="saving()">
        {{ 'users.actions.resetPassword' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    form {
      padding-top: 8px;
    }
    mat-form-field {
      width: 100%;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class PasswordDialogComponent {
  private readonly api = inject(UsersApi);
  private readonly dialogRef = inject<MatDialogRef<PasswordDialogComponent, User>>(MatDialogRef);
  protected readonly user = inject<User>(MAT_DIALOG_DATA);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly saving = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(200)]],
  });

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.api.update(this.user.id, { password: this.form.getRawValue().password }).subscribe({
      next: (user) => this.dialogRef.close(user),
      error: (error: unknown) => {
        const body = toErrorResponse(error);
        if (applyServerErrors(this.form, body).length > 0 || !Array.isArray(body.details)) this.error.set(describeError(body));
        this.saving.set(false);
      },
    });
  }
}
