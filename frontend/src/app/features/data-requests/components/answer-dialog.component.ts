import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AnswerDataRequestRequest, DataRequest, Dataset } from '@convenio/contracts';
import { catchError, map, of } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { DataRequestsApi } from '../data-access/data-requests.api';

export interface AnswerDialogData {
  readonly request: DataRequest;
  /** The steward's organization: only its datasets can be offered. */
  readonly organizationId: string;
}

/** A steward answers a data request: offer (optionally one of the organization's datasets) or decline, with a response. */
@Component({
  selector: 'cv-answer-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, TranslocoPipe, ControlErrorPipe],
  template: `
    <h2 mat-dialog-title>{{ 'dataRequests.answer.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        <p class="topic">{{ data.request.needTopic }}</p>
        <p class="message">{{ data.request.message }}</p>
        <mat-radio-group formControlName="status" data-testid="answer-status" [attr.aria-label]="'dataRequests.answer.decision' | transloco">
          <mat-radio-button value="answered" data-testid="answer-status-answered">{{ 'dataRequests.answer.answered' | transloco }}</mat-radio-button>
          <mat-radio-button value="declined" data-testid="answer-status-declined">{{ 'dataRequests.answer.declined' | transloco }}</mat-radio-button>
        </mat-radio-group>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'dataRequests.answer.response' | transloco }}</mat-label>
          <textarea matInput rows="4" formControlName="response" data-testid="answer-response"></textarea>
          <mat-error>{{ form.controls.response | cvControlError }}</mat-error>
        </mat-form-field>
        @if (form.controls.status.value === 'answered') {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'dataRequests.answer.dataset' | transloco }}</mat-label>
            <mat-select formControlName="datasetId" data-testid="answer-dataset">
              <mat-option value="">{{ 'dataRequests.answer.noDataset' | transloco }}</mat-option>
              @for (dataset of datasets(); track dataset.id) {
                <mat-option [value]="dataset.id">{{ dataset.title }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" data-testid="answer-send">{{ 'dataRequests.answer.send' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin-bottom: 12px;
    }
    .topic {
      font: var(--mat-sys-title-small);
      margin: 0;
    }
    .message {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AnswerDialogComponent {
  protected readonly data = inject<AnswerDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AnswerDialogComponent, AnswerDataRequestRequest>>(MatDialogRef);
  protected readonly datasets = toSignal(
    inject(DataRequestsApi)
      .datasetsOf(this.data.organizationId)
      .pipe(
        map((result) => result.items.filter((dataset) => dataset.ownerOrganizationId === this.data.organizationId)),
        catchError(() => of<Dataset[]>([])),
      ),
    { initialValue: [] as Dataset[] },
  );
  protected readonly form = new FormGroup({
    status: new FormControl<'answered' | 'declined'>('answered', { nonNullable: true }),
    response: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3), Validators.maxLength(5000)] }),
    datasetId: new FormControl('', { nonNullable: true }),
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { status, response, datasetId } = this.form.getRawValue();
    this.dialogRef.close({ status, response: response.trim(), ...(status === 'answered' && datasetId ? { datasetId } : {}) });
  }
}
