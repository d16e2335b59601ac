import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ApiKey, ApiKeyPermission, CreatedApiKey } from '@convenio/contracts';
import type { Action, SubjectType } from '@convenio/policies';
import { AuthzService } from '../../../core/authz/authz.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError, type Message } from '../../../shared/errors/describe-error';
import { TermPipe } from '../../../shared/format/term.pipe';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { applyServerErrors, fieldOfPath } from '../../../shared/forms/server-errors';
import { ApiKeysApi } from '../data-access/api-keys.api';
import { endOfDayIso, grantablePermissions, permissionId } from '../data-access/api-key-rules';
import { ApiKeySecretComponent } from './api-key-secret.component';

const today = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/**
 * New API key: a name, the permissions (only those the creator holds), an optional expiry.
 * Once created the dialog shows the key — the only time it is ever shown — and closes with
 * the key's public record (never the secret).
 */
@Component({
  selector: 'cv-api-key-create-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, TranslocoPipe, TermPipe, ControlErrorPipe, ApiKeySecretComponent],
  templateUrl: './api-key-create-dialog.component.html',
  styleUrl: './api-key-create-dialog.component.scss',
})
export class ApiKeyCreateDialogComponent {
  private readonly api = inject(ApiKeysApi);
  private readonly authz = inject(AuthzService);
  private readonly dialogRef = inject<MatDialogRef<ApiKeyCreateDialogComponent, ApiKey>>(MatDialogRef);
  protected readonly groups = computed(() => grantablePermissions((action, subject) => this.authz.can(action, subject)));
  protected readonly minDate = today();
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(100)]],
    expiresOn: [''],
  });
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly permissionsTouched = signal(false);
  /** API refusals per permission (`"read AuditEntry"` → message). */
  protected readonly permissionErrors = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly saving = signal(false);
  protected readonly error = signal<Message | null>(null);
  /** Set once created; the secret lives here only, and goes with the dialog. */
  protected readonly created = signal<CreatedApiKey | null>(null);

  protected isSelected(action: Action, subject: SubjectType): boolean {
    return this.selected().has(permissionId({ action, subject }));
  }

  protected toggle(action: Action, subject: SubjectType, checked: boolean): void {
    const id = permissionId({ action, subject });
    const next = new Set(this.selected());
    if (checked) next.add(id);
    else next.delete(id);
    this.selected.set(next);
    this.permissionsTouched.set(true);
  }

  protected permissionError(action: Action, subject: SubjectType): string | undefined {
    return this.permissionErrors().get(permissionId({ action, subject }));
  }

  protected save(): void {
    this.permissionsTouched.set(true);
    if (this.form.invalid || this.selected().size === 0) {
      this.form.markAllAsTouched();
      return;
    }
    const permissions: ApiKeyPermission[] = [...this.selected()].map((id) => {
      const [action, subject] = id.split(' ');
      return { action, subject };
    });
    const { name, expiresOn } = this.form.getRawValue();
    this.saving.set(true);
    this.error.set(null);
    this.permissionErrors.set(new Map());
    this.api.create({ name: name.trim(), permissions, expiresAt: expiresOn ? endOfDayIso(expiresOn) : null }).subscribe({
      next: (key) => {
        this.created.set(key);
        this.saving.set(false);
        this.dialogRef.disableClose = true;
      },
      error: (error: unknown) => {
        const body = toErrorResponse(error);
        const refused = new Map<string, string>();
        for (const detail of Array.isArray(body.details) ? body.details : []) {
          const match = /^permissions\.(\d+)/.exec(fieldOfPath(detail.path));
          if (match && permissions[Number(match[1])]) refused.set(permissionId(permissions[Number(match[1])]), detail.message);
        }
        this.permissionErrors.set(refused);
        applyServerErrors(this.form, body, { expiresAt: 'expiresOn' });
        this.error.set(body.statusCode === 422 && refused.size > 0 ? { key: 'apiKeys.errors.permissions' } : describeError(body));
        this.saving.set(false);
      },
    });
  }

  /** Closes with the public record of the new key (no secret), or nothing when cancelled. */
  protected done(): void {
    const created = this.created();
    if (!created) {
      this.dialogRef.close();
      return;
    }
    const { key: _secret, ...record } = created;
    this.dialogRef.close(record);
  }
}
