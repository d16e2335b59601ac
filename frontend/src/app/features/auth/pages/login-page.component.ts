import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { LOGIN_PATH, SESSION_EXPIRED_REASON, SessionService } from '../../../core/session/session.service';
import { describeError, type Message } from '../../../shared/errors/describe-error';
import { formatDuration } from '../../../shared/format/duration.pipe';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';

/** Where to go after signing in: a path of this portal (never another site), else home. */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith(LOGIN_PATH)) return '/';
  return value;
}

/** Seconds to wait after too many failures: the Retry-After header, else the body's details. */
function retryAfterSeconds(error: unknown): number | null {
  const header = error instanceof HttpErrorResponse ? Number(error.headers.get('Retry-After')) : NaN;
  if (Number.isFinite(header) && header > 0) return header;
  const details = toErrorResponse(error).details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null;
}

/** `/ingresar`: email and password; then back to the page that asked for it (`?returnUrl=`). */
@Component({
  selector: 'cv-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, TranslocoPipe, ControlErrorPipe],
  template: `
    <mat-card appearance="outlined" class="card">
      <mat-card-header>
        <mat-card-title><h1 data-testid="page-title">{{ 'login.title' | transloco }}</h1></mat-card-title>
      </mat-card-header>
      <mat-card-content>
        @if (expired()) {
          <p class="notice" role="status" data-testid="login-notice">{{ 'login.expired' | transloco }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'login.email' | transloco }}</mat-label>
            <input matInput formControlName="email" type="email" autocomplete="username" data-testid="login-email" />
            <mat-error>{{ form.controls.email | cvControlError }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'login.password' | transloco }}</mat-label>
            <input matInput formControlName="password" type="password" autocomplete="current-password" data-testid="login-password" />
            <mat-error>{{ form.controls.password | cvControlError }}</mat-error>
          </mat-form-field>
          <div aria-live="assertive">
            @if (error(); as message) {
              <p class="error" role="alert" data-testid="login-error">{{ message.key | transloco: message.params }}</p>
            }
          </div>
          <button mat-flat-button type="submit" data-testid="login-submit" [disabled]="busy()">{{ 'login.submit' | transloco }}</button>
          @if (busy()) {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'login.busy' | transloco" />
          }
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: flex;
      justify-content: center;
    }
    .card {
      width: 100%;
      max-width: 420px;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-headline-small);
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 16px;
    }
    .notice {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .error {
      margin: 0 0 12px;
      color: var(--mat-sys-error);
    }
  `,
})
export class LoginPageComponent {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly locale = inject(LanguageService).active;

  /** Query parameters (router input binding). */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  private readonly failure = signal<{ kind: 'throttled'; seconds: number } | { kind: 'other'; message: Message } | null>(null);
  protected readonly expired = computed(() => this.reason() === SESSION_EXPIRED_REASON && this.failure() === null);
  protected readonly error = computed((): Message | null => {
    const failure = this.failure();
    if (!failure) return null;
    if (failure.kind === 'other') return failure.message;
    return { key: 'login.errors.throttled', params: { wait: formatDuration(failure.seconds, this.locale()) } };
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.failure.set(null);
    const { email, password } = this.form.getRawValue();
    try {
      await this.session.login(email.trim(), password);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.failure.set(this.describe(error));
    } finally {
      this.busy.set(false);
    }
  }

  private describe(error: unknown): { kind: 'throttled'; seconds: number } | { kind: 'other'; message: Message } {
    const body = toErrorResponse(error);
    if (body.statusCode === 429) {
      const seconds = retryAfterSeconds(error);
      return seconds ? { kind: 'throttled', seconds } : { kind: 'other', message: { key: 'login.errors.throttledNoWait' } };
    }
    if (body.statusCode === 401) return { kind: 'other', message: { key: 'login.errors.invalid' } };
    return { kind: 'other', message: describeError(body) };
  }
}
