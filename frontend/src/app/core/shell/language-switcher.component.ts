import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Locale } from '@convenio/contracts';
import { IconComponent } from '../../shared/icon/icon.component';
import { LanguageService } from '../i18n/language.service';

/** Toolbar button opening a menu of the portal's languages. */
@Component({
  selector: 'cv-language-switcher',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, TranslocoPipe, IconComponent],
  template: `
    @let name = 'language.names.' + language.active() | transloco;
    <button
      mat-button
      class="switcher"
      data-testid="language-switcher"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'language.switcher' | transloco: { name: name }"
    >
      <cv-icon name="language" />
      <span [attr.lang]="language.active()">{{ name }}</span>
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      @for (locale of language.available; track locale) {
        <button
          mat-menu-item
          [attr.data-testid]="'language-' + locale"
          [attr.lang]="locale"
          [attr.aria-current]="locale === language.active() ? 'true' : null"
          (click)="choose(locale)"
        >
          {{ 'language.names.' + locale | transloco }}
        </button>
      }
    </mat-menu>
  `,
  styles: `
    .switcher {
      min-width: 0;
    }
  `,
})
export class LanguageSwitcherComponent {
  protected readonly language = inject(LanguageService);

  protected choose(locale: Locale): void {
    void this.language.use(locale);
  }
}
