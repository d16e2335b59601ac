import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AuditVerification } from '@convenio/contracts';
import { LanguageService } from '../../../core/i18n/language.service';
import { IconComponent } from '../../../shared/icon/icon.component';

/** The answer of "Verificar cadena": intact (how many entries) or broken (where and why). */
@Component({
  selector: 'cv-audit-verify-result',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, IconComponent],
  template: `
    @let verification = result();
    <section
      class="result"
      role="status"
      data-testid="audit-verify-result"
      [class.valid]="verification.valid"
      [class.invalid]="!verification.valid"
      [attr.data-valid]="verification.valid"
    >
      <cv-icon [name]="verification.valid ? 'check' : 'error'" />
      <div>
        <strong data-testid="audit-verify-summary">{{ (verification.valid ? 'audit.verify.valid' : 'audit.verify.invalid') | transloco }}</strong>
        <dl>
          <div>
            <dt>{{ 'audit.verify.entriesChecked' | transloco }}</dt>
            <dd data-testid="audit-verify-count">{{ count() }}</dd>
          </div>
          @if (!verification.valid) {
            <div>
              <dt>{{ 'audit.verify.firstInvalid' | transloco }}</dt>
              <dd data-testid="audit-verify-first-invalid">{{ verification.firstInvalidEntryId ?? '—' }}</dd>
            </div>
            <div>
              <dt>{{ 'audit.verify.reason' | transloco }}</dt>
              <dd data-testid="audit-verify-reason">{{ verification.reason ?? '—' }}</dd>
            </div>
          }
        </dl>
      </div>
    </section>
  `,
  styles: `
    .result {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 12px 16px;
      border-radius: 12px;
    }
    .valid {
      background: #dff5e3;
      color: #0f5223;
    }
    .invalid {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    dl {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 24px;
      margin: 8px 0 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
    }
    dd {
      margin: 0;
      word-break: break-all;
    }
  `,
})
export class AuditVerifyResultComponent {
  private readonly locale = inject(LanguageService).active;
  readonly result = input.required<AuditVerification>();
  protected readonly count = computed(() => new Intl.NumberFormat(this.locale()).format(this.result().entriesChecked));
}
