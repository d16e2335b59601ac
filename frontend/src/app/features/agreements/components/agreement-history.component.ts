import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { AgreementTransitionRecord } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';

/** The agreement's transitions, oldest first: who moved it where, when and why. */
@Component({
  selector: 'cv-agreement-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, TranslocoPipe],
  template: `
    <ol class="timeline" data-testid="agreement-history">
      @for (record of history(); track record.id) {
        <li data-testid="history-entry" [attr.data-event]="record.event">
          <time [attr.datetime]="record.at">{{ record.at | date: 'medium' : undefined : locale() }}</time>
          <p>
            <strong>{{ 'agreements.events.' + record.event | transloco }}</strong>
            @if (record.fromState) {
              · {{ 'agreements.states.' + record.fromState | transloco }} → {{ 'agreements.states.' + record.toState | transloco }}
            } @else {
              · {{ 'agreements.states.' + record.toState | transloco }}
            }
            · {{ 'agreements.history.version' | transloco: { version: record.version } }}
          </p>
          <p class="muted">{{ record.actorName ?? ('agreements.history.system' | transloco) }}</p>
          @if (record.comment) {
            <blockquote>{{ record.comment }}</blockquote>
          }
        </li>
      } @empty {
        <li class="muted">{{ 'agreements.history.empty' | transloco }}</li>
      }
    </ol>
  `,
  styles: `
    .timeline { list-style: none; margin: 0; padding: 0 0 0 16px; border-inline-start: 2px solid var(--mat-sys-outline-variant); }
    li { position: relative; padding: 0 0 12px 12px; }
    li::before { content: ''; position: absolute; inset-inline-start: -23px; top: 4px; width: 10px; height: 10px; border-radius: 50%; background: var(--mat-sys-primary); }
    time { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    p { margin: 2px 0; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    blockquote { margin: 4px 0 0; padding: 4px 8px; border-inline-start: 3px solid var(--mat-sys-outline-variant); white-space: pre-line; }
  `,
})
export class AgreementHistoryComponent {
  readonly history = input.required<readonly AgreementTransitionRecord[]>();
  protected readonly locale = inject(LanguageService).active;
}
