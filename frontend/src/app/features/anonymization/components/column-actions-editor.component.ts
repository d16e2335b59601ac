import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { type FormArray, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ANONYMIZATION_COLUMN_ACTIONS, ANONYMIZATION_HIERARCHY_TYPES, type ColumnIdentifierKind } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { startWith, switchMap } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import type { Problem } from '../data-access/problem-placement';
import type { ColumnActionGroup } from './column-action-form';

/** Messages of the hierarchy fields' own validation errors. */
const WIDTHS_ERRORS = { widths: 'anonymization.columns.errors.widths', widthsNest: 'anonymization.columns.errors.widthsNest' };
const ROWS_ERRORS = { customRowsShort: 'anonymization.columns.errors.customRowsShort', customRowsWidth: 'anonymization.columns.errors.customRowsWidth' };

/**
 * One row per column of the file: what the catalog says of it, the action (keep, drop,
 * pseudonymize, generalize, sensitive) and, to generalize, the hierarchy with its widths or rows.
 * The API's problems with a column (with the CSV line) show under its row.
 */
@Component({
  selector: 'cv-column-actions-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, ControlErrorPipe],
  template: `
    @for (row of rows(); track row) {
      @let name = row.controls.name.value;
      @let kind = kinds()[name];
      @let rowProblems = problems()[name] ?? [];
      <div class="row" [formGroup]="row" data-testid="column-action-row" [attr.data-column]="name" [attr.data-action]="row.controls.action.value" [class.has-problems]="rowProblems.length > 0">
        <div class="name">
          <code data-testid="column-action-name">{{ name }}</code>
          @if (kind) {
            <span class="badge kind-{{ kind }}" data-testid="column-action-kind">{{ 'catalog.identifierKinds.' + kind | transloco }}</span>
          }
        </div>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'anonymization.columns.action' | transloco }}</mat-label>
          <mat-select formControlName="action" data-testid="column-action" [attr.aria-label]="'anonymization.columns.actionFor' | transloco: { name }">
            @for (action of actions; track action) {
              <mat-option [value]="action" [attr.data-testid]="'action-option-' + action">{{ 'anonymization.actions.' + action | transloco }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'anonymization.actionHints.' + row.controls.action.value | transloco }}</mat-hint>
        </mat-form-field>
        @if (row.controls.action.value === 'generalize') {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'anonymization.columns.hierarchy' | transloco }}</mat-label>
            <mat-select formControlName="hierarchy" data-testid="column-hierarchy">
              @for (type of hierarchies; track type) {
                <mat-option [value]="type" [attr.data-testid]="'hierarchy-option-' + type">{{ 'anonymization.hierarchies.' + type | transloco }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'anonymization.hierarchyHints.' + row.controls.hierarchy.value | transloco }}</mat-hint>
          </mat-form-field>
          @if (row.controls.hierarchy.value === 'interval') {
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'anonymization.columns.widths' | transloco }}</mat-label>
              <input matInput formControlName="widths" data-testid="column-widths" inputmode="decimal" autocomplete="off" />
              <mat-hint>{{ 'anonymization.columns.widthsHint' | transloco }}</mat-hint>
              <mat-error>{{ row.controls.widths | cvControlError: widthsErrors }}</mat-error>
            </mat-form-field>
          }
          @if (row.controls.hierarchy.value === 'custom') {
            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
              <mat-label>{{ 'anonymization.columns.customRows' | transloco }}</mat-label>
              <textarea matInput formControlName="customRows" rows="4" data-testid="column-custom-rows" spellcheck="false"></textarea>
              <mat-hint>{{ 'anonymization.columns.customRowsHint' | transloco }}</mat-hint>
              <mat-error>{{ row.controls.customRows | cvControlError: rowsErrors }}</mat-error>
            </mat-form-field>
          }
        }
        @if (rowProblems.length) {
          <ul class="problems wide" role="alert" data-testid="column-problems">
            @for (problem of rowProblems; track $index) {
              <li data-testid="column-problem">
                @if (problem.line !== undefined) {
                  <strong>{{ 'anonymization.problems.line' | transloco: { line: problem.line } }}</strong>
                }
                {{ problem.message }}
              </li>
            }
          </ul>
        }
      </div>
    } @empty {
      <p class="muted" data-testid="column-actions-empty">{{ 'anonymization.columns.empty' | transloco }}</p>
    }
  `,
  styleUrls: ['../../catalog/components/catalog-badges.scss', './column-actions-editor.component.scss'],
})
export class ColumnActionsEditorComponent {
  readonly array = input.required<FormArray<ColumnActionGroup>>();
  /** The catalog's identifier kind of each column, when the file is a copy of a catalog dataset. */
  readonly kinds = input<Readonly<Record<string, ColumnIdentifierKind>>>({});
  /** The API's problems by column name. */
  readonly problems = input<Readonly<Partial<Record<string, readonly Problem[]>>>>({});
  protected readonly actions = ANONYMIZATION_COLUMN_ACTIONS;
  protected readonly hierarchies = ANONYMIZATION_HIERARCHY_TYPES;
  protected readonly widthsErrors = WIDTHS_ERRORS;
  protected readonly rowsErrors = ROWS_ERRORS;
  /** Re-reads the rows whenever the list or a row changes, also when it is refilled from outside. */
  private readonly value = toSignal(toObservable(this.array).pipe(switchMap((array) => array.valueChanges.pipe(startWith(array.value)))));
  protected readonly rows = computed(() => {
    this.value();
    return [...this.array().controls];
  });
}
