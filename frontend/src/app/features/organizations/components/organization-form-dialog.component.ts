import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { type CreateOrganizationRequest, ORGANIZATION_SECTORS, type Organization, type OrganizationSector } from '@convenio/contracts';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { describeError, type Message } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { MEXICAN_STATES, stateName } from '../../../shared/geo/mexican-states';
import { OrganizationsApi } from '../data-access/organizations.api';

/** A company RFC: 3 letters, YYMMDD, 3 characters (the API checks the rest, e.g. the check character). */
const COMPANY_RFC = /^[A-ZÑ&]{3}\d{6}[A-Z0-9]{3}$/i;
const PHONE = /^\+?[0-9 ()-]{7,20}$/;

export interface OrganizationFormData {
  /** Absent: a new organization. */
  readonly organization?: Organization;
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Creates or edits an organization; closes with the saved organization. */
@Component({
  selector: 'cv-organization-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, ControlErrorPipe],
  templateUrl: './organization-form-dialog.component.html',
  styles: `
    form {
      padding-top: 8px;
      display: grid;
      gap: 4px 16px;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    }
    .wide {
      grid-column: 1 / -1;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class OrganizationFormDialogComponent {
  private readonly api = inject(OrganizationsApi);
  private readonly dialogRef = inject<MatDialogRef<OrganizationFormDialogComponent, Organization>>(MatDialogRef);
  protected readonly locale = inject(LanguageService).active;
  protected readonly existing = inject<OrganizationFormData>(MAT_DIALOG_DATA).organization;
  protected readonly sectors = ORGANIZATION_SECTORS;
  protected readonly states = MEXICAN_STATES;
  protected readonly stateName = stateName;
  protected readonly saving = signal(false);
  protected readonly error = signal<Message | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.existing?.name ?? '', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
    sector: [(this.existing?.sector ?? '') as OrganizationSector | '', Validators.required],
    rfc: [this.existing?.rfc ?? '', Validators.pattern(COMPANY_RFC)],
    stateCode: [this.existing?.stateCode ?? ''],
    contactName: [this.existing?.contactName ?? '', Validators.maxLength(200)],
    contactEmail: [this.existing?.contactEmail ?? '', [Validators.email, Validators.maxLength(254)]],
    contactPhone: [this.existing?.contactPhone ?? '', Validators.pattern(PHONE)],
  });

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const body: CreateOrganizationRequest = {
      name: value.name.trim(),
      sector: value.sector as OrganizationSector,
      rfc: orNull(value.rfc)?.toUpperCase() ?? null,
      stateCode: orNull(value.stateCode),
      contactName: orNull(value.contactName),
      contactEmail: orNull(value.contactEmail),
      contactPhone: orNull(value.contactPhone),
    };
    this.saving.set(true);
    this.error.set(null);
    const request = this.existing ? this.api.update(this.existing.id, body) : this.api.create(body);
    request.subscribe({
      next: (organization) => this.dialogRef.close(organization),
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
