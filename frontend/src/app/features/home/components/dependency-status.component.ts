import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { DependencyCheck } from '@convenio/contracts';
import { IconComponent } from '../../../shared/icon/icon.component';
import type { HealthDependency } from '../data-access/health-result';

/** One dependency of the system (PostgreSQL, Redis, worker): up or down, latency, error. */
@Component({
  selector: 'cv-dependency-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, DecimalPipe, TranslocoPipe, IconComponent],
  host: {
    '[attr.data-testid]': "'health-' + name()",
    '[attr.data-status]': 'check().status',
  },
  template: `
    <mat-card appearance="outlined" class="card" [class.down]="check().status === 'down'">
      <mat-card-header>
        <mat-card-title>{{ 'health.dependencies.' + name() | transloco }}</mat-card-title>
        <mat-card-subtitle>{{ 'health.descriptions.' + name() | transloco }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <p class="status">
          <cv-icon [name]="check().status === 'up' ? 'check' : 'error'" />
          <span>{{ 'health.status.' + check().status | transloco }}</span>
        </p>
        @if (check().latencyMs !== undefined) {
          <p class="detail">
            {{ 'health.latency' | transloco: { value: (check().latencyMs | number: '1.0-1' : locale()) } }}
          </p>
        }
        @if (check().error) {
          <p class="detail error">{{ 'health.error' | transloco: { message: check().error } }}</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
      height: 100%;
    }
    .card {
      height: 100%;
    }
    .status {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 8px 0 4px;
      font-weight: 600;
      color: var(--cv-up, #146c2e);
    }
    .down .status,
    .error {
      color: var(--mat-sys-error);
    }
    .detail {
      margin: 4px 0 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class DependencyStatusComponent {
  readonly name = input.required<HealthDependency>();
  readonly check = input.required<DependencyCheck>();
  readonly locale = input.required<string>();
}
