import { ENTER } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { type MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { TranslocoPipe } from '@jsverse/transloco';
import { startWith, switchMap } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { IconComponent } from '../../../shared/icon/icon.component';
import { AGREEMENT_LIMITS } from '../data-access/agreement-form';

/**
 * A list of uses as chips (permitted or prohibited). Only Enter adds one: a use is a sentence
 * and may hold commas. Each must be 3 to 500 characters, as the contract says.
 */
@Component({
  selector: 'cv-uses-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatChipsModule, MatFormFieldModule, TranslocoPipe, ControlErrorPipe, IconComponent],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ labelKey() | transloco }}</mat-label>
      <mat-chip-grid #grid [formControl]="control()" [attr.aria-label]="labelKey() | transloco">
        @for (value of values(); track value) {
          <mat-chip-row (removed)="remove(value)" [attr.data-testid]="testId() + '-chip'">
            {{ value }}
            <button matChipRemove type="button" [attr.aria-label]="'agreements.form.removeUse' | transloco: { value }">
              <cv-icon name="close" />
            </button>
          </mat-chip-row>
        }
        <input [attr.data-testid]="testId()" [matChipInputFor]="grid" [matChipInputSeparatorKeyCodes]="separators" [matChipInputAddOnBlur]="true" (matChipInputTokenEnd)="add($event)" />
      </mat-chip-grid>
      <mat-hint>{{ 'agreements.form.usesHint' | transloco }}</mat-hint>
      <mat-error>{{ control() | cvControlError: { maxItems: 'agreements.form.tooManyUses' } }}</mat-error>
    </mat-form-field>
    @if (invalid()) {
      <p class="invalid" role="alert" [attr.data-testid]="testId() + '-invalid'">{{ 'agreements.form.useLength' | transloco: limits }}</p>
    }
  `,
  styles: `
    :host { display: block; min-width: 0; }
    mat-form-field { width: 100%; }
    .cv-icon { width: 18px; height: 18px; }
    .invalid { margin: 0 0 8px; color: var(--mat-sys-error); font: var(--mat-sys-body-small); }
  `,
})
export class UsesInputComponent {
  readonly control = input.required<FormControl<string[]>>();
  readonly labelKey = input.required<string>();
  readonly testId = input.required<string>();

  protected readonly separators = [ENTER] as const;
  protected readonly limits = AGREEMENT_LIMITS.use;
  protected readonly invalid = signal(false);
  private readonly controlValue = toSignal(toObservable(this.control).pipe(switchMap((control) => control.valueChanges.pipe(startWith(control.value)))), {
    initialValue: [] as string[],
  });
  protected readonly values = computed(() => this.controlValue() ?? []);

  protected add(event: MatChipInputEvent): void {
    const value = event.value.trim();
    if (!value) return;
    if (value.length < this.limits.min || value.length > this.limits.max) {
      this.invalid.set(true);
      return;
    }
    this.invalid.set(false);
    const control = this.control();
    if (!control.value.includes(value)) control.setValue([...control.value, value]);
    control.markAsDirty();
    control.markAsTouched();
    event.chipInput.clear();
  }

  protected remove(value: string): void {
    const control = this.control();
    control.setValue(control.value.filter((current) => current !== value));
    control.markAsDirty();
  }
}
