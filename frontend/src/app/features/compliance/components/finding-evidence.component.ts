import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { FindingEvidence } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { datasetLabel, factEntries } from '../data-access/finding-format';

/** A finding's evidence: the OpenLineage events, the data edges (fields, masking) and the rule's facts. */
@Component({
  selector: 'cv-finding-evidence',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe],
  template: `
    <h3>{{ 'compliance.evidence.edges' | transloco }}</h3>
    @if (evidence().edges.length) {
      <div class="table-scroll">
        <table data-testid="evidence-edges">
          <thead>
            <tr>
              <th scope="col">{{ 'compliance.evidence.source' | transloco }}</th>
              <th scope="col">{{ 'compliance.evidence.target' | transloco }}</th>
              <th scope="col">{{ 'compliance.evidence.masking' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (edge of evidence().edges; track $index) {
              <tr data-testid="evidence-edge">
                <td>
                  @if (linkLineage()) {
                    <a routerLink="/linaje" [queryParams]="{ node: edge.source }" data-testid="evidence-source-link">{{ label(edge.source) }}</a>
                  } @else {
                    {{ label(edge.source) }}
                  }
                  @if (edge.sourceField) {
                    <div><code>{{ edge.sourceField }}</code></div>
                  }
                </td>
                <td>
                  @if (linkLineage()) {
                    <a routerLink="/linaje" [queryParams]="{ node: edge.target }">{{ label(edge.target) }}</a>
                  } @else {
                    {{ label(edge.target) }}
                  }
                  @if (edge.targetField) {
                    <div><code>{{ edge.targetField }}</code></div>
                  }
                </td>
                <td>
                  @if (edge.masking === undefined) {
                    —
                  } @else {
                    <span class="badge" [class.masked]="edge.masking" [class.unmasked]="!edge.masking" data-testid="evidence-masking" [attr.data-masking]="edge.masking">
                      {{ (edge.masking ? 'compliance.evidence.masked' : 'compliance.evidence.unmasked') | transloco }}
                    </span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="muted">{{ 'compliance.evidence.noEdges' | transloco }}</p>
    }

    <h3>{{ 'compliance.evidence.facts' | transloco }}</h3>
    @if (facts().length) {
      <dl class="facts" data-testid="evidence-facts">
        @for (fact of facts(); track fact.key) {
          <dt>{{ fact.key }}</dt>
          <dd data-testid="evidence-fact" [attr.data-key]="fact.key">{{ fact.value }}</dd>
        }
      </dl>
    } @else {
      <p class="muted">{{ 'compliance.evidence.noFacts' | transloco }}</p>
    }

    <h3>{{ 'compliance.evidence.events' | transloco }}</h3>
    @if (evidence().eventIds.length) {
      <ul class="events" data-testid="evidence-events">
        @for (eventId of evidence().eventIds; track eventId) {
          <li><code>{{ eventId }}</code></li>
        }
      </ul>
    } @else {
      <p class="muted">{{ 'compliance.evidence.noEvents' | transloco }}</p>
    }
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
    h3 { font: var(--mat-sys-title-small); margin: 8px 0 0; }
    p { margin: 0; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .table-scroll { overflow-x: auto; max-width: 100%; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; }
    table { width: 100%; min-width: 520px; border-collapse: collapse; }
    th, td { padding: 8px 12px; text-align: start; vertical-align: top; border-bottom: 1px solid var(--mat-sys-outline-variant); overflow-wrap: anywhere; }
    th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); }
    tbody tr:last-child td { border-bottom: 0; }
    .badge { display: inline-block; padding: 2px 8px; border-radius: 12px; font: var(--mat-sys-label-medium); white-space: nowrap; }
    .masked { background: #dff5e3; color: #0f5223; }
    .unmasked { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .facts { display: grid; grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr); gap: 4px 16px; margin: 0; }
    .facts dt { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); }
    .facts dd { margin: 0; overflow-wrap: anywhere; }
    .events { margin: 0; padding-inline-start: 20px; }
  `,
})
export class FindingEvidenceComponent {
  readonly evidence = input.required<FindingEvidence>();
  /** Link the datasets to the lineage explorer (for those who may read the graph). */
  readonly linkLineage = input(false);
  protected readonly facts = computed(() => factEntries(this.evidence().facts));
  protected readonly label = datasetLabel;
}
