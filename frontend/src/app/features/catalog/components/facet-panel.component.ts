import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FacetCount } from '@convenio/contracts';
import type { FacetName } from '../data-access/catalog-query';

/** Where each facet's values are named (owners carry their own label). */
const VOCABULARY: Record<FacetName, string | null> = {
  theme: 'catalog.themes',
  owner: null,
  sensitivity: 'catalog.sensitivities',
  geoLevel: 'catalog.geoLevels',
};

/** One facet as a checkable list with counts; one value at a time (the API filters by one). */
@Component({
  selector: 'cv-facet-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCheckboxModule, TranslocoPipe],
  template: `
    <fieldset>
      <legend>{{ 'catalog.facets.' + name() | transloco }}</legend>
      @for (facet of values(); track facet.value) {
        <mat-checkbox
          [attr.data-testid]="'facet-' + name() + '-' + facet.value"
          [checked]="checked() === facet.value"
          (change)="toggle.emit(facet.value)"
        >
          <span class="label">
            @if (vocabulary(); as vocabulary) {
              {{ vocabulary + '.' + facet.value | transloco }}
            } @else {
              {{ facet.label ?? facet.value }}
            }
          </span>
          <span class="count">({{ facet.count }})</span>
        </mat-checkbox>
      } @empty {
        <p class="none">{{ 'catalog.facets.none' | transloco }}</p>
      }
    </fieldset>
  `,
  styles: `
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0 0 4px;
    }
    mat-checkbox {
      min-width: 0;
    }
    .count,
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
    .count {
      margin-inline-start: 4px;
    }
    .none {
      margin: 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class FacetPanelComponent {
  readonly name = input.required<FacetName>();
  readonly values = input.required<readonly FacetCount[]>();
  readonly checked = input<string | null>(null);
  readonly toggle = output<string>();

  /** Where the values are translated; none for owners (their names come with the facet). */
  protected readonly vocabulary = computed(() => VOCABULARY[this.name()]);
}
