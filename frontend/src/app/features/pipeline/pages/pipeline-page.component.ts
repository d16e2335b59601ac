import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { AGREEMENT_STATES, type PipelineDashboard } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { BarChartComponent, type BarDatum } from '../components/bar-chart.component';
import { LineChartComponent, type LineSeries } from '../components/line-chart.component';
import { PipelineApi } from '../data-access/pipeline.api';

/** The funnel's cards, in order: from needs to active agreements. */
const FUNNEL = [
  { key: 'identified', testId: 'kpi-needs' },
  { key: 'ownerAssigned', testId: 'kpi-owners' },
  { key: 'in_review', testId: 'kpi-in-review' },
  { key: 'awaiting_signatures', testId: 'kpi-awaiting-signatures' },
  { key: 'active', testId: 'kpi-active' },
] as const;

/** `/tablero`: the officials' pipeline dashboard. */
@Component({
  selector: 'cv-pipeline-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, MatCardModule, RouterLink, TranslocoPipe, BarChartComponent, LineChartComponent],
  templateUrl: './pipeline-page.component.html',
  styleUrl: './pipeline-page.component.scss',
})
export class PipelinePageComponent {
  private readonly api = inject(PipelineApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly data = signal<PipelineDashboard | null>(null);
  protected readonly failed = signal(false);

  protected readonly funnel = computed(() => {
    const data = this.data();
    if (!data) return [];
    const value = (key: (typeof FUNNEL)[number]['key']): number =>
      key === 'identified' || key === 'ownerAssigned' ? data.needs[key] : data.agreementsByState[key];
    return FUNNEL.map((step) => ({ ...step, labelKey: `pipeline.funnel.${step.key}`, value: value(step.key) }));
  });

  /** Translated labels; `locale()` is read so the charts follow a language switch. */
  protected readonly byState = computed<BarDatum[]>(() => {
    const data = this.data();
    this.locale();
    if (!data) return [];
    return AGREEMENT_STATES.map((state) => ({ label: this.transloco.translate(`pipeline.states.${state}`), value: data.agreementsByState[state] }));
  });

  protected readonly monthLabels = computed(() => {
    const format = new Intl.DateTimeFormat(this.locale(), { month: 'short', timeZone: 'UTC' });
    return (this.data()?.monthly ?? []).map((m) => format.format(new Date(`${m.month}-15T00:00:00Z`)));
  });

  protected readonly monthlySeries = computed<LineSeries[]>(() => {
    this.locale();
    const monthly = this.data()?.monthly ?? [];
    return [
      { name: this.transloco.translate('pipeline.monthly.created'), values: monthly.map((m) => m.created), tone: 'primary' },
      { name: this.transloco.translate('pipeline.monthly.activated'), values: monthly.map((m) => m.activated), tone: 'secondary' },
    ];
  });

  protected readonly monthlyDescription = computed(() => {
    const labels = this.monthLabels();
    this.locale();
    return (this.data()?.monthly ?? [])
      .map((m, i) => this.transloco.translate('pipeline.monthly.point', { month: labels[i], created: m.created, activated: m.activated }))
      .join('; ');
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.failed.set(false);
    try {
      this.data.set(await firstValueFrom(this.api.dashboard()));
    } catch {
      this.failed.set(true);
    }
  }
}
