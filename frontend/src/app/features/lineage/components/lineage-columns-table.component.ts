import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { LineageColumnEdge } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { datasetNodeId } from '../data-access/lineage-node-id';

/** Column-level lineage as a table: source dataset.field → target dataset.field, the transformation, masking and personal data. */
@Component({
  selector: 'cv-lineage-columns-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe],
  template: `
    @if (edges().length === 0) {
      <p class="muted" data-testid="columns-empty">{{ emptyKey() | transloco }}</p>
    } @else {
      <div class="table-scroll">
        <table [attr.data-testid]="testId()">
          <thead>
            <tr>
              <th scope="col">{{ 'lineage.columns.source' | transloco }}</th>
              <th scope="col">{{ 'lineage.columns.target' | transloco }}</th>
              <th scope="col">{{ 'lineage.columns.transformation' | transloco }}</th>
              <th scope="col">{{ 'lineage.columns.masking' | transloco }}</th>
              <th scope="col">{{ 'lineage.columns.personalData' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (edge of edges(); track $index) {
              <tr data-testid="column-edge" [attr.data-personal]="edge.personalData ?? 'none'" [class.personal]="!!edge.personalData">
                <td [attr.title]="edge.source.namespace">
                  @if (linkDatasets()) {
                    <a routerLink="/linaje" [queryParams]="{ node: node(edge.source) }">{{ edge.source.name }}</a>
                  } @else {
                    {{ edge.source.name }}
                  }
                  <div><code>{{ edge.source.field }}</code></div>
                </td>
                <td [attr.title]="edge.target.namespace">
                  @if (linkDatasets()) {
                    <a routerLink="/linaje" [queryParams]="{ node: node(edge.target) }" data-testid="column-edge-target-link">{{ edge.target.name }}</a>
                  } @else {
                    {{ edge.target.name }}
                  }
                  <div><code>{{ edge.target.field }}</code></div>
                </td>
                <td>
                  {{ edge.transformationType ?? '—' }}
                  @if (edge.transformationSubtype) {
                    <span class="muted">· {{ edge.transformationSubtype }}</span>
                  }
                  @if (edge.description) {
                    <div class="muted">{{ edge.description }}</div>
                  }
                </td>
                <td>
                  <span class="badge" [class.masked]="edge.masking" [class.unmasked]="!edge.masking" data-testid="column-edge-masking" [attr.data-masking]="edge.masking">
                    {{ (edge.masking ? 'lineage.columns.masked' : 'lineage.columns.unmasked') | transloco }}
                  </span>
                </td>
                <td>
                  @if (edge.personalData) {
                    <span class="badge kind-{{ edge.personalData }}" data-testid="column-edge-personal">{{ 'lineage.personalDataKinds.' + edge.personalData | transloco }}</span>
                  } @else {
                    <span class="muted">—</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styleUrl: './lineage-badges.scss',
  styles: `
    p { margin: 0; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .table-scroll { overflow-x: auto; max-width: 100%; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; }
    table { width: 100%; min-width: 600px; border-collapse: collapse; }
    th, td { padding: 8px 12px; text-align: start; vertical-align: top; border-bottom: 1px solid var(--mat-sys-outline-variant); overflow-wrap: anywhere; }
    th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); }
    tbody tr:last-child td { border-bottom: 0; }
    tr.personal { background: color-mix(in srgb, var(--mat-sys-error-container) 30%, transparent); }
  `,
})
export class LineageColumnsTableComponent {
  readonly edges = input.required<readonly LineageColumnEdge[]>();
  /** Link each dataset to the lineage explorer. */
  readonly linkDatasets = input(false);
  readonly emptyKey = input('lineage.columns.empty');
  readonly testId = input('column-edges');
  protected node(side: LineageColumnEdge['source']): string {
    return datasetNodeId(side.namespace, side.name);
  }
}
