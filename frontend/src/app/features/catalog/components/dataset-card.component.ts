import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Dataset } from '@convenio/contracts';
import { LanguageService } from '../../../core/i18n/language.service';
import { datasetDescription, datasetTitle } from '../data-access/dataset-text';

/** One search result: title (a link), owner, themes, sensitivity, status and geographic level. */
@Component({
  selector: 'cv-dataset-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe],
  host: { 'data-testid': 'dataset-card', '[attr.data-id]': 'dataset().id' },
  template: `
    <h2 class="title">
      <a [routerLink]="['/catalogo', dataset().id]" data-testid="dataset-card-title">{{ title() }}</a>
    </h2>
    <p class="owner" data-testid="dataset-card-owner">{{ dataset().ownerOrganizationName }}</p>
    <p class="description">{{ description() }}</p>
    <div class="meta">
      <span class="badge sensitivity-{{ dataset().sensitivity }}" data-testid="dataset-card-sensitivity">
        {{ 'catalog.sensitivities.' + dataset().sensitivity | transloco }}
      </span>
      <span class="badge status-{{ dataset().status }}" data-testid="dataset-card-status">{{ 'catalog.statuses.' + dataset().status | transloco }}</span>
      <span class="badge">{{ 'catalog.geoLevels.' + dataset().geoLevel | transloco }}</span>
    </div>
    <ul class="chips" [attr.aria-label]="'catalog.fields.themes' | transloco">
      @for (theme of dataset().themes; track theme) {
        <li>{{ 'catalog.themes.' + theme | transloco }}</li>
      }
    </ul>
  `,
  styleUrls: ['./catalog-badges.scss'],
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);
      min-width: 0;
    }
    .title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .title a {
      color: var(--mat-sys-primary);
    }
    .owner {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    .description {
      margin: 0;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
  `,
})
export class DatasetCardComponent {
  private readonly locale = inject(LanguageService).active;
  readonly dataset = input.required<Dataset>();
  protected readonly title = computed(() => datasetTitle(this.dataset(), this.locale()));
  protected readonly description = computed(() => datasetDescription(this.dataset(), this.locale()));
}
