import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { DatasetColumn } from '@convenio/contracts';

/** The columns of a dataset; direct identifiers stand out (they make a person identifiable alone). */
@Component({
  selector: 'cv-dataset-columns',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    @if (columns().length === 0) {
      <p class="muted" data-testid="dataset-columns-empty">{{ 'catalog.dataset.noColumns' | transloco }}</p>
    } @else {
      <div class="table-scroll">
        <table data-testid="dataset-columns">
          <thead>
            <tr>
              <th scope="col">{{ 'catalog.columns.name' | transloco }}</th>
              <th scope="col">{{ 'catalog.columns.type' | transloco }}</th>
              <th scope="col">{{ 'catalog.columns.identifierKind' | transloco }}</th>
              <th scope="col">{{ 'catalog.columns.description' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (column of columns(); track column.name) {
              <tr data-testid="column-row" [attr.data-kind]="column.identifierKind" [class.direct]="column.identifierKind === 'direct'">
                <td class="name"><code>{{ column.name }}</code></td>
                <td>{{ 'catalog.columnTypes.' + column.type | transloco }}</td>
                <td>
                  <span class="badge kind-{{ column.identifierKind }}" data-testid="column-kind">
                    {{ 'catalog.identifierKinds.' + column.identifierKind | transloco }}
                  </span>
                </td>
                <td>{{ column.description ?? '' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styleUrls: ['./catalog-badges.scss'],
  styles: `
    .table-scroll {
      overflow-x: auto;
      max-width: 100%;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    table {
      width: 100%;
      min-width: 560px;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 8px 12px;
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    tbody tr:last-child td {
      border-bottom: 0;
    }
    tr.direct {
      background: color-mix(in srgb, var(--mat-sys-error-container) 45%, transparent);
    }
    .name code {
      word-break: break-all;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DatasetColumnsComponent {
  readonly columns = input.required<readonly DatasetColumn[]>();
}
