import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { ANONYMIZATION_MAX_UPLOAD_BYTES, type ColumnIdentifierKind, type Dataset, type ErrorDetail, type ErrorResponse } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { finalize, map, startWith } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SessionService } from '../../../core/session/session.service';
import { describeError } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { CatalogApi } from '../../catalog/data-access/catalog.api';
import { ColumnActionsEditorComponent } from '../components/column-actions-editor.component';
import { CsvTableComponent } from '../components/csv-table.component';
import { AnonymizationApi } from '../data-access/anonymization.api';
import { AnonymizationPermissions } from '../data-access/anonymization-permissions';
import { catalogColumnFor, defaultColumnActions } from '../data-access/column-defaults';
import { type CsvSample, delimiterKey, readSample } from '../data-access/csv-sample';
import { buildPolicy, checkPolicy, sensitiveColumns } from '../data-access/policy-form';
import { NO_PROBLEMS, type PlacedProblems, type Problem, detailsOf, placeProblems } from '../data-access/problem-placement';
import { buildNewJobForm, policyFormValue, setColumnActions } from './new-job.form';

/**
 * `/anonimizacion/nueva`: a steward picks the catalog dataset the file is a copy of (optional;
 * its identifier kinds set each column's default action), chooses a sample CSV (its header and
 * first rows are read here, in the browser), sets an action per column and the privacy model
 * (k, suppression limit, ℓ-diversity), and starts the job. The API's problems show next to the
 * columns and fields they name, with the CSV line.
 */
@Component({
  selector: 'cv-new-anonymization-job-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    ControlErrorPipe,
    ColumnActionsEditorComponent,
    CsvTableComponent,
  ],
  templateUrl: './new-anonymization-job-page.component.html',
  styleUrls: ['../../../shared/styles/form-page.scss', '../../../shared/styles/file-upload.scss', './new-anonymization-job-page.component.scss'],
})
export class NewAnonymizationJobPageComponent {
  private readonly api = inject(AnonymizationApi);
  private readonly catalog = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly session = inject(SessionService);
  private readonly permissions = inject(AnonymizationPermissions);
  protected readonly locale = inject(LanguageService).active;
  /** `?datasetId=`: the catalog dataset the file is a copy of. */
  readonly datasetId = input<string>();

  protected readonly form = buildNewJobForm();
  protected readonly maxBytes = ANONYMIZATION_MAX_UPLOAD_BYTES;
  protected readonly wholeNumber = { pattern: 'anonymization.new.wholeNumber' };
  protected readonly datasets = signal<Dataset[]>([]);
  protected readonly dataset = signal<Dataset | null>(null);
  protected readonly file = signal<File | null>(null);
  protected readonly sample = signal<CsvSample | null>(null);
  protected readonly reading = signal(false);
  protected readonly submitting = signal(false);
  protected readonly errorText = signal('');
  protected readonly placed = signal<PlacedProblems>(NO_PROBLEMS);
  protected readonly allowed = computed(() => this.permissions.canCreate());
  protected readonly delimiterKey = computed(() => {
    const sample = this.sample();
    return sample ? `anonymization.delimiters.${delimiterKey(sample.delimiter)}` : '';
  });

  private readonly formValue = toSignal(this.form.valueChanges.pipe(map(() => policyFormValue(this.form)), startWith(policyFormValue(this.form))), { requireSync: true });
  protected readonly policyJson = computed(() => JSON.stringify(buildPolicy(this.formValue()), null, 2));
  protected readonly sensitiveOptions = computed(() => sensitiveColumns(this.formValue().columns));
  protected readonly kinds = computed(() => {
    const kinds: Record<string, ColumnIdentifierKind> = {};
    const columns = this.dataset()?.columns;
    for (const name of this.sample()?.header ?? []) {
      const column = catalogColumnFor(name, columns);
      if (column) kinds[name] = column.identifierKind;
    }
    return kinds;
  });
  protected readonly flagged = computed(() => Object.keys(this.placed().columns));
  protected readonly fileProblems = computed(() => [...(this.placed().fields.file ?? []), ...(this.placed().fields.policy ?? [])]);
  protected readonly datasetProblems = computed(() => this.placed().fields.datasetId ?? []);

  constructor() {
    const organizationId = this.session.user()?.organization.id;
    if (organizationId) {
      this.api.organizationDatasets(organizationId).subscribe({
        next: (page) => {
          // Keep a dataset already fetched for `?datasetId=` when the list does not hold it.
          const selected = this.dataset();
          this.datasets.set(selected && !page.items.some((item) => item.id === selected.id) ? [selected, ...page.items] : page.items);
        },
        error: () => undefined,
      });
    }
    effect(() => {
      const id = this.datasetId();
      if (id) untracked(() => this.form.controls.datasetId.setValue(id));
    });
    this.form.controls.datasetId.valueChanges.pipe(takeUntilDestroyed()).subscribe((id) => this.selectDataset(id));
  }

  protected async chooseFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.file.set(file);
    this.sample.set(null);
    this.errorText.set('');
    this.placed.set(NO_PROBLEMS);
    if (file.size > ANONYMIZATION_MAX_UPLOAD_BYTES) {
      this.fileProblem(this.transloco.translate('anonymization.new.tooLarge', { max: ANONYMIZATION_MAX_UPLOAD_BYTES / (1024 * 1024) }));
      return;
    }
    this.reading.set(true);
    try {
      const sample = await readSample(file);
      if (sample.header.length === 0 || sample.header.every((name) => name.trim() === '')) {
        this.fileProblem(this.transloco.translate('anonymization.new.noHeader'));
        return;
      }
      this.sample.set(sample);
      this.applyDefaults();
    } catch {
      this.fileProblem(this.transloco.translate('anonymization.new.unreadable'));
    } finally {
      this.reading.set(false);
    }
  }

  protected submit(): void {
    const file = this.file();
    this.errorText.set('');
    this.placed.set(NO_PROBLEMS);
    if (!file || !this.sample()) {
      this.fileProblem(this.transloco.translate('anonymization.new.fileRequired'));
      return;
    }
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.errorText.set(this.transloco.translate('common.fixFields'));
      return;
    }
    const policy = buildPolicy(policyFormValue(this.form));
    const problems = checkPolicy(policy);
    if (problems.length > 0) {
      this.place(problems);
      this.errorText.set(this.transloco.translate('common.fixFields'));
      return;
    }
    this.submitting.set(true);
    this.api
      .create({ file, policy, datasetId: this.form.controls.datasetId.value })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (job) => void this.router.navigate(['/anonimizacion', job.id]),
        error: (error: unknown) => this.refused(toErrorResponse(error)),
      });
  }

  protected problemText(problem: Problem): string {
    return problem.line !== undefined ? `${this.transloco.translate('anonymization.problems.line', { line: problem.line })}: ${problem.message}` : problem.message;
  }

  private selectDataset(id: string | null): void {
    this.placed.set(NO_PROBLEMS);
    if (!id) {
      this.dataset.set(null);
      this.applyDefaults();
      return;
    }
    const known = this.datasets().find((dataset) => dataset.id === id);
    if (known) {
      this.dataset.set(known);
      this.applyDefaults();
      return;
    }
    this.catalog.get(id).subscribe({
      next: (dataset) => {
        this.dataset.set(dataset);
        if (!this.datasets().some((item) => item.id === dataset.id)) this.datasets.update((items) => [dataset, ...items]);
        this.applyDefaults();
      },
      error: (error: unknown) => {
        this.dataset.set(null);
        this.placed.set({ ...NO_PROBLEMS, fields: { datasetId: [{ path: 'datasetId', message: this.describe(toErrorResponse(error)) }] } });
      },
    });
  }

  /** Each column's default action, from the catalog when a dataset is chosen. */
  private applyDefaults(): void {
    const sample = this.sample();
    if (!sample) return;
    setColumnActions(this.form, defaultColumnActions(sample.header, this.dataset()?.columns));
    const lColumn = this.form.controls.lDiversity.controls.column;
    if (lColumn.value && !this.sensitiveOptions().includes(lColumn.value)) lColumn.setValue(null);
  }

  private refused(error: ErrorResponse): void {
    if (error.statusCode === 413) {
      this.fileProblem(this.transloco.translate('anonymization.new.tooLarge', { max: ANONYMIZATION_MAX_UPLOAD_BYTES / (1024 * 1024) }));
      return;
    }
    const details = detailsOf(error);
    if (details.length > 0 && error.statusCode >= 400 && error.statusCode < 500) this.place(details);
    this.errorText.set(this.describe(error));
  }

  /** Puts problems next to what they name; the model's numbers also as control errors (so mat-error shows them). */
  private place(details: readonly ErrorDetail[]): void {
    const placed = placeProblems(details, this.sample()?.header ?? []);
    this.placed.set(placed);
    const { k, suppressionPercent, lDiversity } = this.form.controls;
    const targets = [
      [placed.fields.k, k],
      [placed.fields.suppressionLimit, suppressionPercent],
      [placed.fields.lDiversity, lDiversity.controls.enabled.value ? lDiversity.controls.column : lDiversity.controls.enabled],
    ] as const;
    for (const [problems, control] of targets) {
      if (!problems?.length) continue;
      control.setErrors({ ...control.errors, server: problems.map((problem) => problem.message).join(' ') });
      control.markAsTouched();
    }
  }

  private fileProblem(message: string): void {
    this.placed.set({ ...NO_PROBLEMS, fields: { file: [{ path: 'file', message }] } });
  }

  private describe(error: ErrorResponse): string {
    if (error.statusCode === 400 || error.statusCode === 422) return this.transloco.translate('anonymization.new.rejected', { message: error.message });
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }
}
