import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ComplianceFinding, LineageColumnEdge, LineageDirection, LineageNode } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Subscription } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError } from '../../../shared/errors/describe-error';
import { FindingSummaryComponent } from '../../compliance/components/finding-summary.component';
import { FindingSeverityComponent } from '../../compliance/components/finding-severity.component';
import { type ColumnsRequest, LineageApi } from '../data-access/lineage.api';
import { datasetRef } from '../data-access/lineage-node-id';
import { LineageColumnsTableComponent } from './lineage-columns-table.component';

/**
 * The selected node beside the graph: what it is, its catalog entry, personal data, the
 * agreements its edges ran under, the open findings that mention it and, for a dataset, a
 * column view (column-level lineage, fetched when switched on).
 */
@Component({
  selector: 'cv-lineage-node-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TranslocoPipe, FindingSeverityComponent, FindingSummaryComponent, LineageColumnsTableComponent],
  templateUrl: './lineage-node-panel.component.html',
  styleUrls: ['./lineage-badges.scss', './lineage-node-panel.component.scss'],
})
export class LineageNodePanelComponent {
  private readonly api = inject(LineageApi);
  private readonly transloco = inject(TranslocoService);

  readonly node = input.required<LineageNode>();
  readonly agreementIds = input<readonly string[]>([]);
  /** Open findings mentioning the node; null when the person may not read findings. */
  readonly findings = input<readonly ComplianceFinding[] | null>(null);
  readonly findingsError = input('');
  readonly direction = input<LineageDirection>('both');
  readonly depth = input(1);
  readonly expanding = input(false);
  /** Explore again from this node (as the start). */
  readonly recenter = output<string>();

  protected readonly isDataset = computed(() => this.node().kind === 'dataset');
  protected readonly personal = computed(() => this.node().personalData ?? null);
  protected readonly hasPersonal = computed(() => {
    const personal = this.personal();
    return !!personal && personal.direct + personal.quasi > 0;
  });
  protected readonly columnView = signal(false);
  protected readonly columns = signal<LineageColumnEdge[] | null>(null);
  protected readonly columnsLoading = signal(false);
  protected readonly columnsError = signal('');
  private columnsRequest: Subscription | null = null;

  /** What the column view asks for; equal requests (the same node merged again) ask nothing new. */
  private readonly columnsRequestOf = computed<ColumnsRequest | null>(
    () => {
      const node = this.node();
      if (!this.columnView() || node.kind !== 'dataset') return null;
      return { dataset: datasetRef(node.namespace, node.name), direction: this.direction(), depth: this.depth() };
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  constructor() {
    effect(() => {
      const request = this.columnsRequestOf();
      untracked(() => this.loadColumns(request));
    });
    inject(DestroyRef).onDestroy(() => this.columnsRequest?.unsubscribe());
  }

  protected toggleColumns(): void {
    this.columnView.update((on) => !on);
  }

  private loadColumns(request: ColumnsRequest | null): void {
    this.columnsRequest?.unsubscribe();
    this.columns.set(null);
    this.columnsError.set('');
    if (!request) {
      this.columnsLoading.set(false);
      return;
    }
    this.columnsLoading.set(true);
    this.columnsRequest = this.api.columns(request).subscribe({
      next: (columns) => {
        this.columnsLoading.set(false);
        this.columns.set(columns.edges);
      },
      error: (error: unknown) => {
        this.columnsLoading.set(false);
        const message = describeError(toErrorResponse(error));
        this.columnsError.set(this.transloco.translate(message.key, message.params));
      },
    });
  }
}
