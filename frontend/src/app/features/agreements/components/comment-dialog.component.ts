import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { type Observable, map } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';

export interface CommentDialogData {
  /** Translation keys; `params` fill them. */
  readonly titleKey: string;
  readonly messageKey?: string;
  readonly confirmKey: string;
  readonly params?: Record<string, unknown>;
  /** A reason is required (withdraw, terminate, reject, request changes): at least 3 characters, as the API says. */
  readonly required: boolean;
  readonly danger?: boolean;
  /** `data-testid`s of the text area and the confirm button (the end-to-end test names them). */
  readonly commentTestId: string;
  readonly confirmTestId: string;
}

const MIN_COMMENT = 3;
const MAX_COMMENT = 2000;

/** An action that carries a comment; closes with the trimmed comment on confirm, `undefined` otherwise. */
@Component({
  selector: 'cv-comment-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoPipe, ControlErrorPipe],
  template: `
    <h2 mat-dialog-title>{{ data.titleKey | transloco: data.params }}</h2>
    <form (submit)="confirm($event)" novalidate>
      <mat-dialog-content>
        @if (data.messageKey) {
          <p>{{ data.messageKey | transloco: data.params }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ (data.required ? 'agreements.dialog.reason' : 'agreements.dialog.optionalComment') | transloco }}</mat-label>
          <textarea matInput rows="4" [formControl]="comment" [attr.data-testid]="data.commentTestId"></textarea>
          <mat-error>{{ comment | cvControlError }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" data-testid="comment-dialog-cancel" [mat-dialog-close]="undefined">{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [class.danger]="data.danger" [attr.data-testid]="data.confirmTestId">{{ data.confirmKey | transloco: data.params }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field { width: 100%; }
    .danger { --mat-button-filled-container-color: var(--mat-sys-error); --mat-button-filled-label-text-color: var(--mat-sys-on-error); }
  `,
})
export class CommentDialogComponent {
  protected readonly data = inject<CommentDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<CommentDialogComponent, string>>(MatDialogRef);
  protected readonly comment = new FormControl('', {
    nonNullable: true,
    validators: this.data.required ? [Validators.required, Validators.minLength(MIN_COMMENT), Validators.maxLength(MAX_COMMENT)] : [Validators.maxLength(MAX_COMMENT)],
  });

  protected confirm(event: Event): void {
    event.preventDefault();
    const text = this.comment.value.trim();
    if (this.comment.invalid || (this.data.required && text.length < MIN_COMMENT)) {
      this.comment.setErrors(this.comment.errors ?? { minlength: { requiredLength: MIN_COMMENT } });
      this.comment.markAsTouched();
      return;
    }
    this.ref.close(text);
  }
}

/** Opens the dialog; emits once: the comment when confirmed, `null` when cancelled. */
export function askForComment(dialog: MatDialog, data: CommentDialogData): Observable<string | null> {
  return dialog
    .open<CommentDialogComponent, CommentDialogData, string>(CommentDialogComponent, { data, maxWidth: '520px', width: 'calc(100vw - 32px)' })
    .afterClosed()
    .pipe(map((comment) => (typeof comment === 'string' ? comment : null)));
}
