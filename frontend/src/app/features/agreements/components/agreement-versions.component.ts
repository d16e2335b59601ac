import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { AgreementDiff, AgreementTermChange, AgreementVersion } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError } from '../../../shared/errors/describe-error';
import { TermPipe } from '../../../shared/format/term.pipe';
import { AgreementsApi } from '../data-access/agreements.api';

/** A term's value in a line: lists joined, objects as `key: value`. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value)) return value.map(showValue).join('; ');
  if (typeof value === 'object') return Object.entries(value).map(([key, inner]) => `${key}: ${showValue(inner)}`).join(', ');
  return String(value);
}

/** `/anonymization/minK` → field `anonymization`, rest `minK`. */
export function splitPointer(path: string): { field: string; rest: string } {
  const [field = '', ...rest] = path.replace(/^\//, '').split('/');
  return { field, rest: rest.join(' › ') };
}

/**
 * The immutable versions of an agreement, newest first, and what changed between two of them
 * (from the API's `/diff`): by default the last change.
 */
@Component({
  selector: 'cv-agreement-versions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, FormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, TranslocoPipe, TermPipe],
  template: `
    <ul class="versions" data-testid="agreement-versions">
      @for (version of versions(); track version.version) {
        <li data-testid="version-row" [attr.data-version]="version.version">
          <strong>{{ 'agreements.versions.version' | transloco: { version: version.version } }}</strong>
          <span class="muted">· {{ version.authorName ?? '—' }} · {{ version.createdAt | date: 'medium' : undefined : locale() }}</span>
          @if (version.changeSummary) {
            <p>{{ version.changeSummary }}</p>
          }
          <code>{{ version.termsHash }}</code>
        </li>
      }
    </ul>
    @if (versions().length > 1) {
      <form class="compare" (ngSubmit)="compare()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'agreements.versions.from' | transloco }}</mat-label>
          <mat-select [(ngModel)]="from" name="from" data-testid="diff-from">
            @for (version of versions(); track version.version) {
              <mat-option [value]="version.version">{{ 'agreements.versions.version' | transloco: { version: version.version } }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'agreements.versions.to' | transloco }}</mat-label>
          <mat-select [(ngModel)]="to" name="to" data-testid="diff-to">
            @for (version of versions(); track version.version) {
              <mat-option [value]="version.version">{{ 'agreements.versions.version' | transloco: { version: version.version } }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <button mat-stroked-button type="submit" data-testid="diff-compare" [disabled]="from === to">{{ 'agreements.versions.compare' | transloco }}</button>
      </form>
    }
    @if (error()) {
      <p class="error" role="alert" data-testid="diff-error">{{ error() }}</p>
    }
    @if (diff(); as shown) {
      <div class="diff" data-testid="agreement-diff">
        <h3>{{ 'agreements.versions.diffTitle' | transloco: { from: shown.from, to: shown.to } }}</h3>
        @for (change of shown.changes; track change.path) {
          <div class="change" data-testid="diff-change" [attr.data-op]="change.op" [attr.data-path]="change.path">
            <p>
              <strong>{{ field(change) | cvTerm: 'agreements.fields' }}</strong>
              @if (rest(change)) {
                <span class="muted"> › {{ rest(change) }}</span>
              }
              <span class="op op-{{ change.op }}">{{ 'agreements.versions.ops.' + change.op | transloco }}</span>
            </p>
            @if (change.op !== 'added') {
              <p class="before"><span class="sr">{{ 'agreements.versions.before' | transloco }}: </span>{{ show(change.from) }}</p>
            }
            @if (change.op !== 'removed') {
              <p class="after"><span class="sr">{{ 'agreements.versions.after' | transloco }}: </span>{{ show(change.to) }}</p>
            }
          </div>
        } @empty {
          <p class="muted" data-testid="diff-none">{{ 'agreements.versions.noChanges' | transloco }}</p>
        }
      </div>
    }
  `,
  styles: `
    .versions { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
    .versions p { margin: 2px 0; }
    code { display: block; overflow-wrap: anywhere; font-size: 11px; color: var(--mat-sys-on-surface-variant); }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .compare { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 12px; }
    .diff h3 { font: var(--mat-sys-title-small); margin: 12px 0 8px; }
    .change { padding: 8px; border-radius: 8px; border: 1px solid var(--mat-sys-outline-variant); margin-bottom: 8px; }
    .change p { margin: 2px 0; overflow-wrap: anywhere; }
    .op { margin-inline-start: 8px; font: var(--mat-sys-label-small); text-transform: uppercase; }
    .before { background: #fde7e9; color: #6e1018; text-decoration: line-through; padding: 2px 6px; border-radius: 4px; }
    .after { background: #dff5e3; color: #0f5223; padding: 2px 6px; border-radius: 4px; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .error { color: var(--mat-sys-error); }
  `,
})
export class AgreementVersionsComponent {
  private readonly api = inject(AgreementsApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  readonly agreementId = input.required<string>();
  /** The current version: a new one reloads the list. */
  readonly version = input.required<number>();

  protected readonly versions = signal<AgreementVersion[]>([]);
  protected readonly diff = signal<AgreementDiff | null>(null);
  protected readonly error = signal('');
  protected from = 0;
  protected to = 0;

  constructor() {
    effect(() => {
      const id = this.agreementId();
      this.version();
      untracked(() => this.load(id));
    });
  }

  protected compare(): void {
    if (this.from === this.to) return;
    const [from, to] = this.from < this.to ? [this.from, this.to] : [this.to, this.from];
    this.error.set('');
    this.api.diff(this.agreementId(), from, to).subscribe({
      next: (diff) => this.diff.set(diff),
      error: (error: unknown) => this.fail(error),
    });
  }

  protected field(change: AgreementTermChange): string {
    return splitPointer(change.path).field;
  }

  protected rest(change: AgreementTermChange): string {
    return splitPointer(change.path).rest;
  }

  protected show(value: unknown): string {
    return showValue(value);
  }

  private load(id: string): void {
    this.api.versions(id).subscribe({
      next: (versions) => {
        const newestFirst = [...versions].sort((a, b) => b.version - a.version);
        this.versions.set(newestFirst);
        this.diff.set(null);
        if (newestFirst.length > 1) {
          this.to = newestFirst[0].version;
          this.from = newestFirst[1].version;
        }
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    const message = describeError(toErrorResponse(error));
    this.error.set(this.transloco.translate(message.key, message.params));
  }
}
