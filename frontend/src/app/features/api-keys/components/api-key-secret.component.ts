import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { IconComponent } from '../../../shared/icon/icon.component';

/** The secret of a new API key, shown once: the key, a copy button and the warning. */
@Component({
  selector: 'cv-api-key-secret',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TranslocoPipe, IconComponent],
  template: `
    <section class="secret" data-testid="api-key-secret" [attr.aria-label]="'apiKeys.secret.label' | transloco">
      <p class="warning" role="note">
        <cv-icon name="warning" />
        <strong>{{ 'apiKeys.secret.once' | transloco }}</strong>
      </p>
      <code class="key" data-testid="api-key-secret-value" tabindex="0">{{ secret() }}</code>
      <div class="actions">
        <button mat-stroked-button type="button" data-testid="api-key-copy" (click)="copy()">
          <cv-icon name="copy" />
          {{ 'apiKeys.secret.copy' | transloco }}
        </button>
        <span aria-live="polite" class="copied" data-testid="api-key-copied">
          @if (copied() === true) {
            {{ 'apiKeys.secret.copied' | transloco }}
          } @else if (copied() === false) {
            {{ 'apiKeys.secret.copyFailed' | transloco }}
          }
        </span>
      </div>
    </section>
  `,
  styles: `
    .secret {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .warning {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin: 0;
      color: #7a4a00;
    }
    .key {
      display: block;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface);
      border: 1px solid var(--mat-sys-outline-variant);
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      word-break: break-all;
      user-select: all;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
  `,
})
export class ApiKeySecretComponent {
  private readonly clipboard = inject(Clipboard);
  readonly secret = input.required<string>();
  protected readonly copied = signal<boolean | null>(null);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.secret()));
  }
}
