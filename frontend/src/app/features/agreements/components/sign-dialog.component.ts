import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import type { Agreement } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { type Observable, map } from 'rxjs';

export interface SignDialogData {
  readonly reference: string;
  readonly version: number;
  readonly termsHash: string;
  readonly organizationName: string;
}

/** "You sign these terms": names the version and shows the SHA-256 that the signature will carry. */
@Component({
  selector: 'cv-sign-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, TranslocoPipe],
  template: `
    <h2 mat-dialog-title>{{ 'agreements.sign.title' | transloco: data }}</h2>
    <mat-dialog-content>
      <p>{{ 'agreements.sign.message' | transloco: data }}</p>
      <p class="label">{{ 'agreements.fields.termsHash' | transloco }}</p>
      <code data-testid="sign-hash">{{ data.termsHash }}</code>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" data-testid="sign-cancel" [mat-dialog-close]="false">{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="button" data-testid="sign-confirm" [mat-dialog-close]="true">{{ 'agreements.sign.confirm' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .label { margin: 12px 0 4px; font: var(--mat-sys-label-large); }
    code { display: block; padding: 8px; border-radius: 8px; background: var(--mat-sys-surface-container-high); overflow-wrap: anywhere; font-size: 12px; }
  `,
})
export class SignDialogComponent {
  protected readonly data = inject<SignDialogData>(MAT_DIALOG_DATA);
}

export function confirmSignature(dialog: MatDialog, agreement: Agreement, organizationName: string): Observable<boolean> {
  const data: SignDialogData = { reference: agreement.reference, version: agreement.version, termsHash: agreement.termsHash, organizationName };
  return dialog
    .open<SignDialogComponent, SignDialogData, boolean>(SignDialogComponent, { data, maxWidth: '560px', width: 'calc(100vw - 32px)' })
    .afterClosed()
    .pipe(map((confirmed) => confirmed === true));
}
