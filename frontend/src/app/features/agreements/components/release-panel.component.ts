import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { Agreement, AnonymizationJob, ErrorResponse, Release } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { catchError, debounceTime, distinctUntilChanged, finalize, map, merge, of, switchMap, tap } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { describeError } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { AnonymizationApi } from '../../anonymization/data-access/anonymization.api';
import { AnonymizationPermissions } from '../../anonymization/data-access/anonymization-permissions';
import { ReleasesApi } from '../../anonymization/data-access/releases.api';
import { type FailedTerm, checkedTerms, failedTerms } from '../../anonymization/data-access/release-terms';

/**
 * The releases of an agreement: the anonymized deliveries made under it, and — for the
 * provider's stewards while the agreement is active — a form to deliver a completed
 * anonymization job of one of its datasets. The API checks the job's report against the
 * agreement's anonymization terms; a refusal lists each failed term with the API's reason.
 */
@Component({
  selector: 'cv-release-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslocoPipe, ControlErrorPipe],
  templateUrl: './release-panel.component.html',
  styleUrl: './release-panel.component.scss',
})
export class ReleasePanelComponent {
  private readonly releasesApi = inject(ReleasesApi);
  private readonly jobsApi = inject(AnonymizationApi);
  private readonly permissions = inject(AnonymizationPermissions);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  readonly agreement = input.required<Agreement>();

  protected readonly releases = signal<Release[]>([]);
  protected readonly jobs = signal<AnonymizationJob[]>([]);
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly errorText = signal('');
  protected readonly formError = signal('');
  protected readonly notice = signal('');
  protected readonly refusal = signal<FailedTerm[]>([]);
  /** The terms check of the chosen dataset and job, before delivering: null until both are chosen (or while it is asked). */
  protected readonly preview = signal<{ readonly ok: boolean; readonly terms: FailedTerm[] } | null>(null);
  private readonly agreementId = computed(() => this.agreement().id);
  protected readonly canCreate = computed(() => this.agreement().state === 'active' && this.permissions.canCreateRelease(this.agreement()));
  protected readonly datasets = computed(() => {
    const agreement = this.agreement();
    return agreement.datasets ?? agreement.datasetIds.map((id) => ({ id, title: id }));
  });
  protected readonly form = new FormGroup({
    sourceDatasetId: new FormControl<string | null>(null, Validators.required),
    anonymizationJobId: new FormControl<string | null>(null, Validators.required),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3), Validators.maxLength(200)] }),
  });

  constructor() {
    effect(() => {
      const id = this.agreementId();
      const canCreate = this.canCreate();
      untracked(() => this.load(id, canCreate));
    });
    // A job made from one of the agreement's datasets names its source.
    this.form.controls.anonymizationJobId.valueChanges.pipe(takeUntilDestroyed()).subscribe((jobId) => {
      const job = this.jobs().find((item) => item.id === jobId);
      const source = this.form.controls.sourceDatasetId;
      if (job?.datasetId && !source.value && this.datasets().some((dataset) => dataset.id === job.datasetId)) source.setValue(job.datasetId);
    });
    // Once a dataset and a job are chosen, the API checks them against the terms (nothing is written).
    merge(this.form.controls.sourceDatasetId.valueChanges, this.form.controls.anonymizationJobId.valueChanges)
      .pipe(
        map(() => this.form.getRawValue()),
        distinctUntilChanged((a, b) => a.sourceDatasetId === b.sourceDatasetId && a.anonymizationJobId === b.anonymizationJobId),
        tap(() => this.preview.set(null)),
        debounceTime(150),
        switchMap(({ sourceDatasetId, anonymizationJobId }) =>
          sourceDatasetId && anonymizationJobId ? this.releasesApi.check(this.agreement().id, { sourceDatasetId, anonymizationJobId }).pipe(catchError(() => of(null))) : of(null),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((check) => this.preview.set(check ? { ok: check.ok, terms: checkedTerms(check, this.agreement()) } : null));
  }

  protected submit(): void {
    const agreement = this.agreement();
    this.form.markAllAsTouched();
    this.refusal.set([]);
    this.formError.set('');
    this.notice.set('');
    if (this.form.invalid || this.saving()) return;
    const { sourceDatasetId, anonymizationJobId, name } = this.form.getRawValue();
    this.saving.set(true);
    this.releasesApi
      .create(agreement.id, { sourceDatasetId: sourceDatasetId!, anonymizationJobId: anonymizationJobId!, name: name.trim() })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (release) => {
          this.releases.update((releases) => [release, ...releases]);
          this.form.reset({ sourceDatasetId: null, anonymizationJobId: null, name: '' });
          this.preview.set(null);
          this.notice.set(this.transloco.translate('releases.created', { name: release.name }));
        },
        error: (error: unknown) => this.refused(toErrorResponse(error)),
      });
  }

  /** The sentence of a failed term, with what the agreement asks. */
  protected termText(term: FailedTerm): string {
    if (!term.key) return term.path;
    const params = {
      ...term.params,
      level: this.transloco.translate(`catalog.geoLevels.${String(term.params['level'])}`),
      state: this.transloco.translate(`agreements.states.${String(term.params['state'])}`),
    };
    return this.transloco.translate(term.key, params);
  }

  protected jobLabel(job: AnonymizationJob): string {
    const k = job.report?.kAchieved ?? '—';
    return this.transloco.translate('releases.jobOption', { file: job.fileName, k, dataset: job.datasetTitle ?? '—' });
  }

  private load(agreementId: string, withJobs: boolean): void {
    this.loading.set(true);
    this.errorText.set('');
    this.releasesApi
      .list(agreementId)
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (releases) => this.releases.set(releases),
        error: (error: unknown) => this.errorText.set(this.describe(toErrorResponse(error))),
      });
    if (withJobs) this.jobsApi.completed().subscribe({ next: (page) => this.jobs.set(page.items), error: () => this.jobs.set([]) });
  }

  private refused(error: ErrorResponse): void {
    if (error.statusCode === 422) {
      const terms = failedTerms(error, this.agreement());
      this.refusal.set(terms);
      if (terms.length === 0) this.formError.set(this.describe(error));
      return;
    }
    if (error.statusCode === 400) {
      const unplaced = applyServerErrors(this.form, error);
      this.formError.set([this.describe(error), ...unplaced].join(' · '));
      return;
    }
    this.formError.set(this.describe(error));
  }

  private describe(error: ErrorResponse): string {
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }
}
