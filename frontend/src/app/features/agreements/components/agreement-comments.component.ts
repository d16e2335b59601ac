import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { AgreementComment, AgreementCommentVisibility } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { AgreementPermissions } from '../data-access/agreement-permissions';
import { AgreementsApi } from '../data-access/agreements.api';

/**
 * The comment thread: notes for all parties, and internal reviewer notes that partners neither
 * see (the API filters them) nor can write (the selector is offered only when the ability allows).
 */
@Component({
  selector: 'cv-agreement-comments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, ControlErrorPipe],
  template: `
    <ul class="comments" data-testid="agreement-comments">
      @for (comment of comments(); track comment.id) {
        <li data-testid="comment" [attr.data-visibility]="comment.visibility" [class.internal]="comment.visibility === 'internal'">
          <p class="meta">
            <strong>{{ comment.authorName ?? '—' }}</strong>
            @if (comment.organizationName) {
              <span> · {{ comment.organizationName }}</span>
            }
            <span> · {{ comment.createdAt | date: 'medium' : undefined : locale() }}</span>
            <span> · {{ 'agreements.history.version' | transloco: { version: comment.version } }}</span>
            @if (comment.visibility === 'internal') {
              <span class="badge">{{ 'agreements.comments.visibilities.internal' | transloco }}</span>
            }
          </p>
          <p class="body">{{ comment.body }}</p>
        </li>
      } @empty {
        <li class="muted" data-testid="comments-empty">{{ 'agreements.comments.empty' | transloco }}</li>
      }
    </ul>
    @if (canComment()) {
      <form [formGroup]="form" (ngSubmit)="send()" novalidate class="new">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'agreements.comments.new' | transloco }}</mat-label>
          <textarea matInput rows="3" formControlName="body" data-testid="comment-body"></textarea>
          <mat-error>{{ form.controls.body | cvControlError }}</mat-error>
        </mat-form-field>
        <div class="row">
          @if (canCommentInternally()) {
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'agreements.comments.visibility' | transloco }}</mat-label>
              <mat-select formControlName="visibility" data-testid="comment-visibility">
                <mat-option value="parties">{{ 'agreements.comments.visibilities.parties' | transloco }}</mat-option>
                <mat-option value="internal" data-testid="comment-visibility-internal">{{ 'agreements.comments.visibilities.internal' | transloco }}</mat-option>
              </mat-select>
            </mat-form-field>
          }
          <button mat-flat-button type="submit" data-testid="comment-send" [disabled]="sending()">{{ 'agreements.comments.send' | transloco }}</button>
        </div>
      </form>
    }
    @if (error()) {
      <p class="error" role="alert" data-testid="comment-error">{{ error() }}</p>
    }
  `,
  styles: `
    .comments { list-style: none; margin: 0 0 12px; padding: 0; display: flex; flex-direction: column; gap: 8px; }
    .comments li { padding: 8px 12px; border-radius: 8px; background: var(--mat-sys-surface-container); }
    .comments li.internal { background: #fff6dc; }
    .meta { margin: 0; font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    .body { margin: 4px 0 0; white-space: pre-line; overflow-wrap: anywhere; }
    .badge { margin-inline-start: 8px; padding: 0 6px; border-radius: 8px; background: #7a4a00; color: #fff; }
    .new mat-form-field { width: 100%; }
    .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: flex-end; }
    .muted { color: var(--mat-sys-on-surface-variant); background: none !important; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class AgreementCommentsComponent {
  private readonly api = inject(AgreementsApi);
  private readonly permissions = inject(AgreementPermissions);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  readonly agreementId = input.required<string>();

  protected readonly comments = signal<AgreementComment[]>([]);
  protected readonly sending = signal(false);
  protected readonly error = signal('');
  protected readonly canComment = computed(() => this.permissions.canComment(this.agreementId()));
  protected readonly canCommentInternally = computed(() => this.permissions.canCommentInternally(this.agreementId()));
  protected readonly form = new FormGroup({
    body: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(5000)] }),
    visibility: new FormControl<AgreementCommentVisibility>('parties', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const id = this.agreementId();
      untracked(() => this.api.comments(id).subscribe({ next: (comments) => this.comments.set(comments), error: (error: unknown) => this.fail(error) }));
    });
  }

  protected send(): void {
    const body = this.form.controls.body.value.trim();
    if (!body) {
      this.form.controls.body.setErrors({ required: true });
      this.form.controls.body.markAsTouched();
      return;
    }
    const visibility = this.canCommentInternally() ? this.form.controls.visibility.value : 'parties';
    this.sending.set(true);
    this.error.set('');
    this.api.addComment(this.agreementId(), { body, visibility }).subscribe({
      next: (comment) => {
        this.sending.set(false);
        this.comments.update((comments) => [...comments, comment]);
        this.form.reset({ body: '', visibility });
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.fail(error);
      },
    });
  }

  private fail(error: unknown): void {
    const message = describeError(toErrorResponse(error));
    this.error.set(this.transloco.translate(message.key, message.params));
  }
}
