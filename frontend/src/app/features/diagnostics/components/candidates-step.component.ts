import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CandidateReason, DiagnosticNeed, NeedCandidates } from '@convenio/contracts';
import { IconComponent } from '../../../shared/icon/icon.component';

export interface AssignEvent {
  readonly needId: string;
  readonly datasetId: string;
}

export interface RequestDataEvent {
  readonly needId: string;
  readonly needIndex: number;
}

/**
 * The wizard's third step: for each need, the datasets that can serve it (best first) with their owner
 * and why they match; the assigned one is highlighted. A need without candidates offers a data request.
 */
@Component({
  selector: 'cv-candidates-step',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatChipsModule, MatTooltipModule, TranslocoPipe, IconComponent],
  template: `
    @for (need of needs(); track need.id; let needIndex = $index) {
      <section class="need" [attr.data-testid]="'candidates-need-' + needIndex">
        <h3>{{ need.topic }}</h3>
        @if (need.assignedDatasetId) {
          <p class="assigned-banner" [attr.data-testid]="'need-assigned-' + needIndex">
            <cv-icon name="check" />
            {{ 'diagnostics.candidates.assignedTo' | transloco: { dataset: need.assignedDatasetTitle, organization: need.assignedOrganizationName } }}
            @if (canEdit()) {
              <button mat-button type="button" [attr.data-testid]="'need-unassign-' + needIndex" (click)="unassign.emit(need.id)">{{ 'diagnostics.candidates.unassign' | transloco }}</button>
            }
          </p>
        }
        @let candidates = candidatesOf(need.id);
        @if (candidates.length === 0) {
          <p class="empty" [attr.data-testid]="'candidates-empty-' + needIndex">{{ 'diagnostics.candidates.none' | transloco }}</p>
          @if (canEdit()) {
            <button mat-stroked-button type="button" [attr.data-testid]="'request-data-' + needIndex" (click)="requestData.emit({ needId: need.id, needIndex })">
              {{ 'diagnostics.candidates.requestData' | transloco }}
            </button>
          }
        } @else {
          <ol class="candidates">
            @for (candidate of candidates; track candidate.datasetId; let rank = $index) {
              <li
                [class.assigned]="candidate.datasetId === need.assignedDatasetId"
                [attr.data-testid]="'candidate-' + needIndex + '-' + rank"
                [attr.data-assigned]="candidate.datasetId === need.assignedDatasetId"
              >
                <div class="title">
                  <strong>{{ candidate.title }}</strong>
                  <span class="owner">{{ candidate.ownerOrganizationName }} · {{ 'sectors.' + candidate.ownerSector | transloco }}</span>
                </div>
                <span class="score" [attr.aria-label]="'diagnostics.candidates.score' | transloco: { score: candidate.score }">{{ candidate.score }}</span>
                <mat-chip-set [attr.aria-label]="'diagnostics.candidates.reasons' | transloco">
                  @for (reason of candidate.reasons; track $index) {
                    <mat-chip [class.malus]="reason.weight < 0" [matTooltip]="reason.detail" [attr.data-reason]="reason.reason">
                      {{ reasonKey(reason) | transloco: reason.params ?? {} }}
                    </mat-chip>
                  }
                </mat-chip-set>
                @if (canEdit() && candidate.datasetId !== need.assignedDatasetId) {
                  <button mat-flat-button type="button" [attr.data-testid]="'candidate-assign-' + needIndex + '-' + rank" (click)="assign.emit({ needId: need.id, datasetId: candidate.datasetId })">
                    {{ 'diagnostics.candidates.assign' | transloco }}
                  </button>
                }
              </li>
            }
          </ol>
        }
      </section>
    }
  `,
  styles: `
    .need {
      margin-bottom: 24px;
    }
    h3 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .assigned-banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      color: var(--mat-sys-primary);
    }
    .candidates {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    li {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 8px 16px;
      align-items: center;
      padding: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    li.assigned {
      border: 2px solid var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
    }
    .title {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .owner {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .score {
      font: var(--mat-sys-title-medium);
      justify-self: end;
    }
    mat-chip-set {
      grid-column: 1 / -1;
    }
    .malus {
      --mat-chip-label-text-color: var(--mat-sys-error);
    }
    li button {
      grid-column: 1 / -1;
      justify-self: start;
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CandidatesStepComponent {
  readonly needs = input.required<readonly DiagnosticNeed[]>();
  readonly candidates = input.required<readonly NeedCandidates[]>();
  readonly canEdit = input(false);
  readonly assign = output<AssignEvent>();
  readonly unassign = output<string>();
  readonly requestData = output<RequestDataEvent>();

  protected candidatesOf(needId: string): NeedCandidates['candidates'] {
    return this.candidates().find((entry) => entry.needId === needId)?.candidates ?? [];
  }

  protected reasonKey(reason: CandidateReason): string {
    return `diagnostics.reasons.${reason.reason}.${reason.variant ?? 'match'}`;
  }
}
