import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { type FormControl, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Organization } from '@convenio/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { OrganizationsApi } from '../../organizations/data-access/organizations.api';

/** What the picker's control holds: the chosen organization, or the text being typed. */
export type OrganizationChoice = Organization | string | null;

export const isOrganization = (value: OrganizationChoice): value is Organization => typeof value === 'object' && value !== null;

/** Validator: an organization was picked from the list (not just typed). */
export function organizationChosen(control: { value: OrganizationChoice }): ValidationErrors | null {
  const value = control.value;
  if (value === null || value === '') return null;
  return isOrganization(value) ? null : { organization: true };
}

/** Autocomplete over `/organizations?q=` (active ones); the control receives the organization. */
@Component({
  selector: 'cv-organization-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule, TranslocoPipe, ControlErrorPipe],
  template: `
    <mat-form-field appearance="outline" [subscriptSizing]="dense() ? 'dynamic' : 'fixed'">
      <mat-label>{{ labelKey() | transloco }}</mat-label>
      <input matInput [formControl]="control()" [matAutocomplete]="auto" [attr.data-testid]="testId()" [required]="required()" />
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="display" autoActiveFirstOption>
        @for (organization of options(); track organization.id) {
          <mat-option [value]="organization" data-testid="organization-option">{{ organization.name }}</mat-option>
        }
      </mat-autocomplete>
      <mat-error>{{ control() | cvControlError }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
})
export class OrganizationPickerComponent {
  private readonly api = inject(OrganizationsApi);
  readonly control = input.required<FormControl<OrganizationChoice>>();
  readonly labelKey = input('users.fields.organization');
  readonly testId = input('organization-picker');
  readonly required = input(false);
  readonly dense = input(false);
  protected readonly options = signal<Organization[]>([]);
  protected readonly display = (value: OrganizationChoice): string => (isOrganization(value) ? value.name : (value ?? ''));

  constructor() {
    toObservable(this.control)
      .pipe(
        switchMap((control) => control.valueChanges.pipe(startWith(control.value))),
        map((value) => (isOrganization(value) ? value.name : (value ?? ''))),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => this.api.search(q.trim()).pipe(catchError(() => of({ items: [] as Organization[] })))),
        takeUntilDestroyed(),
      )
      .subscribe((page) => this.options.set(page.items));
  }
}
