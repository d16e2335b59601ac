import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Agreement } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';

/** The terms of the current version: what the parties sign and what the hash covers. */
@Component({
  selector: 'cv-agreement-terms',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, TranslocoPipe],
  template: `
    @let terms = agreement();
    <dl data-testid="agreement-terms">
      <dt>{{ 'agreements.fields.datasets' | transloco }}</dt>
      <dd>
        <ul class="plain">
          @for (dataset of datasets(); track dataset.id) {
            <li data-testid="agreement-dataset"><a [routerLink]="['/catalogo', dataset.id]">{{ dataset.title }}</a></li>
          }
        </ul>
      </dd>
      <dt>{{ 'agreements.fields.purpose' | transloco }}</dt>
      <dd class="text">{{ terms.purpose }}</dd>
      <dt>{{ 'agreements.fields.legalBasis' | transloco }}</dt>
      <dd class="text">{{ terms.legalBasis }}</dd>
      <dt>{{ 'agreements.fields.permittedUses' | transloco }}</dt>
      <dd>
        <ul>
          @for (use of terms.permittedUses; track use) {
            <li>{{ use }}</li>
          }
        </ul>
      </dd>
      <dt>{{ 'agreements.fields.prohibitedUses' | transloco }}</dt>
      <dd>
        @if (terms.prohibitedUses.length) {
          <ul>
            @for (use of terms.prohibitedUses; track use) {
              <li>{{ use }}</li>
            }
          </ul>
        } @else {
          {{ 'common.none' | transloco }}
        }
      </dd>
      <dt>{{ 'agreements.fields.anonymization' | transloco }}</dt>
      <dd>
        {{ 'agreements.terms.anonymization' | transloco: { minK: terms.anonymization.minK, level: ('catalog.geoLevels.' + terms.anonymization.finestGeoLevel | transloco) } }}
        · {{ (terms.anonymization.removeDirectIdentifiers ? 'agreements.terms.removesIdentifiers' : 'agreements.terms.keepsIdentifiers') | transloco }}
      </dd>
      <dt>{{ 'agreements.fields.period' | transloco }}</dt>
      <dd>{{ 'agreements.terms.period' | transloco: { from: (terms.startsOn | date: 'mediumDate' : 'UTC' : locale()), to: (terms.endsOn | date: 'mediumDate' : 'UTC' : locale()) } }}</dd>
      <dt>{{ 'agreements.fields.retentionDays' | transloco }}</dt>
      <dd>{{ 'agreements.terms.days' | transloco: { days: terms.retentionDays } }}</dd>
      <dt>{{ 'agreements.fields.termsHash' | transloco }}</dt>
      <dd><code data-testid="agreement-terms-hash">{{ terms.termsHash }}</code></dd>
    </dl>
  `,
  styles: `
    dl { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: 8px 16px; margin: 0; }
    dt { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 0; min-width: 0; }
    .text { white-space: pre-line; }
    ul { margin: 0; padding-inline-start: 20px; }
    ul.plain { list-style: none; padding: 0; }
    code { overflow-wrap: anywhere; font-size: 12px; }
    @media (max-width: 600px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 8px; } }
  `,
})
export class AgreementTermsComponent {
  readonly agreement = input.required<Agreement>();
  protected readonly locale = inject(LanguageService).active;
  /** Titles when the API sent them, else the ids (still links to the catalog). */
  protected readonly datasets = computed(() => {
    const agreement = this.agreement();
    const titles = new Map((agreement.datasets ?? []).map((dataset) => [dataset.id, dataset.title]));
    return agreement.datasetIds.map((id) => ({ id, title: titles.get(id) ?? id }));
  });
}
