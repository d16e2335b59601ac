import { DecimalPipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AnonymizationReport } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { kMet, suppressionWithinLimit } from '../data-access/report-format';
import { ClassSizeChartComponent } from './class-size-chart.component';

/**
 * The risk report of a completed job: the k asked for and achieved, records kept and suppressed
 * against the limit, equivalence classes and their sizes, re-identification risk (prosecutor
 * model), information loss, the level chosen per generalized column and every column's action.
 */
@Component({
  selector: 'cv-risk-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, PercentPipe, TranslocoPipe, ClassSizeChartComponent],
  templateUrl: './risk-report.component.html',
  styleUrl: './risk-report.component.scss',
})
export class RiskReportComponent {
  readonly report = input.required<AnonymizationReport>();
  protected readonly locale = inject(LanguageService).active;
  protected readonly kMet = computed(() => kMet(this.report()));
  protected readonly suppressionOk = computed(() => suppressionWithinLimit(this.report()));
  protected readonly levels = computed(() => Object.entries(this.report().levels).map(([column, level]) => ({ column, ...level })));
  protected readonly actions = computed(() => Object.entries(this.report().actions).map(([column, action]) => ({ column, action })));
  /** Seconds for a second or more, else milliseconds. */
  protected readonly seconds = computed(() => this.report().timeMs / 1000);
}
