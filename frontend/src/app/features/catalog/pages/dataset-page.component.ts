import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Dataset, DatasetAccessPolicy, DatasetStatus } from '@convenio/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { AuthzService } from '../../../core/authz/authz.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { describeError } from '../../../shared/errors/describe-error';
import { stateName } from '../../../shared/geo/mexican-states';
import { IconComponent } from '../../../shared/icon/icon.component';
import { DatasetPersonalDataComponent } from '../../lineage/components/dataset-personal-data.component';
import { AccessExplainPanelComponent } from '../components/access-explain-panel.component';
import { AccessPolicyEditorComponent } from '../components/access-policy-editor.component';
import { DatasetColumnsComponent } from '../components/dataset-columns.component';
import { CatalogApi } from '../data-access/catalog.api';
import { CatalogPermissions } from '../data-access/catalog-permissions';
import { datasetDescription, datasetTitle } from '../data-access/dataset-text';

/**
 * `/catalogo/:id`: a dataset's description, coverage, columns and access policy in plain
 * sentences. Its stewards also edit it and its policy; officials, auditors and stewards ask
 * "who may access it?".
 */
@Component({
  selector: 'cv-dataset-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    IconComponent,
    DatasetColumnsComponent,
    AccessPolicyEditorComponent,
    AccessExplainPanelComponent,
    DatasetPersonalDataComponent,
  ],
  templateUrl: './dataset-page.component.html',
  styleUrls: ['../components/catalog-badges.scss', './dataset-page.component.scss'],
})
export class DatasetPageComponent {
  private readonly api = inject(CatalogApi);
  private readonly permissions = inject(CatalogPermissions);
  private readonly transloco = inject(TranslocoService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly authz = inject(AuthzService);
  protected readonly locale = inject(LanguageService).active;
  /** The route's `:id`. */
  readonly id = input.required<string>();

  protected readonly dataset = signal<Dataset | null>(null);
  protected readonly loading = signal(true);
  protected readonly errorText = signal('');
  protected readonly policy = signal<DatasetAccessPolicy | null>(null);
  protected readonly policyError = signal('');
  protected readonly versions = signal<DatasetAccessPolicy[]>([]);
  protected readonly savedVersion = signal<number | null>(null);
  protected readonly changingStatus = signal(false);

  protected readonly title = computed(() => {
    const dataset = this.dataset();
    return dataset ? datasetTitle(dataset, this.locale()) : '';
  });
  protected readonly description = computed(() => {
    const dataset = this.dataset();
    return dataset ? datasetDescription(dataset, this.locale()) : '';
  });
  protected readonly canEdit = computed(() => {
    const dataset = this.dataset();
    return dataset ? this.permissions.canEdit(dataset) : false;
  });
  protected readonly canExplain = computed(() => {
    const dataset = this.dataset();
    return dataset ? this.permissions.canExplain(dataset) : false;
  });
  /** Personal data in lineage: for datasets with a lineage identity, to those who may read the graph. */
  protected readonly canReadLineage = computed(() => this.authz.can('read', 'LineageGraph'));
  protected readonly columnNames = computed(() => this.dataset()?.columns.map((column) => column.name) ?? []);
  protected readonly geoNames = computed(() =>
    (this.dataset()?.geoCodes ?? []).map((code) => (code.length === 2 ? `${stateName(code, this.locale())} (${code})` : code)),
  );

  constructor() {
    const id$ = toObservable(this.id);
    id$
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.errorText.set('');
        }),
        switchMap((id) => this.api.get(id).pipe(map((dataset) => ({ dataset })), catchError((error: unknown) => of({ error: toErrorResponse(error) })))),
        takeUntilDestroyed(),
      )
      .subscribe((outcome) => {
        this.loading.set(false);
        if ('error' in outcome) {
          this.dataset.set(null);
          this.errorText.set(this.translate(outcome.error));
          return;
        }
        this.dataset.set(outcome.dataset);
        if (this.permissions.canEdit(outcome.dataset) || this.permissions.canExplain(outcome.dataset)) this.loadVersions(outcome.dataset.id);
      });
    id$
      .pipe(
        switchMap((id) => this.api.policy(id).pipe(map((policy) => ({ policy })), catchError((error: unknown) => of({ error: toErrorResponse(error) })))),
        takeUntilDestroyed(),
      )
      .subscribe((outcome) => {
        this.policy.set('policy' in outcome ? outcome.policy : null);
        this.policyError.set('error' in outcome ? this.translate(outcome.error) : '');
      });
  }

  protected policySaved(policy: DatasetAccessPolicy): void {
    this.policy.set(policy);
    this.savedVersion.set(policy.version);
    this.versions.update((versions) => [policy, ...versions.filter((version) => version.version !== policy.version)]);
    this.notify('catalog.policy.saved', { version: policy.version });
  }

  protected setStatus(status: DatasetStatus): void {
    const dataset = this.dataset();
    if (!dataset) return;
    this.changingStatus.set(true);
    this.api.update(dataset.id, { status }).subscribe({
      next: (updated) => {
        this.dataset.set(updated);
        this.changingStatus.set(false);
        this.notify(`catalog.dataset.statusChanged.${status}`, {});
      },
      error: (error: unknown) => {
        this.changingStatus.set(false);
        this.snackBar.open(this.translate(toErrorResponse(error)), this.transloco.translate('common.close'), { duration: 8000 });
      },
    });
  }

  private loadVersions(id: string): void {
    this.api.policyVersions(id).subscribe({ next: (versions) => this.versions.set(versions), error: () => this.versions.set([]) });
  }

  private translate(error: ReturnType<typeof toErrorResponse>): string {
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }

  private notify(key: string, params: Record<string, unknown>): void {
    this.snackBar.open(this.transloco.translate(key, params), this.transloco.translate('common.close'), { duration: 4000 });
  }
}
