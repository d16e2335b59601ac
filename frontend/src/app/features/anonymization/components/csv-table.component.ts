import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** Rows of a CSV as a table (the sample before upload, the preview before and after): scrolls inside its box. */
@Component({
  selector: 'cv-csv-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <div class="scroll" tabindex="0" [attr.aria-label]="caption()">
      <table [attr.data-testid]="testId()">
        <caption class="visually-hidden">{{ caption() }}</caption>
        <thead>
          <tr>
            @if (lines().length) {
              <th scope="col" class="line">{{ 'anonymization.preview.line' | transloco }}</th>
            }
            @for (name of header(); track $index) {
              <th scope="col" [class.flagged]="flagged().includes(name)">{{ name }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track $index; let index = $index) {
            <tr data-testid="csv-row">
              @if (lines().length) {
                <td class="line">{{ lines()[index] }}</td>
              }
              @for (cell of row; track $index) {
                <td>{{ cell }}</td>
              }
            </tr>
          } @empty {
            <tr>
              <td class="muted" [attr.colspan]="header().length + (lines().length ? 1 : 0)">{{ 'anonymization.preview.noRows' | transloco }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .scroll {
      overflow: auto;
      max-width: 100%;
      max-height: 28rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    table {
      border-collapse: collapse;
      font: var(--mat-sys-body-small);
      width: max-content;
      min-width: 100%;
    }
    th,
    td {
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: start;
      white-space: nowrap;
      max-width: 16rem;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    th {
      position: sticky;
      top: 0;
      background: var(--mat-sys-surface-container);
    }
    th.flagged {
      color: var(--mat-sys-error);
    }
    .line {
      color: var(--mat-sys-on-surface-variant);
      text-align: end;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
})
export class CsvTableComponent {
  readonly header = input.required<readonly string[]>();
  readonly rows = input.required<readonly (readonly string[])[]>();
  /** Line numbers of the rows in the file (shown in a first column when given). */
  readonly lines = input<readonly number[]>([]);
  /** Column names to highlight (those with problems). */
  readonly flagged = input<readonly string[]>([]);
  readonly caption = input('');
  readonly testId = input('csv-table');
}
