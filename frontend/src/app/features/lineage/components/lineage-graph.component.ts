import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, afterNextRender, computed, effect, inject, input, output, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { LineageEdge, LineageNode } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Core, ElementDefinition } from 'cytoscape';
import { LanguageService } from '../../../core/i18n/language.service';
import { GRAPH_LAYOUT, GRAPH_STYLE, type GraphLabels, buildElements } from '../data-access/graph-elements';

const ZOOM_STEP = 1.25;

/**
 * The lineage graph on a Cytoscape.js canvas: pan by dragging, zoom with the wheel or the
 * buttons, click (tap) a node to emit its id. Cytoscape is loaded on first render (its own
 * chunk) and destroyed with the component. Elements are built by `buildElements` (pure); when
 * nodes or edges are added or removed the layout runs again, otherwise only data and classes
 * change (selection, language).
 */
@Component({
  selector: 'cv-lineage-graph',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TranslocoPipe],
  template: `
    <div #canvas class="canvas" role="img" [attr.aria-label]="'lineage.graph.label' | transloco: { nodes: nodes().length, edges: edges().length }" data-testid="lineage-canvas"></div>
    <div class="zoom" role="group" [attr.aria-label]="'lineage.graph.controls' | transloco">
      <button mat-stroked-button type="button" (click)="zoomBy(zoomStep)" [attr.aria-label]="'lineage.graph.zoomIn' | transloco" data-testid="graph-zoom-in">+</button>
      <button mat-stroked-button type="button" (click)="zoomBy(1 / zoomStep)" [attr.aria-label]="'lineage.graph.zoomOut' | transloco" data-testid="graph-zoom-out">−</button>
      <button mat-stroked-button type="button" (click)="fit()" data-testid="graph-fit">{{ 'lineage.graph.fit' | transloco }}</button>
    </div>
  `,
  styles: `
    :host { position: relative; display: block; min-height: 420px; height: 100%; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; overflow: hidden; background: var(--mat-sys-surface); }
    .canvas { position: absolute; inset: 0; }
    .zoom { position: absolute; top: 8px; inset-inline-end: 8px; display: flex; gap: 4px; }
    .zoom button { min-width: 40px; background: var(--mat-sys-surface); }
  `,
})
export class LineageGraphComponent {
  readonly nodes = input.required<readonly LineageNode[]>();
  readonly edges = input.required<readonly LineageEdge[]>();
  readonly selectedId = input<string | null>(null);
  readonly startId = input<string | null>(null);
  /** The id of the node clicked (tapped). */
  readonly nodeClick = output<string>();

  private readonly transloco = inject(TranslocoService);
  private readonly locale = inject(LanguageService).active;
  private readonly canvas = viewChild.required<ElementRef<HTMLElement>>('canvas');
  protected readonly zoomStep = ZOOM_STEP;
  private cy: Core | null = null;
  private destroyed = false;

  private readonly labels = computed<GraphLabels>(() => {
    this.locale();
    return {
      personalData: ({ direct, quasi }) => this.transloco.translate('lineage.graph.personalData', { direct, quasi }),
      agreements: (count) => this.transloco.translate('lineage.graph.agreements', { count }),
    };
  });
  private readonly elements = computed(() =>
    buildElements(this.nodes(), this.edges(), { labels: this.labels(), selectedId: this.selectedId(), startId: this.startId() }),
  );

  constructor() {
    afterNextRender(() => void this.init());
    effect(() => {
      const elements = this.elements();
      untracked(() => this.render(elements));
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.cy?.destroy();
      this.cy = null;
    });
  }

  fit(): void {
    this.cy?.fit(undefined, 24);
  }

  zoomBy(factor: number): void {
    const cy = this.cy;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  private async init(): Promise<void> {
    const { default: cytoscape } = await import('cytoscape');
    if (this.destroyed) return;
    this.cy = cytoscape({
      container: this.canvas().nativeElement,
      style: GRAPH_STYLE,
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autounselectify: true,
    });
    this.cy.on('tap', 'node', (event) => this.nodeClick.emit(event.target.id()));
    this.render(this.elements());
  }

  private render(elements: ElementDefinition[]): void {
    const cy = this.cy;
    if (!cy) return;
    const wanted = new Set(elements.map((element) => element.data.id));
    let changed = false;
    cy.batch(() => {
      const stale = cy.elements().filter((element) => !wanted.has(element.id()));
      if (stale.nonempty()) {
        stale.remove();
        changed = true;
      }
      for (const element of elements) {
        const existing = cy.getElementById(element.data.id ?? '');
        if (existing.nonempty()) {
          // id, source and target never change for an id; the rest (label, kind) may.
          const { id: _id, source: _source, target: _target, ...data } = element.data;
          existing.data(data);
          existing.classes(element.classes ?? []);
        } else {
          cy.add(element);
          changed = true;
        }
      }
    });
    if (changed) cy.layout(GRAPH_LAYOUT).run();
  }
}
