import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';

/** What Convenio is: the three steps of the data supply chain and the standards it speaks. */
@Component({
  selector: 'cv-about-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, TranslocoPipe],
  template: `
    <h1 data-testid="page-title">{{ 'about.title' | transloco }}</h1>
    <p class="lead">{{ 'about.lead' | transloco }}</p>

    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-card-title><h2>{{ 'about.stepsTitle' | transloco }}</h2></mat-card-title>
      </mat-card-header>
      <mat-card-content>
        <ol>
          @for (step of steps; track step) {
            <li>{{ 'about.steps.' + step | transloco }}</li>
          }
        </ol>
      </mat-card-content>
    </mat-card>

    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-card-title><h2>{{ 'about.standardsTitle' | transloco }}</h2></mat-card-title>
      </mat-card-header>
      <mat-card-content>
        <ul>
          @for (standard of standards; track standard) {
            <li>{{ 'about.standards.' + standard | transloco }}</li>
          }
        </ul>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
      max-width: 70ch;
    }
    h1,
    h2,
    .lead {
      margin: 0;
    }
    h2 {
      font: inherit;
    }
    .lead {
      font: var(--mat-sys-body-large);
    }
    li + li {
      margin-top: 8px;
    }
  `,
})
export class AboutPageComponent {
  protected readonly steps = ['diagnostic', 'owners', 'collaboration'] as const;
  protected readonly standards = ['openlineage', 'odrl', 'dcat'] as const;
}
