import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { DATASET_THEMES, GEO_LEVELS, type GeoLevel, foldForSearch } from '@convenio/contracts';
import { type Observable, catchError, map, of, startWith, switchMap } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { MEXICAN_STATES, stateName } from '../../../shared/geo/mexican-states';
import { IconComponent } from '../../../shared/icon/icon.component';
// The catalog's generic chips input for INEGI/SCIAN codes (typed or picked from suggestions).
import { type CodeSuggestion, CodeChipsInputComponent, type SuggestFn } from '../../catalog/components/code-chips-input.component';
import { DiagnosticsApi } from '../data-access/diagnostics.api';
import type { NeedForm } from '../data-access/need-form';

const GEO_CODE_DIGITS: Record<GeoLevel, number> = { national: 0, state: 2, municipality: 5, locality: 9 };
const SECTOR_LEVELS = [2, 3, 4, 5, 6] as const;

/** One data need of the wizard's second step: what, where (INEGI), which sector (SCIAN), when, about people or not. */
@Component({
  selector: 'cv-need-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, TranslocoPipe, ControlErrorPipe, IconComponent, CodeChipsInputComponent],
  template: `
    <fieldset [formGroup]="form()" [attr.data-testid]="'need-' + index()">
      <legend>{{ 'diagnostics.needs.legend' | transloco: { n: index() + 1 } }}</legend>
      <div class="grid">
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'diagnostics.needs.topic' | transloco }}</mat-label>
          <input matInput formControlName="topic" [attr.data-testid]="'need-topic-' + index()" />
          <mat-error>{{ form().controls.topic | cvControlError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'diagnostics.needs.theme' | transloco }}</mat-label>
          <mat-select formControlName="theme" [attr.data-testid]="'need-theme-' + index()">
            @for (theme of themes; track theme) {
              <mat-option [value]="theme">{{ 'catalog.themes.' + theme | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'diagnostics.needs.geoLevel' | transloco }}</mat-label>
          <mat-select formControlName="geoLevel" [attr.data-testid]="'need-geo-level-' + index()" (selectionChange)="form().controls.geoCodes.setValue([])">
            @for (level of geoLevels; track level) {
              <mat-option [value]="level">{{ 'catalog.geoLevels.' + level | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (geoLevel() !== 'national') {
          <cv-code-chips-input
            class="wide"
            [control]="form().controls.geoCodes"
            labelKey="diagnostics.needs.geoCodes"
            [testId]="'need-geo-codes-' + index()"
            hintKey="diagnostics.needs.geoCodesHint"
            [pattern]="geoPattern()"
            patternKey="catalog.editor.invalidCode"
            [suggest]="geoSuggest()"
            [labels]="geoLevel() === 'state' ? stateLabels() : {}"
          />
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'diagnostics.needs.sectorLevel' | transloco }}</mat-label>
          <mat-select formControlName="sectorLevel" [attr.data-testid]="'need-sector-level-' + index()" (selectionChange)="form().controls.sectorCodes.setValue([])">
            <mat-option [value]="null">{{ 'diagnostics.needs.noSector' | transloco }}</mat-option>
            @for (level of sectorLevels; track level) {
              <mat-option [value]="level">{{ 'diagnostics.needs.digits' | transloco: { digits: level } }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (sectorLevel()) {
          <cv-code-chips-input
            class="wide"
            [control]="form().controls.sectorCodes"
            labelKey="diagnostics.needs.sectorCodes"
            [testId]="'need-sector-codes-' + index()"
            [pattern]="sectorPattern()"
            patternKey="catalog.editor.invalidCode"
            [suggest]="scianSuggest"
          />
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'diagnostics.needs.periodFrom' | transloco }}</mat-label>
          <input matInput type="date" formControlName="periodFrom" [attr.data-testid]="'need-period-from-' + index()" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'diagnostics.needs.periodTo' | transloco }}</mat-label>
          <input matInput type="date" formControlName="periodTo" [attr.data-testid]="'need-period-to-' + index()" />
        </mat-form-field>
        <mat-slide-toggle formControlName="personalData" [attr.data-testid]="'need-personal-data-' + index()">{{ 'diagnostics.needs.personalData' | transloco }}</mat-slide-toggle>
      </div>
      @if (removable()) {
        <button mat-button type="button" class="remove" [attr.data-testid]="'need-remove-' + index()" (click)="remove.emit()">
          <cv-icon name="delete" />
          {{ 'diagnostics.needs.remove' | transloco }}
        </button>
      }
    </fieldset>
  `,
  styles: `
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      margin: 0 0 16px;
      min-width: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0 4px;
    }
    .grid {
      display: grid;
      gap: 8px 16px;
      align-items: center;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    }
    .wide {
      grid-column: 1 / -1;
    }
    .remove {
      margin-top: 8px;
    }
  `,
})
export class NeedEditorComponent {
  private readonly api = inject(DiagnosticsApi);
  private readonly locale = inject(LanguageService).active;
  readonly form = input.required<NeedForm>();
  readonly index = input.required<number>();
  readonly removable = input(true);
  readonly remove = output<void>();

  protected readonly themes = DATASET_THEMES;
  protected readonly geoLevels = GEO_LEVELS;
  protected readonly sectorLevels = SECTOR_LEVELS;

  protected readonly geoLevel = toSignal(
    toObservable(this.form).pipe(switchMap((form) => form.controls.geoLevel.valueChanges.pipe(startWith(form.controls.geoLevel.value)))),
    { initialValue: 'state' as GeoLevel },
  );
  protected readonly sectorLevel = toSignal(
    toObservable(this.form).pipe(switchMap((form) => form.controls.sectorLevel.valueChanges.pipe(startWith(form.controls.sectorLevel.value)))),
    { initialValue: null },
  );
  protected readonly geoPattern = computed(() => new RegExp(`^\\d{${GEO_CODE_DIGITS[this.geoLevel()] || 2}}$`));
  protected readonly sectorPattern = computed(() => new RegExp(`^\\d{${this.sectorLevel() ?? 2}}$`));

  /** The 32 states from the reference API, or the portal's own list when it is not there. */
  private readonly states = toSignal(
    this.api.states().pipe(
      map((states): CodeSuggestion[] => states.map((state) => ({ value: state.code, label: state.name }))),
      catchError(() => of(MEXICAN_STATES.map((state): CodeSuggestion => ({ value: state.code, label: state.name })))),
    ),
    { initialValue: MEXICAN_STATES.map((state): CodeSuggestion => ({ value: state.code, label: state.name })) },
  );
  protected readonly stateLabels = computed(() => Object.fromEntries(this.states().map((state) => [state.value, stateName(state.value, this.locale()) || state.label])));
  protected readonly geoSuggest = computed<SuggestFn | null>(() => {
    const level = this.geoLevel();
    if (level === 'state') return (text) => of(this.matchingStates(text));
    if (level === 'municipality') {
      return (text): Observable<CodeSuggestion[]> =>
        this.api.municipalities(text).pipe(map((page) => page.items.map((municipality) => ({ value: municipality.code, label: `${municipality.name}, ${stateName(municipality.stateCode, this.locale())}` }))));
    }
    return null;
  });
  protected readonly scianSuggest: SuggestFn = (text) =>
    this.api.scian(text, this.form().controls.sectorLevel.value ?? undefined).pipe(map((page) => page.items.map((entry) => ({ value: entry.code, label: entry.title }))));

  private matchingStates(text: string): CodeSuggestion[] {
    const wanted = foldForSearch(text);
    return this.states()
      .filter((state) => state.value.startsWith(text) || foldForSearch(state.label).includes(wanted))
      .map((state) => ({ value: state.value, label: this.stateLabels()[state.value] ?? state.label }));
  }
}
