import { ChangeDetectionStrategy, Component, type ElementRef, afterRenderEffect, computed, input, viewChild } from '@angular/core';
import type { AgreementState, AgreementTransitionRecord } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { type DiagramEdge, NODE_HEIGHT, NODE_WIDTH, layoutStateDiagram } from '../data-access/state-diagram-layout';

/**
 * The agreement lifecycle as an SVG drawn from the state machine in contracts: the current state
 * filled, states the agreement has been through and the arrows it took outlined, moves made by the workflow dashed.
 */
@Component({
  selector: 'cv-agreement-state-diagram',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <figure>
      <div class="scroll" #scroller>
        <svg
          [attr.viewBox]="'0 0 ' + layout.width + ' ' + layout.height"
          [attr.width]="layout.width"
          [attr.height]="layout.height"
          role="img"
          [attr.aria-label]="'agreements.diagram.label' | transloco: { state: ('agreements.states.' + current() | transloco) }"
          data-testid="agreement-diagram"
        >
          <defs>
            <marker id="cv-agreement-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" />
            </marker>
          </defs>
          @for (edge of layout.edges; track edge.from + edge.to) {
            <g class="edge" [class.workflow]="edge.by === 'workflow'" [class.taken]="taken(edge)" data-testid="diagram-edge" [attr.data-from]="edge.from" [attr.data-to]="edge.to">
              <path [attr.d]="edge.path" marker-end="url(#cv-agreement-arrow)" />
              <text [attr.x]="edge.labelX" [attr.y]="edge.labelY" text-anchor="middle">{{ eventLabel(edge) | transloco }}</text>
            </g>
          }
          @for (node of layout.nodes; track node.state) {
            <g
              class="node"
              [class.current]="node.state === current()"
              [class.reached]="reachedSet().has(node.state)"
              [class.final]="node.final"
              data-testid="diagram-node"
              [attr.data-state]="node.state"
              [attr.data-current]="node.state === current() ? 'true' : null"
              [attr.aria-current]="node.state === current() ? 'step' : null"
            >
              <rect [attr.x]="node.x" [attr.y]="node.y" [attr.width]="nodeWidth" [attr.height]="nodeHeight" rx="10" />
              <text [attr.x]="node.x + nodeWidth / 2" [attr.y]="node.y + nodeHeight / 2 + 4" text-anchor="middle">{{ 'agreements.states.' + node.state | transloco }}</text>
            </g>
          }
        </svg>
      </div>
      <figcaption class="legend">
        <span><i class="swatch current"></i>{{ 'agreements.diagram.current' | transloco }}</span>
        <span><i class="swatch reached"></i>{{ 'agreements.diagram.reached' | transloco }}</span>
        <span><i class="line workflow"></i>{{ 'agreements.diagram.byWorkflow' | transloco }}</span>
      </figcaption>
    </figure>
  `,
  styles: `
    figure { margin: 0; min-width: 0; }
    .scroll { overflow-x: auto; max-width: 100%; }
    svg { display: block; max-width: none; font: 12px/1 var(--mat-sys-body-small-font, sans-serif); }
    marker path { fill: var(--mat-sys-outline); }
    .edge path { fill: none; stroke: var(--mat-sys-outline); stroke-width: 1.4; }
    .edge.workflow path { stroke-dasharray: 5 4; }
    .edge.taken path { stroke: var(--mat-sys-primary); stroke-width: 2; }
    .edge text { fill: var(--mat-sys-on-surface-variant); font-size: 10px; paint-order: stroke; stroke: var(--mat-sys-surface); stroke-width: 3px; }
    .node rect { fill: var(--mat-sys-surface-container); stroke: var(--mat-sys-outline-variant); stroke-width: 1.2; }
    .node text { fill: var(--mat-sys-on-surface); }
    .node.final rect { stroke-dasharray: 3 2; }
    .node.reached rect { stroke: var(--mat-sys-primary); stroke-width: 2; }
    .node.current rect { fill: var(--mat-sys-primary); stroke: var(--mat-sys-primary); }
    .node.current text { fill: var(--mat-sys-on-primary); font-weight: 600; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-top: 8px; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .legend span { display: inline-flex; align-items: center; gap: 6px; }
    .swatch { display: inline-block; width: 14px; height: 10px; border-radius: 3px; border: 2px solid var(--mat-sys-primary); }
    .swatch.current { background: var(--mat-sys-primary); }
    .line { display: inline-block; width: 22px; border-top: 2px dashed var(--mat-sys-outline); }
  `,
})
export class AgreementStateDiagramComponent {
  readonly current = input.required<AgreementState>();
  /** The agreement's recorded transitions: the states it has been in and the arrows it took. */
  readonly history = input<readonly AgreementTransitionRecord[]>([]);

  protected readonly layout = layoutStateDiagram();
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  constructor() {
    // Where the diagram is wider than its card, bring the current state into view (an active
    // agreement's node sits at the far right).
    afterRenderEffect(() => {
      const box = this.scroller()?.nativeElement;
      const node = this.layout.nodes.find((candidate) => candidate.state === this.current());
      if (!box || !node || box.scrollWidth <= box.clientWidth) return;
      box.scrollLeft = Math.max(0, node.x + NODE_WIDTH / 2 - box.clientWidth / 2);
    });
  }
  protected readonly nodeWidth = NODE_WIDTH;
  protected readonly nodeHeight = NODE_HEIGHT;
  protected readonly reachedSet = computed(() => {
    const states = new Set<AgreementState>([this.current()]);
    for (const record of this.history()) {
      states.add(record.toState);
      if (record.fromState) states.add(record.fromState);
    }
    return states;
  });
  private readonly takenPairs = computed(() => new Set(this.history().filter((r) => r.fromState).map((r) => `${r.fromState}>${r.toState}`)));

  /** One arrow may carry several events between the same two states; the first names it. */
  protected eventLabel(edge: DiagramEdge): string {
    return `agreements.events.${edge.events[0]}`;
  }

  protected taken(edge: DiagramEdge): boolean {
    return this.takenPairs().has(`${edge.from}>${edge.to}`);
  }
}
