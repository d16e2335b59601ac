import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { DIAGNOSTIC_STATUSES, type Diagnostic } from '@convenio/contracts';
import { AuthzService } from '../../../core/authz/authz.service';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { PagedList } from '../../../shared/data/paged-list';
import { describeError } from '../../../shared/errors/describe-error';
import { IconComponent } from '../../../shared/icon/icon.component';
import { type DiagnosticFilters, DiagnosticsApi } from '../data-access/diagnostics.api';

/** `/diagnosticos`: policy questions with their needs and how many already have an owner. */
@Component({
  selector: 'cv-diagnostics-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, DatePipe, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatSelectModule, MatButtonModule, MatProgressBarModule, TranslocoPipe, IconComponent],
  providers: [provideTranslatedPaginator()],
  template: `
    <header class="head">
      <h1 data-testid="page-title">{{ 'diagnostics.title' | transloco }}</h1>
      @if (canCreate()) {
        <div class="actions">
          <a mat-flat-button routerLink="/diagnosticos/nuevo" data-testid="diagnostic-new">
            <cv-icon name="add" />
            {{ 'diagnostics.new' | transloco }}
          </a>
        </div>
      }
    </header>

    <form class="filters" [formGroup]="filters" role="search" [attr.aria-label]="'common.filters' | transloco">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'common.status' | transloco }}</mat-label>
        <mat-select formControlName="status" data-testid="diagnostic-filter-status">
          <mat-option value="">{{ 'common.all' | transloco }}</mat-option>
          @for (status of statuses; track status) {
            <mat-option [value]="status">{{ 'diagnostics.statuses.' + status | transloco }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </form>

    <div class="progress">
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
    </div>
    @if (list.error()) {
      <p class="error" role="alert" data-testid="diagnostic-list-error">{{ errorText() }}</p>
    }

    <div class="table-scroll">
      <table mat-table [dataSource]="list.items()" data-testid="diagnostic-table">
        <ng-container matColumnDef="title">
          <th mat-header-cell *matHeaderCellDef>{{ 'diagnostics.fields.title' | transloco }}</th>
          <td mat-cell *matCellDef="let diagnostic">
            <a [routerLink]="['/diagnosticos', diagnostic.id]" data-testid="diagnostic-link">{{ diagnostic.title }}</a>
          </td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>{{ 'common.status' | transloco }}</th>
          <td mat-cell *matCellDef="let diagnostic">
            <span class="status" [class.status-active]="diagnostic.status === 'open'" data-testid="diagnostic-status">{{ 'diagnostics.statuses.' + diagnostic.status | transloco }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="needs">
          <th mat-header-cell *matHeaderCellDef>{{ 'diagnostics.list.needs' | transloco }}</th>
          <td mat-cell *matCellDef="let diagnostic" data-testid="diagnostic-needs">{{ diagnostic.needs.length }}</td>
        </ng-container>
        <ng-container matColumnDef="assigned">
          <th mat-header-cell *matHeaderCellDef>{{ 'diagnostics.list.assigned' | transloco }}</th>
          <td mat-cell *matCellDef="let diagnostic" data-testid="diagnostic-assigned">{{ assignedCount(diagnostic) }} / {{ diagnostic.needs.length }}</td>
        </ng-container>
        <ng-container matColumnDef="updated">
          <th mat-header-cell *matHeaderCellDef>{{ 'diagnostics.list.updated' | transloco }}</th>
          <td mat-cell *matCellDef="let diagnostic">{{ diagnostic.updatedAt | date: 'mediumDate' : undefined : locale() }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let diagnostic; columns: columns" data-testid="diagnostic-row"></tr>
      </table>
      @if (list.loaded() && !list.error() && list.items().length === 0) {
        <p class="empty muted" data-testid="diagnostic-empty">{{ 'diagnostics.list.empty' | transloco }}</p>
      }
    </div>

    <mat-paginator [length]="list.total()" [pageIndex]="list.page() - 1" [pageSize]="list.pageSize()" [pageSizeOptions]="[10, 25, 50, 100]" (page)="page($event)" />
  `,
  styleUrl: '../../../shared/styles/list-page.scss',
})
export class DiagnosticsPageComponent {
  private readonly api = inject(DiagnosticsApi);
  private readonly authz = inject(AuthzService);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly statuses = DIAGNOSTIC_STATUSES;
  protected readonly columns = ['title', 'status', 'needs', 'assigned', 'updated'];
  protected readonly list = new PagedList<Diagnostic, DiagnosticFilters>((request) => this.api.list(request), { status: '' });
  protected readonly filters = inject(NonNullableFormBuilder).group({ status: [''] });
  protected readonly canCreate = computed(() => this.authz.can('create', 'Diagnostic'));

  constructor() {
    this.filters.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.list.setFilters(this.filters.getRawValue() as DiagnosticFilters));
    this.list.load();
  }

  protected assignedCount(diagnostic: Diagnostic): number {
    return diagnostic.needs.filter((need) => need.assignedDatasetId).length;
  }

  protected errorText(): string {
    const error = this.list.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }

  protected page(event: PageEvent): void {
    this.list.setPage(event.pageIndex, event.pageSize);
  }
}
