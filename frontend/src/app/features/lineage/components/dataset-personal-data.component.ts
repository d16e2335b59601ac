import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ErrorResponse, LineageColumnEdge, LineagePersonalData } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type Observable, catchError, combineLatest, map, of, switchMap, tap } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError } from '../../../shared/errors/describe-error';
import { LineageApi } from '../data-access/lineage.api';
import { datasetNodeId, datasetRef } from '../data-access/lineage-node-id';
import { LineageColumnsTableComponent } from './lineage-columns-table.component';

/** How far downstream the catalog page looks for datasets receiving personal data. */
export const DOWNSTREAM_DEPTH = 10;

type Answer<T> = { readonly value: T } | { readonly error: ErrorResponse };

/** An answer or its error, so that one failing request does not hide the other. */
function answer<T>(request: Observable<T>): Observable<Answer<T>> {
  return request.pipe(
    map((value): Answer<T> => ({ value })),
    catchError((error: unknown) => of<Answer<T>>({ error: toErrorResponse(error) })),
  );
}

/**
 * "Personal data in lineage" of a catalog dataset with a lineage identity: its fields carrying
 * personal data (declared in the catalog or derived through unmasked edges, with their origins),
 * and the downstream column edges that carry personal data out of it.
 */
@Component({
  selector: 'cv-dataset-personal-data',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatProgressBarModule, TranslocoPipe, LineageColumnsTableComponent],
  templateUrl: './dataset-personal-data.component.html',
  styleUrls: ['./lineage-badges.scss', './dataset-personal-data.component.scss'],
})
export class DatasetPersonalDataComponent {
  private readonly api = inject(LineageApi);
  private readonly transloco = inject(TranslocoService);
  readonly namespace = input.required<string>();
  readonly name = input.required<string>();

  protected readonly node = computed(() => datasetNodeId(this.namespace(), this.name()));
  protected readonly loading = signal(true);
  protected readonly notInLineage = signal(false);
  protected readonly personal = signal<LineagePersonalData | null>(null);
  protected readonly personalError = signal('');
  protected readonly downstream = signal<LineageColumnEdge[] | null>(null);
  protected readonly downstreamError = signal('');
  /** The downstream datasets (by `<namespace>:<name>`) that receive personal data, in order of appearance. */
  protected readonly receivers = computed(() => {
    const seen = new Map<string, { namespace: string; name: string; node: string }>();
    for (const edge of this.downstream() ?? []) {
      const key = datasetRef(edge.target.namespace, edge.target.name);
      if (!seen.has(key)) seen.set(key, { namespace: edge.target.namespace, name: edge.target.name, node: datasetNodeId(edge.target.namespace, edge.target.name) });
    }
    return [...seen.values()];
  });

  constructor() {
    const dataset$ = toObservable(computed(() => datasetRef(this.namespace(), this.name())));
    dataset$
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.personal.set(null);
          this.downstream.set(null);
        }),
        switchMap((dataset) =>
          combineLatest([
            answer(this.api.personalData(dataset)),
            answer(this.api.columns({ dataset, direction: 'downstream', depth: DOWNSTREAM_DEPTH })),
          ]),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(([personal, columns]) => {
        this.loading.set(false);
        // An unknown dataset is said once, not once per request.
        this.notInLineage.set(('error' in personal && personal.error.statusCode === 404) || ('error' in columns && columns.error.statusCode === 404));
        this.personal.set('value' in personal ? personal.value : null);
        this.personalError.set('error' in personal ? this.describe(personal.error) : '');
        this.downstream.set('value' in columns ? columns.value.edges.filter((edge) => !!edge.personalData) : null);
        this.downstreamError.set('error' in columns ? this.describe(columns.error) : '');
      });
  }

  private describe(error: ErrorResponse): string {
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }
}
