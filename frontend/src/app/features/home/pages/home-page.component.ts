import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { HealthPanelComponent } from '../components/health-panel.component';
import { SupplyChainStepsComponent } from '../components/supply-chain-steps.component';
import { HealthStore } from '../data-access/health.store';

/** Home: what Convenio is for, and whether the system is working right now. */
@Component({
  selector: 'cv-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, HealthPanelComponent, SupplyChainStepsComponent],
  providers: [HealthStore],
  template: `
    <h1 data-testid="page-title">{{ 'home.title' | transloco }}</h1>
    <p class="intro">{{ 'home.intro' | transloco }}</p>
    <cv-health-panel
      [result]="health.result()"
      [loading]="health.loading()"
      [checkedAt]="health.checkedAt()"
      [intervalMs]="health.intervalMs"
      (refresh)="health.refresh()"
    />
    <cv-supply-chain-steps />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 24px;
    }
    h1,
    .intro {
      margin: 0;
    }
    .intro {
      font: var(--mat-sys-body-large);
      max-width: 70ch;
    }
  `,
})
export class HomePageComponent {
  protected readonly health = inject(HealthStore);
}
