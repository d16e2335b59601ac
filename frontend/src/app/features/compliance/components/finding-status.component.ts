import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FindingStatus } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';

/** A finding's status in words (open, acknowledged, resolved); `data-status` keeps the key for tests. */
@Component({
  selector: 'cv-finding-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `<span [class]="'chip status-' + status()" [attr.data-testid]="testId()" [attr.data-status]="status()">{{ 'compliance.statuses.' + status() | transloco }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font: var(--mat-sys-label-medium); white-space: nowrap; background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface); }
    .status-open { background: #fff1c2; color: #5c4300; }
    .status-acknowledged { background: #d7e9ff; color: #0b3d75; }
    .status-resolved { background: #dff5e3; color: #0f5223; }
  `,
})
export class FindingStatusComponent {
  readonly status = input.required<FindingStatus>();
  readonly testId = input('finding-status');
}
