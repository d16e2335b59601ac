import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';

/** The three steps of the ministry's data supply chain, as cards. */
@Component({
  selector: 'cv-supply-chain-steps',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, TranslocoPipe],
  template: `
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">{{ 'home.stepsTitle' | transloco }}</h2>
      <ol class="steps">
        @for (step of steps; track step; let index = $index) {
          <li>
            <mat-card appearance="outlined" class="card" [attr.data-testid]="'step-' + step">
              <mat-card-header>
                <mat-card-subtitle>{{ 'home.stepLabel' | transloco: { number: index + 1 } }}</mat-card-subtitle>
                <mat-card-title>{{ 'home.steps.' + step + '.title' | transloco }}</mat-card-title>
              </mat-card-header>
              <mat-card-content>
                <p>{{ 'home.steps.' + step + '.text' | transloco }}</p>
              </mat-card-content>
            </mat-card>
          </li>
        }
      </ol>
    </section>
  `,
  styles: `
    .steps {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 16px;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
    }
    .card {
      height: 100%;
    }
  `,
})
export class SupplyChainStepsComponent {
  protected readonly steps = ['diagnostic', 'owners', 'collaboration'] as const;
}
