import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AnonymizationClassSizeBucket } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { barBoxes } from '../../pipeline/components/chart-geometry';
import { bucketLabel } from '../data-access/report-format';

const WIDTH = 480;
const HEIGHT = 160;
const LEFT = 8;
const TOP = 18;
const BOTTOM = 40;

/**
 * The class-size histogram of a report as SVG bars: one bar per bucket of sizes, as tall as
 * the number of classes in it. The SVG is an image named by its title; each bar's title says
 * the sizes, the classes and the records.
 */
@Component({
  selector: 'cv-class-size-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    @if (bars().length) {
      <svg role="img" class="chart" [attr.viewBox]="'0 0 ' + (left * 2 + width) + ' ' + (top + height + bottom)" aria-labelledby="class-size-title" preserveAspectRatio="xMidYMid meet" data-testid="class-size-chart">
        <title id="class-size-title">{{ 'anonymization.report.histogram.title' | transloco }}</title>
        <g [attr.transform]="'translate(' + left + ',' + top + ')'">
          <line x1="0" [attr.y1]="height" [attr.x2]="width" [attr.y2]="height" class="axis" />
          @for (bar of bars(); track bar.label) {
            <g data-testid="class-size-bar" [attr.data-classes]="bar.classes">
              <title>{{ 'anonymization.report.histogram.bar' | transloco: { sizes: bar.label, classes: bar.classes, records: bar.records } }}</title>
              <rect [attr.x]="bar.x" [attr.y]="bar.y" [attr.width]="bar.width" [attr.height]="bar.height" class="bar" />
              <text [attr.x]="bar.x + bar.width / 2" [attr.y]="bar.y - 4" text-anchor="middle" class="value">{{ bar.classes }}</text>
              <text [attr.x]="bar.x + bar.width / 2" [attr.y]="height + 14" text-anchor="middle" class="label">{{ bar.label }}</text>
            </g>
          }
          <text [attr.x]="width / 2" [attr.y]="height + 32" text-anchor="middle" class="caption">{{ 'anonymization.report.histogram.axis' | transloco }}</text>
        </g>
      </svg>
    } @else {
      <p class="muted" data-testid="class-size-empty">{{ 'anonymization.report.histogram.empty' | transloco }}</p>
    }
  `,
  styles: `
    .chart { width: 100%; height: auto; max-width: 640px; }
    .bar { fill: var(--mat-sys-primary); }
    .axis { stroke: var(--mat-sys-outline); }
    .value, .label, .caption { font-size: 11px; fill: var(--mat-sys-on-surface); }
    .caption { fill: var(--mat-sys-on-surface-variant); }
    .muted { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class ClassSizeChartComponent {
  readonly buckets = input.required<readonly AnonymizationClassSizeBucket[]>();
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly left = LEFT;
  protected readonly top = TOP;
  protected readonly bottom = BOTTOM;
  protected readonly bars = computed(() => {
    const buckets = this.buckets();
    return barBoxes(buckets.map((bucket) => bucket.classes), WIDTH, HEIGHT).map((box, index) => ({
      ...box,
      label: bucketLabel(buckets[index]),
      classes: buckets[index].classes,
      records: buckets[index].records,
    }));
  });
}
