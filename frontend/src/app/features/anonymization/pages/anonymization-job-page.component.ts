import { DOCUMENT, DatePipe, DecimalPipe } from '@angular/common';
import type { HttpResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { AnonymizationJob, AnonymizationPreview, ErrorResponse } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type Observable, type Subscription, defer, filter, finalize, repeat, switchMap, takeWhile } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { confirmAction } from '../../../shared/dialog/confirm-dialog.component';
import { describeError } from '../../../shared/errors/describe-error';
import { attachmentName, saveBlob } from '../../audit/data-access/save-file';
import { CsvTableComponent } from '../components/csv-table.component';
import { JobStateChipComponent } from '../components/job-state-chip.component';
import { RiskReportComponent } from '../components/risk-report.component';
import { ANONYMIZATION_POLL_MS, AnonymizationApi } from '../data-access/anonymization.api';
import { AnonymizationPermissions } from '../data-access/anonymization-permissions';
import { baseName, isFinal } from '../data-access/report-format';

/**
 * `/anonimizacion/:id`: one job. While it is queued or running the page asks for it every
 * second (and stops on leaving), with its progress and a cancel button; a failed job shows why
 * (each problem with its column and line); a completed one its risk report, the first rows
 * before and after, and the result CSV and the report JSON to download.
 */
@Component({
  selector: 'cv-anonymization-job-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, RouterLink, MatButtonModule, MatProgressBarModule, TranslocoPipe, CsvTableComponent, JobStateChipComponent, RiskReportComponent],
  templateUrl: './anonymization-job-page.component.html',
  styleUrl: './anonymization-job-page.component.scss',
})
export class AnonymizationJobPageComponent {
  private readonly api = inject(AnonymizationApi);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly permissions = inject(AnonymizationPermissions);
  private readonly pollMs = inject(ANONYMIZATION_POLL_MS);
  protected readonly locale = inject(LanguageService).active;
  readonly id = input.required<string>();

  protected readonly job = signal<AnonymizationJob | null>(null);
  protected readonly preview = signal<AnonymizationPreview | null>(null);
  protected readonly loading = signal(false);
  protected readonly polling = signal(false);
  protected readonly busy = signal(false);
  protected readonly errorText = signal('');
  protected readonly actionError = signal('');
  protected readonly final = computed(() => {
    const job = this.job();
    return !!job && isFinal(job);
  });
  protected readonly canCancel = computed(() => {
    const job = this.job();
    return !!job && !isFinal(job) && this.permissions.canDelete(job);
  });
  protected readonly canDeleteInput = computed(() => {
    const job = this.job();
    return !!job && isFinal(job) && job.inputPurgedAt === null && this.permissions.canDelete(job);
  });
  protected readonly policyJson = computed(() => JSON.stringify(this.job()?.policy ?? {}, null, 2));

  private subscription: Subscription | null = null;
  private previewRequested = false;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.start(id));
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Asks again after a failed poll. */
  protected retry(): void {
    this.start(this.id());
  }

  protected cancel(): void {
    this.confirmThen('cancel', (id) => this.api.cancel(id), (cancelled) => {
      if (isFinal(cancelled)) this.stop();
    });
  }

  /** Deletes the original upload now (after confirming); the preview's before side goes with it. */
  protected deleteInput(): void {
    this.confirmThen('deleteInput', (id) => this.api.deleteInput(id), () => {
      const preview = this.preview();
      if (preview) this.preview.set({ ...preview, input: { header: [], rows: [] } });
    });
  }

  /** Asks to confirm an action on the job (`anonymization.job.<action>Title|Message`), then calls it and shows the job it answers. */
  private confirmThen(action: 'cancel' | 'deleteInput', call: (id: string) => Observable<AnonymizationJob>, after: (job: AnonymizationJob) => void): void {
    const job = this.job();
    if (!job || this.busy()) return;
    this.actionError.set('');
    confirmAction(this.dialog, {
      titleKey: `anonymization.job.${action}Title`,
      messageKey: `anonymization.job.${action}Message`,
      confirmKey: `anonymization.job.${action}`,
      params: { file: job.fileName },
      danger: true,
    })
      .pipe(
        filter((confirmed) => confirmed),
        switchMap(() => {
          this.busy.set(true);
          return call(job.id).pipe(finalize(() => this.busy.set(false)));
        }),
      )
      .subscribe({
        next: (updated) => {
          this.job.set(updated);
          after(updated);
        },
        error: (error: unknown) => this.actionError.set(this.describe(toErrorResponse(error))),
      });
  }

  protected download(kind: 'result' | 'report'): void {
    const job = this.job();
    if (!job) return;
    const name = baseName(job.fileName);
    const request: Observable<HttpResponse<Blob>> = kind === 'result' ? this.api.result(job.id) : this.api.report(job.id);
    const fallback = kind === 'result' ? `${name}-anonimizado.csv` : `${name}-reporte.json`;
    this.actionError.set('');
    request.subscribe({
      next: (response) => {
        if (response.body) saveBlob(this.document, response.body, attachmentName(response, fallback));
      },
      error: (error: unknown) => this.actionError.set(this.describe(toErrorResponse(error))),
    });
  }

  /** GET the job now and again every `pollMs` after each answer, until it is final (or the page is left). */
  private start(id: string): void {
    this.stop();
    this.job.set(null);
    this.preview.set(null);
    this.previewRequested = false;
    this.errorText.set('');
    this.loading.set(true);
    this.polling.set(true);
    this.subscription = defer(() => this.api.get(id))
      .pipe(
        repeat({ delay: this.pollMs }),
        takeWhile((job) => !isFinal(job), true),
        finalize(() => this.polling.set(false)),
      )
      .subscribe({
        next: (job) => {
          this.loading.set(false);
          this.job.set(job);
          if (job.state === 'completed') this.loadPreview(job.id);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.errorText.set(this.describe(toErrorResponse(error)));
        },
      });
  }

  private stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  private loadPreview(id: string): void {
    if (this.previewRequested) return;
    this.previewRequested = true;
    this.api.preview(id).subscribe({ next: (preview) => this.preview.set(preview), error: () => this.preview.set(null) });
  }

  private describe(error: ErrorResponse): string {
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }
}
