import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ComplianceFinding, ErrorResponse, FindingStatus } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { catchError, finalize, map, of, switchMap, tap } from 'rxjs';
import { AuthzService } from '../../../core/authz/authz.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { type Message, describeError } from '../../../shared/errors/describe-error';
import { FindingSeverityComponent } from '../components/finding-severity.component';
import { FindingSummaryComponent } from '../components/finding-summary.component';
import { FindingStatusComponent } from '../components/finding-status.component';
import { FindingEvidenceComponent } from '../components/finding-evidence.component';
import { FindingHistoryComponent } from '../components/finding-history.component';
import { ComplianceApi } from '../data-access/compliance.api';
import { CompliancePermissions } from '../data-access/compliance-permissions';
import { shortId } from '../data-access/finding-format';
import { MAX_FINDING_COMMENT, MIN_FINDING_COMMENT, allowedTransitions, commentProblem, transitionErrorMessage } from '../data-access/finding-transitions';

type Outcome = { readonly finding: ComplianceFinding } | { readonly error: ErrorResponse };

/**
 * `/cumplimiento/:id`: one finding, with its evidence (events, data edges, facts) and history.
 * Officials and auditors move it to the statuses `FINDING_TRANSITIONS` allows, always with a
 * comment; a conflict (someone moved it first) reloads it.
 */
@Component({
  selector: 'cv-finding-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    FindingSeverityComponent,
    FindingSummaryComponent,
    FindingStatusComponent,
    FindingEvidenceComponent,
    FindingHistoryComponent,
  ],
  templateUrl: './finding-page.component.html',
  styleUrl: './finding-page.component.scss',
})
export class FindingPageComponent {
  private readonly api = inject(ComplianceApi);
  private readonly permissions = inject(CompliancePermissions);
  private readonly authz = inject(AuthzService);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  /** The route's `:id`. */
  readonly id = input.required<string>();

  protected readonly finding = signal<ComplianceFinding | null>(null);
  protected readonly loading = signal(true);
  protected readonly errorText = signal('');
  /** The status the person chose to move to (the comment form is open). */
  protected readonly pending = signal<FindingStatus | null>(null);
  protected readonly busy = signal(false);
  protected readonly actionError = signal('');
  protected readonly changed = signal<FindingStatus | null>(null);
  protected readonly comment = new FormControl('', { nonNullable: true });
  protected readonly maxComment = MAX_FINDING_COMMENT;
  protected readonly shortId = shortId;

  protected readonly transitions = computed(() => allowedTransitions(this.finding(), this.permissions.canUpdate()));
  protected readonly canReadLineage = computed(() => this.authz.can('read', 'LineageGraph'));
  protected readonly jobNode = computed(() => {
    const job = this.finding()?.job;
    return job ? `job:${job.namespace}:${job.name}` : null;
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.errorText.set('');
          this.pending.set(null);
          this.changed.set(null);
          this.actionError.set('');
        }),
        switchMap((id) =>
          this.api.get(id).pipe(
            map((finding): Outcome => ({ finding })),
            catchError((error: unknown) => of<Outcome>({ error: toErrorResponse(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((outcome) => {
        this.loading.set(false);
        if ('error' in outcome) {
          this.finding.set(null);
          this.errorText.set(this.say(describeError(outcome.error)));
        } else {
          this.finding.set(outcome.finding);
        }
      });
  }

  protected choose(status: FindingStatus): void {
    this.pending.set(status);
    this.actionError.set('');
    this.changed.set(null);
    this.comment.reset('');
  }

  protected cancel(): void {
    this.pending.set(null);
    this.actionError.set('');
  }

  protected confirm(event: Event): void {
    event.preventDefault();
    const finding = this.finding();
    const status = this.pending();
    if (!finding || !status || this.busy()) return;
    const problem = commentProblem(this.comment.value);
    if (problem) {
      this.comment.setErrors({ [problem]: true });
      this.comment.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.actionError.set('');
    this.api
      .update(finding.id, { status, comment: this.comment.value.trim() })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (updated) => {
          this.finding.set(updated);
          this.pending.set(null);
          this.comment.reset('');
          this.changed.set(updated.status);
        },
        error: (error: unknown) => {
          const response = toErrorResponse(error);
          this.actionError.set(this.say(transitionErrorMessage(response)));
          if (response.statusCode === 409) this.reload(finding.id);
        },
      });
  }

  /** The comment's problem in words (`validation.*`), once the person tried to send it. */
  protected commentError(): string {
    const errors = this.comment.errors;
    if (!errors || !this.comment.touched) return '';
    if (errors['minlength']) return this.transloco.translate('validation.minlength', { length: MIN_FINDING_COMMENT });
    if (errors['maxlength']) return this.transloco.translate('validation.maxlength', { length: MAX_FINDING_COMMENT });
    return this.transloco.translate('validation.required');
  }

  /** After a conflict: the finding as it now stands (its new status offers other moves). */
  private reload(id: string): void {
    this.api.get(id).subscribe({
      next: (finding) => {
        this.finding.set(finding);
        if (!allowedTransitions(finding, true).includes(this.pending() ?? finding.status)) this.pending.set(null);
      },
      error: () => undefined,
    });
  }

  private say(message: Message): string {
    return this.transloco.translate(message.key, message.params);
  }
}
