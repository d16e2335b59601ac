import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { barBoxes } from './chart-geometry';

export interface BarDatum {
  label: string;
  value: number;
}

const WIDTH = 480;
const HEIGHT = 200;
/** Room below and left of the bars for the labels, slanted 30° ("Cambios solicitados" fits). */
const LABEL_SPACE = 72;
const LEFT_SPACE = 96;
const VALUE_SPACE = 18;

/** A small SVG bar chart: the SVG is an image named by its title; each bar has a title with its label and value. */
@Component({
  selector: 'cv-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      role="img"
      class="chart"
      [attr.viewBox]="'0 0 ' + (leftSpace + width) + ' ' + (height + labelSpace + valueSpace)"
      [attr.aria-labelledby]="id() + '-title'"
      preserveAspectRatio="xMidYMid meet"
    >
      <title [attr.id]="id() + '-title'">{{ title() }}</title>
      <g [attr.transform]="'translate(' + leftSpace + ',' + valueSpace + ')'">
        <line x1="0" [attr.y1]="height" [attr.x2]="width" [attr.y2]="height" class="axis" />
        @for (bar of bars(); track bar.label) {
          <g data-testid="bar">
            <title>{{ bar.label }}: {{ bar.value }}</title>
            <rect [attr.x]="bar.x" [attr.y]="bar.y" [attr.width]="bar.width" [attr.height]="bar.height" class="bar" />
            <text [attr.x]="bar.x + bar.width / 2" [attr.y]="bar.y - 4" text-anchor="middle" class="value">{{ bar.value }}</text>
            <text
              [attr.x]="bar.x + bar.width / 2"
              [attr.y]="height + 14"
              text-anchor="end"
              class="label"
              [attr.transform]="'rotate(-30 ' + (bar.x + bar.width / 2) + ' ' + (height + 14) + ')'"
            >
              {{ bar.label }}
            </text>
          </g>
        }
      </g>
    </svg>
  `,
  styles: `
    .chart {
      width: 100%;
      height: auto;
      max-width: 720px;
    }
    .bar {
      fill: var(--mat-sys-primary);
    }
    .axis {
      stroke: var(--mat-sys-outline);
    }
    .value,
    .label {
      font-size: 11px;
      fill: var(--mat-sys-on-surface);
    }
  `,
})
export class BarChartComponent {
  readonly title = input.required<string>();
  readonly data = input.required<readonly BarDatum[]>();
  /** Prefix of element ids (title), unique per chart on a page. */
  readonly id = input('bar-chart');
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly labelSpace = LABEL_SPACE;
  protected readonly leftSpace = LEFT_SPACE;
  protected readonly valueSpace = VALUE_SPACE;
  protected readonly bars = computed(() => {
    const data = this.data();
    return barBoxes(data.map((d) => d.value), WIDTH, HEIGHT).map((box, index) => ({ ...box, label: data[index].label, value: data[index].value }));
  });
}
