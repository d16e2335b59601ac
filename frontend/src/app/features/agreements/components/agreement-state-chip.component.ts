import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AgreementState } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';

/** The state of an agreement in words, coloured by how it stands; `data-state` keeps the key for tests. */
@Component({
  selector: 'cv-agreement-state-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `<span class="chip" [class]="'chip state-' + state()" [attr.data-testid]="testId()" [attr.data-state]="state()">{{ 'agreements.states.' + state() | transloco }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font: var(--mat-sys-label-medium); white-space: nowrap; background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface); }
    .state-in_review, .state-awaiting_signatures { background: #fff1c2; color: #5c4300; }
    .state-changes_requested { background: #ffe0b2; color: #6b3a00; }
    .state-approved { background: #d7e9ff; color: #0b3d75; }
    .state-active { background: #dff5e3; color: #0f5223; }
    .state-rejected, .state-terminated, .state-withdrawn { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
})
export class AgreementStateChipComponent {
  readonly state = input.required<AgreementState>();
  readonly testId = input('agreement-state');
}
