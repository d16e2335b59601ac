import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';
import { type ComplianceFinding, type ErrorResponse, LINEAGE_DIRECTIONS, type LineageGraph } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { Subject, catchError, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { IconComponent } from '../../../shared/icon/icon.component';
import { ComplianceApi } from '../../compliance/data-access/compliance.api';
import { CompliancePermissions } from '../../compliance/data-access/compliance-permissions';
import { LineageGraphComponent } from '../components/lineage-graph.component';
import { LineageNodePanelComponent } from '../components/lineage-node-panel.component';
import { DEFAULT_EXPLORER_QUERY, DEPTHS, type ExplorerQuery, explorerQueryParams, parseExplorerQuery, sameExplorerQuery } from '../data-access/explorer-query';
import { LineageApi } from '../data-access/lineage.api';
import { EMPTY_GRAPH, agreementsOf, findingsMentioning, mergeGraphs } from '../data-access/lineage-graph-model';
import { NODE_ID_PATTERN } from '../data-access/lineage-node-id';

type Outcome = { readonly query: ExplorerQuery; readonly graph: LineageGraph } | { readonly query: ExplorerQuery; readonly error: ErrorResponse } | { readonly query: ExplorerQuery; readonly idle: true };

/**
 * `/linaje?node=…&direction=…&depth=…`: the lineage graph around a dataset or job. Clicking a
 * node selects it (side panel) and expands it once (its neighbours at depth 1, merged without
 * duplicates). The start, direction and depth live in the URL; the expansions do not.
 */
@Component({
  selector: 'cv-lineage-explorer-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    ControlErrorPipe,
    IconComponent,
    LineageGraphComponent,
    LineageNodePanelComponent,
  ],
  templateUrl: './lineage-explorer-page.component.html',
  styleUrl: './lineage-explorer-page.component.scss',
})
export class LineageExplorerPageComponent {
  private readonly api = inject(LineageApi);
  private readonly complianceApi = inject(ComplianceApi);
  private readonly compliancePermissions = inject(CompliancePermissions);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly transloco = inject(TranslocoService);
  protected readonly directions = LINEAGE_DIRECTIONS;
  protected readonly depths = DEPTHS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    node: ['', [Validators.required, Validators.pattern(NODE_ID_PATTERN)]],
    direction: [DEFAULT_EXPLORER_QUERY.direction],
    depth: [DEFAULT_EXPLORER_QUERY.depth],
  });

  protected readonly query = signal<ExplorerQuery>(DEFAULT_EXPLORER_QUERY);
  protected readonly graph = signal<LineageGraph>(EMPTY_GRAPH);
  protected readonly selectedId = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly errorText = signal('');
  protected readonly expanding = signal<ReadonlySet<string>>(new Set());
  protected readonly expandError = signal('');
  private readonly openFindings = signal<ComplianceFinding[] | null>(null);
  protected readonly findingsError = signal('');

  protected readonly canReadFindings = computed(() => this.compliancePermissions.canRead());
  protected readonly selected = computed(() => this.graph().nodes.find((node) => node.id === this.selectedId()) ?? null);
  protected readonly selectedAgreements = computed(() => {
    const node = this.selected();
    return node ? agreementsOf(this.graph(), node.id) : [];
  });
  /** null hides the findings section: the person may not read findings, or they have not arrived. */
  protected readonly selectedFindings = computed(() => {
    const node = this.selected();
    const findings = this.openFindings();
    if (!node || !this.canReadFindings()) return null;
    if (this.findingsError()) return [];
    return findings ? findingsMentioning(findings, node.id) : null;
  });

  private readonly loads = new Subject<ExplorerQuery>();
  /** Expanded node ids of the current graph (each is fetched once). */
  private expanded = new Set<string>();
  /** Bumped on every new exploration: late expansions of an older graph are dropped. */
  private generation = 0;
  private findingsRequested = false;

  constructor() {
    this.loads
      .pipe(
        tap((query) => this.reset(query)),
        switchMap((query) => {
          if (!query.node) return of<Outcome>({ query, idle: true });
          return this.api.graph({ node: query.node, direction: query.direction, depth: query.depth }).pipe(
            map((graph): Outcome => ({ query, graph })),
            catchError((error: unknown) => of<Outcome>({ query, error: toErrorResponse(error) })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((outcome) => {
        this.loading.set(false);
        if ('error' in outcome) {
          this.errorText.set(this.describe(outcome.error, 'lineage.explorer.notFound'));
        } else if ('graph' in outcome) {
          this.graph.set(outcome.graph);
          this.selectedId.set(outcome.query.node);
          this.loadFindings();
        }
      });
    this.route.queryParams.pipe(map(parseExplorerQuery), distinctUntilChanged(sameExplorerQuery), takeUntilDestroyed()).subscribe((query) => this.loads.next(query));
  }

  /** The search form: to the URL (which loads); the same query again starts over (drops expansions). */
  protected explore(event: Event): void {
    event.preventDefault();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { node, direction, depth } = this.form.getRawValue();
    const query: ExplorerQuery = { node: node.trim(), direction, depth: Number(depth) };
    if (sameExplorerQuery(query, this.query())) this.loads.next(query);
    else this.go(query);
  }

  /** A node clicked in the graph (or the list): select it and, the first time, expand it. */
  protected select(id: string): void {
    this.selectedId.set(id);
    this.expandError.set('');
    if (!this.expanded.has(id)) this.expand(id);
  }

  protected recenter(id: string): void {
    this.go({ ...this.query(), node: id });
  }

  private expand(id: string): void {
    const generation = this.generation;
    const depthOffset = this.graph().nodes.find((node) => node.id === id)?.depth ?? 0;
    this.expanded.add(id);
    this.expanding.update((ids) => new Set([...ids, id]));
    this.api.graph({ node: id, direction: this.query().direction, depth: 1 }).subscribe({
      next: (around) => {
        if (generation !== this.generation) return;
        this.graph.update((graph) => mergeGraphs(graph, around, depthOffset));
        this.doneExpanding(id);
      },
      error: (error: unknown) => {
        if (generation !== this.generation) return;
        this.expanded.delete(id);
        this.doneExpanding(id);
        this.expandError.set(this.transloco.translate('lineage.explorer.expandError', { message: this.describe(toErrorResponse(error), 'lineage.explorer.notFound') }));
      },
    });
  }

  private doneExpanding(id: string): void {
    this.expanding.update((ids) => new Set([...ids].filter((other) => other !== id)));
  }

  private reset(query: ExplorerQuery): void {
    this.generation++;
    this.query.set(query);
    this.form.setValue({ node: query.node ?? '', direction: query.direction, depth: query.depth });
    this.graph.set(EMPTY_GRAPH);
    this.selectedId.set(null);
    this.expanded = new Set(query.node ? [query.node] : []);
    this.expanding.set(new Set());
    this.errorText.set('');
    this.expandError.set('');
    this.loading.set(!!query.node);
  }

  /** The open findings, once per visit (only for those who may read them); the panel filters them by node. */
  private loadFindings(): void {
    if (this.findingsRequested || !this.canReadFindings()) return;
    this.findingsRequested = true;
    this.complianceApi.byStatus('open').subscribe({
      next: (page) => this.openFindings.set(page.items),
      error: (error: unknown) => this.findingsError.set(this.describe(toErrorResponse(error))),
    });
  }

  private go(query: ExplorerQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: explorerQueryParams(query) });
  }

  private describe(error: ErrorResponse, notFoundKey?: string): string {
    if (error.statusCode === 404 && notFoundKey) return this.transloco.translate(notFoundKey);
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }
}
