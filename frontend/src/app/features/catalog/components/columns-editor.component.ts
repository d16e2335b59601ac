import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { type FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { COLUMN_TYPES, IDENTIFIER_KINDS, type ColumnIdentifierKind, type DatasetColumn } from '@convenio/contracts';
import { startWith, switchMap } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { IconComponent } from '../../../shared/icon/icon.component';
import { COLUMN_NAME_MAX, type ColumnFormValue, emptyColumn } from '../data-access/dataset-form';

export type ColumnGroup = FormGroup<{
  name: FormControl<string>;
  type: FormControl<DatasetColumn['type']>;
  identifierKind: FormControl<ColumnIdentifierKind>;
  description: FormControl<string>;
}>;

export function columnGroup(value: ColumnFormValue = emptyColumn()): ColumnGroup {
  return new FormGroup({
    name: new FormControl(value.name, { nonNullable: true, validators: [Validators.required, Validators.maxLength(COLUMN_NAME_MAX)] }),
    type: new FormControl(value.type, { nonNullable: true }),
    identifierKind: new FormControl(value.identifierKind, { nonNullable: true }),
    description: new FormControl(value.description, { nonNullable: true, validators: Validators.maxLength(500) }),
  });
}

/** The columns list of the editor: name, type, identifier kind and description per column. */
@Component({
  selector: 'cv-columns-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, ControlErrorPipe, IconComponent],
  template: `
    @for (row of rows(); track row; let index = $index) {
      <div class="row" [formGroup]="row" data-testid="column-row" [attr.data-kind]="row.controls.identifierKind.value" [class.direct]="row.controls.identifierKind.value === 'direct'">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'catalog.columns.name' | transloco }}</mat-label>
          <input matInput formControlName="name" data-testid="column-name" />
          <mat-error>{{ row.controls.name | cvControlError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'catalog.columns.type' | transloco }}</mat-label>
          <mat-select formControlName="type" data-testid="column-type">
            @for (type of types; track type) {
              <mat-option [value]="type">{{ 'catalog.columnTypes.' + type | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'catalog.columns.identifierKind' | transloco }}</mat-label>
          <mat-select formControlName="identifierKind" data-testid="column-kind">
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind" [attr.data-testid]="'column-kind-' + kind">{{ 'catalog.identifierKinds.' + kind | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'catalog.columns.description' | transloco }}</mat-label>
          <input matInput formControlName="description" data-testid="column-description" />
          <mat-error>{{ row.controls.description | cvControlError }}</mat-error>
        </mat-form-field>
        <button mat-icon-button type="button" data-testid="column-remove" [attr.aria-label]="'catalog.columns.remove' | transloco: { name: row.controls.name.value }" (click)="remove(index)">
          <cv-icon name="delete" />
        </button>
      </div>
    } @empty {
      <p class="muted" data-testid="columns-empty">{{ 'catalog.columns.empty' | transloco }}</p>
    }
    <div>
      <button mat-stroked-button type="button" data-testid="column-add" (click)="add()">
        <cv-icon name="add" />
        {{ 'catalog.columns.add' | transloco }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
      container-type: inline-size;
    }
    .row {
      display: grid;
      gap: 8px;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
      padding: 8px;
      border-radius: 8px;
      border-inline-start: 4px solid transparent;
    }
    .row > mat-form-field {
      grid-column: 1;
    }
    .row > button {
      grid-column: 2;
      grid-row: 1;
    }
    @container (min-width: 720px) {
      .row {
        grid-template-columns: minmax(8rem, 1.2fr) minmax(7rem, 0.8fr) minmax(10rem, 1fr) minmax(10rem, 1.6fr) auto;
      }
      .row > mat-form-field,
      .row > button {
        grid-column: auto;
        grid-row: auto;
      }
    }
    .row.direct {
      border-inline-start-color: var(--mat-sys-error);
      background: color-mix(in srgb, var(--mat-sys-error-container) 35%, transparent);
    }
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ColumnsEditorComponent {
  readonly array = input.required<FormArray<ColumnGroup>>();
  protected readonly types = COLUMN_TYPES;
  protected readonly kinds = IDENTIFIER_KINDS;
  /** Re-reads the rows whenever the list changes, also when it is refilled from outside. */
  private readonly value = toSignal(toObservable(this.array).pipe(switchMap((array) => array.valueChanges.pipe(startWith(array.value)))));
  protected readonly rows = computed(() => {
    this.value();
    return [...this.array().controls];
  });

  protected add(): void {
    this.array().push(columnGroup());
  }

  protected remove(index: number): void {
    this.array().removeAt(index);
  }
}
