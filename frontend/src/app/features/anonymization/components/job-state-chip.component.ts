import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AnonymizationJobState } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';

/** The state of an anonymization job in words, coloured by how it stands; `data-state` keeps the key for tests. */
@Component({
  selector: 'cv-job-state-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `<span [class]="'chip state-' + state()" [attr.data-testid]="testId()" [attr.data-state]="state()">{{ 'anonymization.states.' + state() | transloco }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font: var(--mat-sys-label-medium); white-space: nowrap; background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface); }
    .state-queued { background: #fff1c2; color: #5c4300; }
    .state-running { background: #d7e9ff; color: #0b3d75; }
    .state-completed { background: #dff5e3; color: #0f5223; }
    .state-failed { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
})
export class JobStateChipComponent {
  readonly state = input.required<AnonymizationJobState>();
  readonly testId = input('job-state');
}
