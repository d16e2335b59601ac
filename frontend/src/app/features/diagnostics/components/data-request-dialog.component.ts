import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CreateDataRequestRequest, Organization } from '@convenio/contracts';
import { catchError, map, of } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { DiagnosticsApi } from '../data-access/diagnostics.api';

export interface DataRequestDialogData {
  readonly topic: string;
  /** The diagnostic's own organization is not offered. */
  readonly excludeOrganizationId: string;
}

/** "Solicitar datos a una organización": which organization, and a message for its stewards. */
@Component({
  selector: 'cv-data-request-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, ControlErrorPipe],
  template: `
    <h2 mat-dialog-title>{{ 'diagnostics.request.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        <p>{{ 'diagnostics.request.intro' | transloco: { topic: data.topic } }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'diagnostics.request.organization' | transloco }}</mat-label>
          <mat-select formControlName="organizationId" data-testid="request-organization">
            @for (organization of organizations(); track organization.id) {
              <mat-option [value]="organization.id">{{ organization.name }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.organizationId | cvControlError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'diagnostics.request.message' | transloco }}</mat-label>
          <textarea matInput rows="4" formControlName="message" data-testid="request-message"></textarea>
          <mat-error>{{ form.controls.message | cvControlError }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" data-testid="request-send">{{ 'diagnostics.request.send' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
})
export class DataRequestDialogComponent {
  protected readonly data = inject<DataRequestDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<DataRequestDialogComponent, CreateDataRequestRequest>>(MatDialogRef);
  protected readonly organizations = toSignal(
    inject(DiagnosticsApi)
      .organizations()
      .pipe(
        map((page) => page.items.filter((organization) => organization.id !== this.data.excludeOrganizationId)),
        catchError(() => of<Organization[]>([])),
      ),
    { initialValue: [] as Organization[] },
  );
  protected readonly form = new FormGroup({
    organizationId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    message: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(10), Validators.maxLength(5000)] }),
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { organizationId, message } = this.form.getRawValue();
    this.dialogRef.close({ organizationId, message: message.trim() });
  }
}
