import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { FindingHistoryEntry } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { FindingStatusComponent } from './finding-status.component';

/** A finding's status changes as the API lists them: status, who, when and the comment. */
@Component({
  selector: 'cv-finding-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, TranslocoPipe, FindingStatusComponent],
  template: `
    <ol class="timeline" data-testid="finding-history">
      @for (entry of history(); track $index) {
        <li data-testid="finding-history-entry" [attr.data-status]="entry.status">
          <time [attr.datetime]="entry.at">{{ entry.at | date: 'medium' : undefined : locale() }}</time>
          <p>
            <cv-finding-status [status]="entry.status" testId="finding-history-status" />
            · {{ entry.actorName ?? ('compliance.history.system' | transloco) }}
          </p>
          @if (entry.comment) {
            <blockquote>{{ entry.comment }}</blockquote>
          }
        </li>
      } @empty {
        <li class="muted">{{ 'compliance.history.empty' | transloco }}</li>
      }
    </ol>
  `,
  styleUrl: '../../../shared/styles/timeline.scss',
})
export class FindingHistoryComponent {
  readonly history = input.required<readonly FindingHistoryEntry[]>();
  protected readonly locale = inject(LanguageService).active;
}
