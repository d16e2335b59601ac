import { JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AuditEntry } from '@convenio/contracts';

/** The expanded row of an audit entry: before and after as JSON, and the chain hashes. */
@Component({
  selector: 'cv-audit-entry-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [JsonPipe, TranslocoPipe],
  template: `
    @let current = entry();
    <div class="detail" data-testid="audit-entry-detail">
      <section>
        <h3>{{ 'audit.detail.before' | transloco }}</h3>
        @if (current.before) {
          <pre data-testid="audit-before">{{ current.before | json }}</pre>
        } @else {
          <p class="muted">{{ 'audit.detail.nothing' | transloco }}</p>
        }
      </section>
      <section>
        <h3>{{ 'audit.detail.after' | transloco }}</h3>
        @if (current.after) {
          <pre data-testid="audit-after">{{ current.after | json }}</pre>
        } @else {
          <p class="muted">{{ 'audit.detail.nothing' | transloco }}</p>
        }
      </section>
      <dl class="hashes">
        <dt>{{ 'audit.detail.actorId' | transloco }}</dt>
        <dd>{{ current.actorId ?? '—' }}</dd>
        <dt>{{ 'audit.detail.hash' | transloco }}</dt>
        <dd>{{ current.hash }}</dd>
        <dt>{{ 'audit.detail.prevHash' | transloco }}</dt>
        <dd>{{ current.prevHash }}</dd>
      </dl>
    </div>
  `,
  styles: `
    .detail {
      display: grid;
      gap: 8px 16px;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
      padding: 8px 0 16px;
    }
    h3 {
      margin: 0 0 4px;
      font: var(--mat-sys-title-small);
    }
    pre {
      margin: 0;
      padding: 8px;
      max-height: 20rem;
      overflow: auto;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      font-size: 12px;
      white-space: pre-wrap;
      word-break: break-word;
    }
    .hashes {
      grid-column: 1 / -1;
      margin: 0;
      font-size: 12px;
      word-break: break-all;
    }
    dd {
      margin: 0 0 4px;
      font-family: ui-monospace, Menlo, Consolas, monospace;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AuditEntryDetailComponent {
  readonly entry = input.required<AuditEntry>();
}
