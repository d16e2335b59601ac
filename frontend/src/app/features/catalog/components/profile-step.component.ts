import { DecimalPipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type CsvProfile, PROFILE_MAX_BYTES, type ProfileWarning } from '@convenio/contracts';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { describeError } from '../../../shared/errors/describe-error';
import { CatalogApi } from '../data-access/catalog.api';

/**
 * The profiling step of the editor: upload a sample CSV, see what each column looks like
 * (type, nulls, distinct values, identifiers detected) and accept the suggestions.
 */
@Component({
  selector: 'cv-profile-step',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, PercentPipe, MatButtonModule, MatProgressBarModule, TranslocoPipe],
  templateUrl: './profile-step.component.html',
  styleUrls: ['./catalog-badges.scss', '../../../shared/styles/file-upload.scss', './profile-step.component.scss'],
})
export class ProfileStepComponent {
  private readonly api = inject(CatalogApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  /** The person accepted the suggestions of this profile. */
  readonly accept = output<CsvProfile>();

  protected readonly profile = signal<CsvProfile | null>(null);
  protected readonly fileName = signal('');
  protected readonly loading = signal(false);
  protected readonly errorText = signal('');
  protected readonly accepted = signal(false);

  protected upload(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.fileName.set(file.name);
    this.profile.set(null);
    this.accepted.set(false);
    if (file.size > PROFILE_MAX_BYTES) {
      this.errorText.set(this.transloco.translate('catalog.profile.tooLarge'));
      return;
    }
    this.errorText.set('');
    this.loading.set(true);
    this.api.profile(file).subscribe({
      next: (profile) => {
        this.loading.set(false);
        this.profile.set(profile);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.errorText.set(this.describe(toErrorResponse(error)));
      },
    });
  }

  protected acceptSuggestions(): void {
    const profile = this.profile();
    if (!profile) return;
    this.accept.emit(profile);
    this.accepted.set(true);
  }

  /** A warning in words of the portal when its code is known, else the API's own sentence. */
  protected warningText(warning: ProfileWarning): string {
    const key = `catalog.profile.warnings.${warning.code}`;
    const known = Object.hasOwn(this.transloco.getTranslation(this.transloco.getActiveLang()), key);
    return known ? this.transloco.translate(key) : warning.message;
  }

  private describe(error: ReturnType<typeof toErrorResponse>): string {
    if (error.statusCode === 404) return this.transloco.translate('catalog.profile.unavailable');
    if (error.statusCode === 413) return this.transloco.translate('catalog.profile.tooLarge');
    if (error.statusCode === 400 || error.statusCode === 415 || error.statusCode === 422) {
      return this.transloco.translate('catalog.profile.invalid', { message: error.message });
    }
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }
}
