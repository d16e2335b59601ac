import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { linePoints, pointsAttribute, scaleMax } from './chart-geometry';

export interface LineSeries {
  name: string;
  values: readonly number[];
  /** CSS class of the line: `primary` or `secondary`. */
  tone: 'primary' | 'secondary';
}

const WIDTH = 480;
const HEIGHT = 180;
const LABEL_SPACE = 20;
const TOP = 10;

/** Series over the same labels (months) as lines with dots on one scale; a legend names them. */
@Component({
  selector: 'cv-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg role="img" class="chart" [attr.viewBox]="'0 0 ' + width + ' ' + (height + labelSpace + top)" [attr.aria-labelledby]="id() + '-title ' + id() + '-desc'">
      <title [attr.id]="id() + '-title'">{{ title() }}</title>
      <desc [attr.id]="id() + '-desc'">{{ description() }}</desc>
      <g [attr.transform]="'translate(0,' + top + ')'">
        <line x1="0" [attr.y1]="height" [attr.x2]="width" [attr.y2]="height" class="axis" />
        @for (line of lines(); track line.name) {
          <polyline [attr.points]="line.points" [class]="'line ' + line.tone" data-testid="line" />
          @for (point of line.dots; track $index) {
            <circle [attr.cx]="point.x" [attr.cy]="point.y" r="3" [class]="'dot ' + line.tone" />
          }
        }
        @for (label of labels(); track $index) {
          <text [attr.x]="labelX($index)" [attr.y]="height + 14" text-anchor="middle" class="label">{{ label }}</text>
        }
      </g>
    </svg>
    <ul class="legend">
      @for (line of series(); track line.name) {
        <li><span [class]="'swatch ' + line.tone" aria-hidden="true"></span>{{ line.name }}</li>
      }
    </ul>
  `,
  styles: `
    .chart {
      width: 100%;
      height: auto;
      max-width: 640px;
    }
    .axis {
      stroke: var(--mat-sys-outline);
    }
    .line {
      fill: none;
      stroke-width: 2;
    }
    .line.primary,
    .dot.primary {
      stroke: var(--mat-sys-primary);
      fill: var(--mat-sys-primary);
    }
    .line.primary {
      fill: none;
    }
    .line.secondary,
    .dot.secondary {
      stroke: var(--mat-sys-tertiary);
      fill: var(--mat-sys-tertiary);
    }
    .line.secondary {
      fill: none;
      stroke-dasharray: 6 3;
    }
    .label {
      font-size: 10px;
      fill: var(--mat-sys-on-surface);
    }
    .legend {
      display: flex;
      gap: 16px;
      list-style: none;
      padding: 0;
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
    }
    .swatch {
      display: inline-block;
      width: 12px;
      height: 12px;
      margin-inline-end: 6px;
      vertical-align: middle;
    }
    .swatch.primary {
      background: var(--mat-sys-primary);
    }
    .swatch.secondary {
      background: var(--mat-sys-tertiary);
    }
  `,
})
export class LineChartComponent {
  readonly title = input.required<string>();
  /** A text alternative listing the values (screen readers). */
  readonly description = input('');
  readonly labels = input.required<readonly string[]>();
  readonly series = input.required<readonly LineSeries[]>();
  readonly id = input('line-chart');
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly labelSpace = LABEL_SPACE;
  protected readonly top = TOP;
  protected readonly lines = computed(() => {
    const series = this.series();
    const max = scaleMax(series.flatMap((s) => s.values));
    return series.map((s) => {
      const dots = linePoints(s.values, WIDTH, HEIGHT, max);
      return { name: s.name, tone: s.tone, dots, points: pointsAttribute(dots) };
    });
  });

  protected labelX(index: number): number {
    const slot = WIDTH / Math.max(1, this.labels().length);
    return index * slot + slot / 2;
  }
}
