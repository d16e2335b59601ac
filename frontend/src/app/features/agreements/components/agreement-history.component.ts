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
  styleUrl: '../../../shared/styles/timeline.scss',
})
export class AgreementHistoryComponent {
  readonly history = input.required<readonly AgreementTransitionRecord[]>();
  protected readonly locale = inject(LanguageService).active;
}
