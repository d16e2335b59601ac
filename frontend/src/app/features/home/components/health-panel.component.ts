import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { IconComponent, type IconName } from '../../../shared/icon/icon.component';
import { DurationPipe } from '../../../shared/format/duration.pipe';
import { HEALTH_DEPENDENCIES, type HealthResult } from '../data-access/health-result';
import { DependencyStatusComponent } from './dependency-status.component';

const OVERALL_ICONS: Record<HealthResult['kind'], IconName> = { ok: 'check', unavailable: 'error', unreachable: 'cloudOff' };

/** The overall state, one card per dependency, version and uptime, and a refresh button. */
@Component({
  selector: 'cv-health-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    IconComponent,
    DurationPipe,
    DependencyStatusComponent,
  ],
  templateUrl: './health-panel.component.html',
  styleUrl: './health-panel.component.scss',
})
export class HealthPanelComponent {
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly dependencies = HEALTH_DEPENDENCIES;
  protected readonly icons = OVERALL_ICONS;

  readonly result = input<HealthResult | null>(null);
  readonly loading = input(false);
  readonly checkedAt = input<Date | null>(null);
  readonly intervalMs = input(30_000);
  readonly refresh = output<void>();

  /** "El sistema está operando" / "Servicio no disponible: Redis" / …, in the active language. */
  protected readonly overallText = computed(() => {
    const result = this.result();
    const locale = this.locale();
    const t = (key: string, params = {}) => this.transloco.translate(key, params, locale);
    if (!result) return '';
    if (result.kind === 'ok') return t('health.overall.ok');
    if (result.kind === 'unreachable') return t('health.overall.unreachable');
    if (result.down.length === 0) return t('health.overall.unavailableUnknown');
    const names = new Intl.ListFormat(locale, { type: 'conjunction' }).format(result.down.map((name) => t(`health.dependencies.${name}`)));
    return t('health.overall.unavailable', { names });
  });
}
