import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FindingSeverity } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';

/** A finding's severity in words, coloured from critical (dark red) to low (blue); `data-severity` keeps the key for tests. */
@Component({
  selector: 'cv-finding-severity',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `<span [class]="'chip severity-' + severity()" [attr.data-testid]="testId()" [attr.data-severity]="severity()">{{ 'compliance.severities.' + severity() | transloco }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font: var(--mat-sys-label-medium); white-space: nowrap; background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface); }
    .severity-critical { background: #8c1d18; color: #ffffff; }
    .severity-high { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .severity-medium { background: #fdf0d5; color: #6b4300; }
    .severity-low { background: #e3ecfb; color: #143d7a; }
  `,
})
export class FindingSeverityComponent {
  readonly severity = input.required<FindingSeverity>();
  readonly testId = input('finding-severity');
}
