import { DatePipe, LowerCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ComplianceFinding } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { findingSummary } from '../data-access/finding-summary';

/** A finding's one-line summary in the portal's language, built from its rule and evidence (see findingSummary). */
@Component({
  selector: 'cv-finding-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LowerCasePipe, TranslocoPipe],
  template: `
    @let s = summary();
    @let when = s.kind === 'crossOrg' || s.kind === 'agreementNotYetActive' || s.kind === 'agreementEnded' ? (s.eventTime ? (s.eventTime | date: 'medium' : undefined : locale()) : '—') : '';
    @switch (s.kind) {
      @case ('crossOrg') {
        {{ 'compliance.summaries.crossOrg' | transloco: { provider: s.provider, source: s.source, recipient: s.recipient, target: s.target, eventTime: when } }}
      }
      @case ('agreementMissing') {
        {{ 'compliance.summaries.agreementMissing' | transloco: { agreement: s.agreement } }}
      }
      @case ('agreementNotYetActive') {
        {{ 'compliance.summaries.agreementNotYetActive' | transloco: { agreement: s.agreement, state: ('agreements.states.' + s.state | transloco | lowercase), eventTime: when } }}
      }
      @case ('agreementEnded') {
        {{ 'compliance.summaries.agreementEnded' | transloco: { agreement: s.agreement, state: ('agreements.states.' + s.state | transloco | lowercase), endedAt: s.endedAt ? (s.endedAt | date: 'medium' : undefined : locale()) : '—', eventTime: when } }}
      }
      @case ('directIdentifier') {
        {{ 'compliance.summaries.directIdentifier' | transloco: { agreement: s.agreement, fields: s.fields } }}
      }
      @case ('releaseK') {
        {{ 'compliance.summaries.releaseK' | transloco: { agreement: s.agreement, release: s.release, k: s.k, minK: s.minK, version: s.version ?? '—' } }}
      }
      @default {
        {{ 'compliance.rules.' + finding().rule | transloco }}
      }
    }
  `,
})
export class FindingSummaryComponent {
  readonly finding = input.required<ComplianceFinding>();
  protected readonly summary = computed(() => findingSummary(this.finding()));
  protected readonly locale = inject(LanguageService).active;
}
