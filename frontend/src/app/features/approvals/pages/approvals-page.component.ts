import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ApprovalDecision, ApprovalTask } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { filter, switchMap } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError } from '../../../shared/errors/describe-error';
import { askForComment } from '../../agreements/components/comment-dialog.component';
import { ApprovalsApi } from '../data-access/approvals.api';
import { type DeadlineStatus, deadlineStatus } from '../data-access/deadline';

/** Testable "now" (the deadline badges depend on it). */
export const APPROVALS_CLOCK = { now: (): Date => new Date() };

/** Button order and the testid word of each decision. */
const DECISIONS: ReadonlyArray<{ decision: ApprovalDecision; testId: string }> = [
  { decision: 'approve', testId: 'approve' },
  { decision: 'request_changes', testId: 'request-changes' },
  { decision: 'reject', testId: 'reject' },
];

interface InboxRow {
  readonly task: ApprovalTask;
  readonly deadline: DeadlineStatus;
}

/**
 * `/aprobaciones`: the caller's pending approval tasks, most urgent first, with deadline badges
 * (working days, Mexican holidays), and the three decisions; a rejection or a request for
 * changes needs a comment. The list reloads after every decision, also after a 409.
 */
@Component({
  selector: 'cv-approvals-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, MatButtonModule, MatProgressBarModule, TranslocoPipe],
  templateUrl: './approvals-page.component.html',
  styleUrl: './approvals-page.component.scss',
})
export class ApprovalsPageComponent {
  private readonly api = inject(ApprovalsApi);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly decisions = DECISIONS;
  protected readonly tasks = signal<ApprovalTask[]>([]);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly deciding = signal<string | null>(null);
  protected readonly errorText = signal('');
  protected readonly notice = signal('');
  protected readonly rows = computed<InboxRow[]>(() => {
    const now = APPROVALS_CLOCK.now();
    return [...this.tasks()]
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .map((task) => ({ task, deadline: deadlineStatus(task.dueAt, now, task.overdue) }));
  });

  constructor() {
    this.reload();
  }

  protected decide(task: ApprovalTask, decision: ApprovalDecision): void {
    const needsComment = decision !== 'approve';
    this.errorText.set('');
    this.notice.set('');
    askForComment(this.dialog, {
      titleKey: `approvals.dialog.${decision}Title`,
      messageKey: 'approvals.dialog.message',
      confirmKey: `approvals.decisions.${decision}`,
      params: { reference: task.agreementReference, step: task.step.name },
      required: needsComment,
      danger: decision === 'reject',
      commentTestId: 'approval-comment',
      confirmTestId: 'approval-confirm',
    })
      .pipe(
        filter((comment): comment is string => comment !== null),
        switchMap((comment) => {
          this.deciding.set(task.id);
          return this.api.decide(task.id, { decision, comment });
        }),
      )
      .subscribe({
        next: () => {
          this.deciding.set(null);
          this.notice.set(this.transloco.translate(`approvals.done.${decision}`, { reference: task.agreementReference }));
          this.reload();
        },
        error: (error: unknown) => {
          this.deciding.set(null);
          const body = toErrorResponse(error);
          // 409 (already decided) and 400 carry the API's own words; others the portal's.
          if (body.statusCode === 409 || body.statusCode === 400) {
            this.errorText.set(body.message);
          } else {
            const message = describeError(body);
            this.errorText.set(this.transloco.translate(message.key, message.params));
          }
          this.reload();
        },
      });
  }

  protected reload(): void {
    this.loading.set(true);
    this.api.pending().subscribe({
      next: (tasks) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.tasks.set(tasks.filter((task) => task.status === 'pending'));
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loaded.set(true);
        const message = describeError(toErrorResponse(error));
        this.errorText.set(this.transloco.translate(message.key, message.params));
      },
    });
  }
}
