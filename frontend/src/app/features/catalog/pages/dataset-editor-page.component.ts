import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  type CsvProfile,
  DATASET_THEMES,
  type Dataset,
  type GeoLevel,
  type User,
  GEO_LEVELS,
  PERIODICITIES,
  SENSITIVITIES,
  foldForSearch,
} from '@convenio/contracts';
import { type Observable, catchError, map, of, startWith } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SessionService } from '../../../core/session/session.service';
import { describeError } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { MEXICAN_STATES, stateName } from '../../../shared/geo/mexican-states';
import { type CodeSuggestion, CodeChipsInputComponent, type SuggestFn } from '../components/code-chips-input.component';
import { ColumnsEditorComponent } from '../components/columns-editor.component';
import { ProfileStepComponent } from '../components/profile-step.component';
import { CatalogApi } from '../data-access/catalog.api';
import { CatalogPermissions } from '../data-access/catalog-permissions';
import { GEO_CODE_LENGTH, columnsFromProfile, datasetToFormValue, toCreateRequest, toUpdateRequest } from '../data-access/dataset-form';
import { placeServerErrors } from '../data-access/form-errors';
import { buildDatasetForm, fillDatasetForm, setColumns } from './dataset-editor.form';

const SCIAN_CODE = /^\d{2}(-\d{2})?\d{0,4}$/;
const SECTOR_LEVELS = [2, 3, 4, 5, 6] as const;

/**
 * `/catalogo/nuevo` and `/catalogo/:id/editar`: a steward describes a dataset of their organization
 * (every field of the contract), profiles a sample CSV to fill the columns, and saves it as a
 * draft or published. The API's field errors show next to the fields.
 */
@Component({
  selector: 'cv-dataset-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    ControlErrorPipe,
    CodeChipsInputComponent,
    ColumnsEditorComponent,
    ProfileStepComponent,
  ],
  templateUrl: './dataset-editor-page.component.html',
  styleUrls: ['../../../shared/styles/form-page.scss', './dataset-editor-page.component.scss'],
})
export class DatasetEditorPageComponent {
  private readonly api = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly permissions = inject(CatalogPermissions);
  private readonly session = inject(SessionService);
  protected readonly locale = inject(LanguageService).active;
  /** The route's `:id` when editing; absent for a new dataset. */
  readonly id = input<string>();

  protected readonly themes = DATASET_THEMES;
  protected readonly sensitivities = SENSITIVITIES;
  protected readonly geoLevels = GEO_LEVELS;
  protected readonly periodicities = PERIODICITIES;
  protected readonly sectorLevels = SECTOR_LEVELS;
  protected readonly form = buildDatasetForm();
  protected readonly existing = signal<Dataset | null>(null);
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly errorText = signal('');
  protected readonly unplaced = signal<string[]>([]);
  /** The stewards of the owner organization (the creator's, for a new dataset). */
  protected readonly stewards = signal<User[]>([]);
  protected readonly editing = computed(() => !!this.id());
  protected readonly allowed = computed(() => {
    const existing = this.existing();
    return existing ? this.permissions.canEdit(existing) : !this.id() && this.permissions.canCreate();
  });
  protected readonly geoLevel = toSignal(this.form.controls.geoLevel.valueChanges.pipe(startWith(this.form.controls.geoLevel.value)), { requireSync: true });
  protected readonly status = toSignal(this.form.controls.status.valueChanges.pipe(startWith(this.form.controls.status.value)), { requireSync: true });
  protected readonly geoPattern = computed(() => new RegExp(`^\\d{${GEO_CODE_LENGTH[this.geoLevel()] || 2}}$`));
  protected readonly scianPattern = SCIAN_CODE;

  /** The 32 states from the reference API, or the portal's own list when it is not there. */
  private readonly states = toSignal(
    this.api.states().pipe(
      map((states): CodeSuggestion[] => states.map((state) => ({ value: state.code, label: state.name }))),
      catchError(() => of(MEXICAN_STATES.map((state): CodeSuggestion => ({ value: state.code, label: state.name })))),
    ),
    { initialValue: MEXICAN_STATES.map((state): CodeSuggestion => ({ value: state.code, label: state.name })) },
  );
  protected readonly stateLabels = computed(() => Object.fromEntries(this.states().map((state) => [state.value, stateName(state.value, this.locale()) || state.label])));
  protected readonly geoSuggest = computed<SuggestFn | null>(() => this.suggestFor(this.geoLevel()));
  protected readonly scianSuggest: SuggestFn = (text) =>
    this.api.scian(text, this.form.controls.sectorLevel.value).pipe(map((page) => page.items.map((entry) => ({ value: entry.code, label: entry.title }))));

  constructor() {
    effect(() => {
      const id = this.id();
      if (id) untracked(() => this.load(id));
    });
    effect(() => {
      const organizationId = this.existing()?.ownerOrganizationId ?? (this.id() ? null : this.session.user()?.organization.id);
      if (organizationId) untracked(() => this.loadStewards(organizationId));
    });
  }

  /** A level chosen by the person needs codes of another length: the old ones no longer apply. */
  protected levelChanged(): void {
    this.form.controls.geoCodes.setValue([]);
  }

  protected acceptProfile(profile: CsvProfile): void {
    setColumns(this.form, columnsFromProfile(this.form.controls.columns.getRawValue(), profile));
  }

  protected save(): void {
    this.unplaced.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.errorText.set(this.transloco.translate('common.fixFields'));
      return;
    }
    const value = this.form.getRawValue();
    const existing = this.existing();
    const request = existing ? this.api.update(existing.id, toUpdateRequest(value)) : this.api.create(toCreateRequest(value));
    this.saving.set(true);
    this.errorText.set('');
    request.subscribe({
      next: (dataset) => {
        this.saving.set(false);
        this.form.markAsPristine();
        void this.router.navigate(['/catalogo', dataset.id]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const body = toErrorResponse(error);
        const unplaced = placeServerErrors(this.form, body);
        const placed = Array.isArray(body.details) && unplaced.length < body.details.length;
        this.unplaced.set(unplaced);
        const message = describeError(body);
        this.errorText.set(placed ? this.transloco.translate('common.fixFields') : this.transloco.translate(message.key, message.params));
      },
    });
  }

  private load(id: string): void {
    this.loading.set(true);
    this.api.get(id).subscribe({
      next: (dataset) => {
        this.loading.set(false);
        this.existing.set(dataset);
        fillDatasetForm(this.form, datasetToFormValue(dataset));
      },
      error: (error: unknown) => {
        this.loading.set(false);
        const message = describeError(toErrorResponse(error));
        this.errorText.set(this.transloco.translate(message.key, message.params));
      },
    });
  }

  private loadStewards(organizationId: string): void {
    this.api.stewards(organizationId).subscribe({ next: (page) => this.stewards.set(page.items), error: () => this.stewards.set([]) });
  }

  private suggestFor(level: GeoLevel): SuggestFn | null {
    if (level === 'state') {
      return (text) => of(this.matchingStates(text));
    }
    if (level === 'municipality') {
      return (text): Observable<CodeSuggestion[]> =>
        this.api.municipalities(text).pipe(map((page) => page.items.map((municipality) => ({ value: municipality.code, label: `${municipality.name}, ${stateName(municipality.stateCode, this.locale())}` }))));
    }
    return null;
  }

  private matchingStates(text: string): CodeSuggestion[] {
    const wanted = foldForSearch(text);
    return this.states()
      .filter((state) => state.value.startsWith(text) || foldForSearch(state.label).includes(wanted))
      .map((state) => ({ value: state.value, label: this.stateLabels()[state.value] ?? state.label }));
  }
}
