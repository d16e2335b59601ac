import { COMMA, ENTER, SEMICOLON } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { type MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { TranslocoPipe } from '@jsverse/transloco';
import { type Observable, Subject, catchError, debounceTime, of, startWith, switchMap } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { IconComponent } from '../../../shared/icon/icon.component';

export interface CodeSuggestion {
  readonly value: string;
  readonly label: string;
}

/** Finds suggestions for what is typed; failing (an endpoint not there yet) means "type codes freely". */
export type SuggestFn = (text: string) => Observable<readonly CodeSuggestion[]>;

const SEPARATORS = [ENTER, COMMA, SEMICOLON] as const;

/**
 * A list of short values as chips (keywords, INEGI codes, SCIAN codes): typed (Enter or comma)
 * or picked from suggestions. Typed values must match `pattern`; the API checks the rest and its
 * field errors show below.
 */
@Component({
  selector: 'cv-code-chips-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatChipsModule, MatFormFieldModule, MatAutocompleteModule, TranslocoPipe, ControlErrorPipe, IconComponent],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ labelKey() | transloco }}</mat-label>
      <mat-chip-grid #grid [formControl]="control()" [attr.aria-label]="labelKey() | transloco">
        @for (value of values(); track value) {
          <mat-chip-row [value]="value" (removed)="remove(value)" [attr.data-testid]="testId() + '-chip'">
            {{ labelOf(value) }}
            <button matChipRemove type="button" [attr.aria-label]="'catalog.editor.removeValue' | transloco: { value }">
              <cv-icon name="close" />
            </button>
          </mat-chip-row>
        }
        <input
          #text
          [attr.data-testid]="testId()"
          [matChipInputFor]="grid"
          [matChipInputSeparatorKeyCodes]="separators"
          [matChipInputAddOnBlur]="!suggest()"
          [matAutocomplete]="auto"
          [matAutocompleteDisabled]="!suggest()"
          (matChipInputTokenEnd)="add($event)"
          (input)="typed.next(text.value)"
        />
      </mat-chip-grid>
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="pick($event, text)">
        @for (option of options(); track option.value) {
          <mat-option [value]="option.value" [attr.data-testid]="testId() + '-option'">{{ option.value }} · {{ option.label }}</mat-option>
        }
      </mat-autocomplete>
      @if (hintKey()) {
        <mat-hint>{{ hintKey() | transloco }}</mat-hint>
      }
      <mat-error>{{ control() | cvControlError: errorKeys }}</mat-error>
    </mat-form-field>
    @if (invalid()) {
      <p class="invalid" role="alert">{{ (patternKey() ?? 'validation.pattern') | transloco: { value: invalid() } }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    mat-form-field {
      width: 100%;
    }
    .cv-icon {
      width: 18px;
      height: 18px;
    }
    .invalid {
      margin: 0 0 8px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CodeChipsInputComponent {
  readonly control = input.required<FormControl<string[]>>();
  readonly labelKey = input.required<string>();
  readonly testId = input.required<string>();
  readonly hintKey = input<string | null>(null);
  readonly pattern = input<RegExp | null>(null);
  readonly patternKey = input<string | null>(null);
  readonly suggest = input<SuggestFn | null>(null);
  /** Names for known values (e.g. state names); values without one show as they are. */
  readonly labels = input<Readonly<Record<string, string>>>({});
  readonly maxLength = input(60);

  protected readonly separators = SEPARATORS;
  protected readonly errorKeys = { maxItems: 'catalog.editor.tooManyValues' };
  protected readonly typed = new Subject<string>();
  protected readonly invalid = signal('');
  protected readonly options = signal<readonly CodeSuggestion[]>([]);
  private readonly picked = signal<Record<string, string>>({});
  private readonly controlValue = toSignal(
    toObservable(this.control).pipe(switchMap((control) => control.valueChanges.pipe(startWith(control.value)))),
    { initialValue: [] as string[] },
  );
  protected readonly values = computed(() => this.controlValue() ?? []);

  constructor() {
    this.typed
      .pipe(
        debounceTime(250),
        switchMap((text) => {
          const suggest = this.suggest();
          return suggest ? suggest(text.trim()).pipe(catchError(() => of([]))) : of([]);
        }),
        takeUntilDestroyed(),
      )
      .subscribe((options) => this.options.set(options));
  }

  protected labelOf(value: string): string {
    const label = this.labels()[value] ?? this.picked()[value];
    return label ? `${value} · ${label}` : value;
  }

  protected add(event: MatChipInputEvent): void {
    const value = event.value.trim();
    if (!value) return;
    const pattern = this.pattern();
    if ((pattern && !pattern.test(value)) || value.length > this.maxLength()) {
      this.invalid.set(value);
      return;
    }
    this.invalid.set('');
    this.append(value);
    event.chipInput.clear();
  }

  protected pick(event: MatAutocompleteSelectedEvent, text: HTMLInputElement): void {
    const value = String(event.option.value);
    const label = this.options().find((option) => option.value === value)?.label;
    if (label) this.picked.update((labels) => ({ ...labels, [value]: label }));
    this.append(value);
    text.value = '';
    this.invalid.set('');
  }

  protected remove(value: string): void {
    const control = this.control();
    control.setValue(control.value.filter((current) => current !== value));
    control.markAsDirty();
  }

  private append(value: string): void {
    const control = this.control();
    if (!control.value.includes(value)) control.setValue([...control.value, value]);
    control.markAsDirty();
    control.markAsTouched();
  }
}
