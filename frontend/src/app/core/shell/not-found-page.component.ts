import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/** Any unknown address (`**`): served with 200 by the backend, then shown here. */
@Component({
  selector: 'cv-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, TranslocoPipe],
  template: `
    <h1 data-testid="page-title">{{ 'notFound.title' | transloco }}</h1>
    <p>{{ 'notFound.text' | transloco }}</p>
    <a mat-flat-button routerLink="/">{{ 'notFound.back' | transloco }}</a>
  `,
})
export class NotFoundPageComponent {}
