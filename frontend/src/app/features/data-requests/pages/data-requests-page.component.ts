import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { subject } from '@casl/ability';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type AnswerDataRequestRequest, DATA_REQUEST_STATUSES, type DataRequest } from '@convenio/contracts';
import { AuthzService } from '../../../core/authz/authz.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { SessionService } from '../../../core/session/session.service';
import { PagedList } from '../../../shared/data/paged-list';
import { describeError } from '../../../shared/errors/describe-error';
import { type AnswerDialogData, AnswerDialogComponent } from '../components/answer-dialog.component';
import { type DataRequestFilters, DataRequestsApi } from '../data-access/data-requests.api';

/** `/solicitudes-de-datos`: stewards see the requests addressed to their organization and answer them; officials and auditors see all. */
@Component({
  selector: 'cv-data-requests-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, DatePipe, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatSelectModule, MatButtonModule, MatProgressBarModule, TranslocoPipe],
  providers: [provideTranslatedPaginator()],
  template: `
    <header class="head">
      <h1 data-testid="page-title">{{ 'dataRequests.title' | transloco }}</h1>
    </header>

    <form class="filters" [formGroup]="filters" role="search" [attr.aria-label]="'common.filters' | transloco">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'common.status' | transloco }}</mat-label>
        <mat-select formControlName="status" data-testid="data-request-filter-status">
          <mat-option value="">{{ 'common.all' | transloco }}</mat-option>
          @for (status of statuses; track status) {
            <mat-option [value]="status">{{ 'dataRequests.statuses.' + status | transloco }}</mat-option>
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
      <p class="error" role="alert" data-testid="data-request-list-error">{{ errorText() }}</p>
    }

    <div class="table-scroll">
      <table mat-table [dataSource]="list.items()" data-testid="data-request-table">
        <ng-container matColumnDef="need">
          <th mat-header-cell *matHeaderCellDef>{{ 'dataRequests.fields.need' | transloco }}</th>
          <td mat-cell *matCellDef="let request">
            <div>{{ request.needTopic }}</div>
            <div class="muted">{{ request.diagnosticTitle }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="parties">
          <th mat-header-cell *matHeaderCellDef>{{ 'dataRequests.fields.parties' | transloco }}</th>
          <td mat-cell *matCellDef="let request">{{ 'dataRequests.fromTo' | transloco: { from: request.requesterOrganizationName, to: request.addressedOrganizationName } }}</td>
        </ng-container>
        <ng-container matColumnDef="message">
          <th mat-header-cell *matHeaderCellDef>{{ 'dataRequests.fields.message' | transloco }}</th>
          <td mat-cell *matCellDef="let request">
            <div>{{ request.message }}</div>
            @if (request.response) {
              <div class="muted" data-testid="data-request-response">{{ 'dataRequests.fields.response' | transloco }}: {{ request.response }}</div>
            }
            @if (request.datasetTitle) {
              <div class="muted">{{ 'dataRequests.fields.dataset' | transloco }}: {{ request.datasetTitle }}</div>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>{{ 'common.status' | transloco }}</th>
          <td mat-cell *matCellDef="let request">
            <span class="status" [class.status-active]="request.status === 'answered'" [class.status-inactive]="request.status === 'declined'" data-testid="data-request-status">
              {{ 'dataRequests.statuses.' + request.status | transloco }}
            </span>
          </td>
        </ng-container>
        <ng-container matColumnDef="created">
          <th mat-header-cell *matHeaderCellDef>{{ 'dataRequests.fields.created' | transloco }}</th>
          <td mat-cell *matCellDef="let request">{{ request.createdAt | date: 'mediumDate' : undefined : locale() }}</td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef><span class="muted">{{ 'common.actions' | transloco }}</span></th>
          <td mat-cell *matCellDef="let request" class="row-actions">
            @if (canAnswer(request)) {
              <button mat-stroked-button type="button" data-testid="data-request-answer" (click)="answer(request)">{{ 'dataRequests.answer.open' | transloco }}</button>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let request; columns: columns" data-testid="data-request-row"></tr>
      </table>
      @if (list.loaded() && !list.error() && list.items().length === 0) {
        <p class="empty muted" data-testid="data-request-empty">{{ 'dataRequests.empty' | transloco }}</p>
      }
    </div>

    <mat-paginator [length]="list.total()" [pageIndex]="list.page() - 1" [pageSize]="list.pageSize()" [pageSizeOptions]="[10, 25, 50, 100]" (page)="page($event)" />
  `,
  styleUrl: '../../../shared/styles/list-page.scss',
})
export class DataRequestsPageComponent {
  private readonly api = inject(DataRequestsApi);
  private readonly authz = inject(AuthzService);
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly statuses = DATA_REQUEST_STATUSES;
  protected readonly columns = ['need', 'parties', 'message', 'status', 'created', 'actions'];
  protected readonly list = new PagedList<DataRequest, DataRequestFilters>((request) => this.api.list(request), { status: '' });
  protected readonly filters = inject(NonNullableFormBuilder).group({ status: [''] });

  constructor() {
    this.filters.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.list.setFilters(this.filters.getRawValue() as DataRequestFilters));
    this.list.load();
  }

  /** Open requests addressed to the steward's own organization. */
  protected canAnswer(request: DataRequest): boolean {
    if (request.status !== 'open' || !this.authz.can('answer', 'DataRequest')) return false;
    const { id, addressedOrganizationId, requesterOrganizationId, status } = request;
    return this.authz.ability.can('answer', subject('DataRequest', { id, addressedOrganizationId, requesterOrganizationId, status }));
  }

  protected answer(request: DataRequest): void {
    const organizationId = this.session.user()?.organization.id;
    if (!organizationId) return;
    this.dialog
      .open<AnswerDialogComponent, AnswerDialogData, AnswerDataRequestRequest>(AnswerDialogComponent, { data: { request, organizationId }, maxWidth: '560px', width: 'calc(100vw - 32px)' })
      .afterClosed()
      .subscribe((body) => {
        if (!body) return;
        this.api.answer(request.id, body).subscribe({
          next: (answered) => {
            this.list.replace((item) => item.id === answered.id, answered);
            this.snackBar.open(this.transloco.translate('dataRequests.answer.sent'), undefined, { duration: 4000 });
          },
          error: (error: unknown) => {
            const message = describeError(toErrorResponse(error));
            this.snackBar.open(this.transloco.translate(message.key, message.params), undefined, { duration: 6000 });
          },
        });
      });
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
