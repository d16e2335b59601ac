import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ANONYMIZATION_JOB_STATES, type AnonymizationJob, type AnonymizationJobState } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { PagedList } from '../../../shared/data/paged-list';
import { describeError } from '../../../shared/errors/describe-error';
import { IconComponent } from '../../../shared/icon/icon.component';
import { JobStateChipComponent } from '../components/job-state-chip.component';
import { type AnonymizationJobFilters, AnonymizationApi, NO_JOB_FILTERS } from '../data-access/anonymization.api';
import { AnonymizationPermissions } from '../data-access/anonymization-permissions';

/** `/anonimizacion`: the anonymization jobs of the caller's organization (all of them, for auditors), newest first. */
@Component({
  selector: 'cv-anonymization-jobs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    IconComponent,
    JobStateChipComponent,
  ],
  providers: [provideTranslatedPaginator()],
  template: `
    <header class="head">
      <h1 data-testid="page-title">{{ 'anonymization.list.title' | transloco }}</h1>
      @if (canCreate()) {
        <div class="actions">
          <a mat-flat-button routerLink="/anonimizacion/nueva" data-testid="job-new"><cv-icon name="add" />{{ 'anonymization.list.new' | transloco }}</a>
        </div>
      }
    </header>
    <p class="muted lead">{{ 'anonymization.list.lead' | transloco }}</p>

    <div class="filters" role="search">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'anonymization.fields.state' | transloco }}</mat-label>
        <mat-select [value]="list.filters().state" (selectionChange)="setState($event.value)" data-testid="jobs-filter-state">
          <mat-option [value]="null">{{ 'common.all' | transloco }}</mat-option>
          @for (state of states; track state) {
            <mat-option [value]="state">{{ 'anonymization.states.' + state | transloco }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>

    <div class="progress">
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
    </div>
    @if (errorText()) {
      <p class="error" role="alert" data-testid="jobs-error">{{ errorText() }}</p>
    }

    <div class="table-scroll">
      <table mat-table [dataSource]="list.items()" data-testid="jobs-table">
        <ng-container matColumnDef="file">
          <th mat-header-cell *matHeaderCellDef>{{ 'anonymization.fields.file' | transloco }}</th>
          <td mat-cell *matCellDef="let job">
            <a [routerLink]="['/anonimizacion', job.id]" data-testid="job-link">{{ job.fileName }}</a>
            @if (job.datasetTitle) {
              <div class="muted">{{ job.datasetTitle }}</div>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="state">
          <th mat-header-cell *matHeaderCellDef>{{ 'anonymization.fields.state' | transloco }}</th>
          <td mat-cell *matCellDef="let job"><cv-job-state-chip [state]="job.state" testId="job-row-state" /></td>
        </ng-container>
        <ng-container matColumnDef="progress">
          <th mat-header-cell *matHeaderCellDef>{{ 'anonymization.fields.progress' | transloco }}</th>
          <td mat-cell *matCellDef="let job" class="progress-cell">
            <mat-progress-bar mode="determinate" [value]="job.progress" [attr.aria-label]="'anonymization.job.progressLabel' | transloco: { progress: job.progress }" />
            <span class="muted">{{ job.progress }} %</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="k">
          <th mat-header-cell *matHeaderCellDef>{{ 'anonymization.fields.kAchieved' | transloco }}</th>
          <td mat-cell *matCellDef="let job" data-testid="job-row-k">{{ job.report?.kAchieved ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="records">
          <th mat-header-cell *matHeaderCellDef>{{ 'anonymization.fields.records' | transloco }}</th>
          <td mat-cell *matCellDef="let job">{{ job.records | number: '1.0-0' : locale() }}</td>
        </ng-container>
        <ng-container matColumnDef="created">
          <th mat-header-cell *matHeaderCellDef>{{ 'anonymization.fields.created' | transloco }}</th>
          <td mat-cell *matCellDef="let job">
            {{ job.createdAt | date: 'medium' : undefined : locale() }}
            @if (job.createdByName) {
              <div class="muted">{{ job.createdByName }}</div>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let job; columns: columns" data-testid="job-row" [attr.data-state]="job.state"></tr>
      </table>
      @if (list.loaded() && !list.error() && list.items().length === 0) {
        <p class="empty muted" data-testid="jobs-empty">{{ 'anonymization.list.empty' | transloco }}</p>
      }
    </div>
    @if (list.total() > 0) {
      <mat-paginator [length]="list.total()" [pageIndex]="list.page() - 1" [pageSize]="list.pageSize()" [pageSizeOptions]="[25, 50, 100]" (page)="page($event)" />
    }
  `,
  styleUrl: '../../../shared/styles/list-page.scss',
  styles: `
    .lead { margin: 0; }
    .progress-cell { min-width: 8rem; }
    .progress-cell mat-progress-bar { margin-bottom: 4px; }
  `,
})
export class AnonymizationJobsPageComponent {
  private readonly api = inject(AnonymizationApi);
  private readonly transloco = inject(TranslocoService);
  private readonly permissions = inject(AnonymizationPermissions);
  protected readonly locale = inject(LanguageService).active;
  protected readonly states = ANONYMIZATION_JOB_STATES;
  protected readonly columns = ['file', 'state', 'progress', 'k', 'records', 'created'];
  protected readonly list = new PagedList<AnonymizationJob, AnonymizationJobFilters>((request) => this.api.list(request), NO_JOB_FILTERS);
  protected readonly canCreate = computed(() => this.permissions.canCreate());
  protected readonly errorText = computed(() => {
    const error = this.list.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  });

  constructor() {
    this.list.load();
  }

  protected setState(state: AnonymizationJobState | null): void {
    this.list.setFilters({ state });
  }

  protected page(event: PageEvent): void {
    this.list.setPage(event.pageIndex, event.pageSize);
  }
}
