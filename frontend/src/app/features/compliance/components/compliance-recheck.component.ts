import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import type { ComplianceRecheck } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { filter, finalize, switchMap } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { confirmAction } from '../../../shared/dialog/confirm-dialog.component';
import { describeError } from '../../../shared/errors/describe-error';
import { ComplianceApi } from '../data-access/compliance.api';

/**
 * "Check the lineage again": after a confirmation, puts every run (or the runs under the
 * agreement the board is filtered by) back on the worker's list, and says how many.
 */
@Component({
  selector: 'cv-compliance-recheck',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TranslocoPipe],
  template: `
    <button mat-stroked-button type="button" data-testid="findings-recheck" [disabled]="busy()" (click)="recheck()">
      {{ (agreementId() ? 'compliance.recheck.agreement' : 'compliance.recheck.all') | transloco }}
    </button>
    @if (done(); as done) {
      <p class="muted" role="status" data-testid="findings-recheck-done">{{ 'compliance.recheck.done' | transloco: { runs: done.runs } }}</p>
    }
    @if (error()) {
      <p class="error" role="alert" data-testid="findings-recheck-error">{{ error() }}</p>
    }
  `,
  styles: `
    :host { display: flex; flex-direction: column; align-items: flex-end; gap: 4px; }
    p { margin: 0; max-width: 22rem; text-align: end; }
  `,
})
export class ComplianceRecheckComponent {
  private readonly api = inject(ComplianceApi);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  /** The agreement the board is filtered by: only its runs are checked again. */
  readonly agreementId = input<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly done = signal<ComplianceRecheck | null>(null);
  protected readonly error = signal('');

  protected recheck(): void {
    if (this.busy()) return;
    const agreementId = this.agreementId();
    this.error.set('');
    this.done.set(null);
    confirmAction(this.dialog, {
      titleKey: 'compliance.recheck.title',
      messageKey: agreementId ? 'compliance.recheck.messageAgreement' : 'compliance.recheck.messageAll',
      confirmKey: 'compliance.recheck.confirm',
    })
      .pipe(
        filter((confirmed) => confirmed),
        switchMap(() => {
          this.busy.set(true);
          return this.api.recheck(agreementId).pipe(finalize(() => this.busy.set(false)));
        }),
      )
      .subscribe({
        next: (result) => this.done.set(result),
        error: (error: unknown) => {
          const message = describeError(toErrorResponse(error));
          this.error.set(this.transloco.translate(message.key, message.params));
        },
      });
  }
}
