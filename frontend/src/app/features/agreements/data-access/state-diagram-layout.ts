import {
  AGREEMENT_FINAL_STATES,
  AGREEMENT_STATES,
  AGREEMENT_TRANSITIONS,
  type AgreementEvent,
  type AgreementEventActor,
  type AgreementState,
  type AgreementTransition,
} from '@convenio/contracts';

/** Box size and gaps of the drawing, in SVG user units. */
export const NODE_WIDTH = 148;
export const NODE_HEIGHT = 40;
/** Wide enough for an edge label ("Enviar a revisión") between two columns. */
const COLUMN_GAP = 92;
const ROW_GAP = 36;
const MARGIN = 28;
/** How far under the lowest boxes the arrows that skip columns run. */
const LANE_OFFSET = 24;

export interface DiagramNode {
  readonly state: AgreementState;
  readonly column: number;
  readonly row: number;
  readonly x: number;
  readonly y: number;
  readonly final: boolean;
}

export interface DiagramEdge {
  readonly from: AgreementState;
  readonly to: AgreementState;
  readonly events: readonly AgreementEvent[];
  readonly by: AgreementEventActor;
  /** Goes to an earlier column (e.g. back to review after changes): drawn as an arc above. */
  readonly back: boolean;
  readonly self: boolean;
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/**
 * Edges that close a cycle, found by a depth-first walk from the initial state (the first of
 * `states`): `changes_requested → in_review` is one. Ignoring them leaves a graph without cycles.
 */
function backEdges(states: readonly AgreementState[], transitions: readonly AgreementTransition[]): Set<AgreementTransition> {
  const back = new Set<AgreementTransition>();
  const onPath = new Set<AgreementState>();
  const done = new Set<AgreementState>();
  const visit = (state: AgreementState): void => {
    onPath.add(state);
    for (const transition of transitions.filter((t) => t.from === state)) {
      if (onPath.has(transition.to)) back.add(transition);
      else if (!done.has(transition.to)) visit(transition.to);
    }
    onPath.delete(state);
    done.add(state);
  };
  for (const state of states) if (!done.has(state)) visit(state);
  return back;
}

/** Column of each state: the longest way to it from the initial state, so every forward arrow points right. */
function columnsOf(states: readonly AgreementState[], forward: readonly AgreementTransition[]): Map<AgreementState, number> {
  const column = new Map<AgreementState, number>(states.map((state) => [state, 0]));
  for (let pass = 0; pass < states.length; pass++) {
    for (const { from, to } of forward) {
      if (column.get(to)! < column.get(from)! + 1) column.set(to, column.get(from)! + 1);
    }
  }
  return column;
}

/**
 * Lays the lifecycle out from its one definition in contracts (`AGREEMENT_STATES`,
 * `AGREEMENT_TRANSITIONS`): a box per state, an arrow per (from, to) pair naming its events.
 * Nothing about particular states is written here, so a new state or move shows up by itself.
 */
export function layoutStateDiagram(
  states: readonly AgreementState[] = AGREEMENT_STATES,
  transitions: readonly AgreementTransition[] = AGREEMENT_TRANSITIONS,
): DiagramLayout {
  const back = backEdges(states, transitions);
  const columns = columnsOf(states, transitions.filter((t) => t.from !== t.to && !back.has(t)));
  const columnCount = Math.max(...columns.values()) + 1;
  const byColumn = Array.from({ length: columnCount }, (_, column) => states.filter((state) => columns.get(state) === column));
  const rowCount = Math.max(...byColumn.map((column) => column.length));
  // A short column is centred on the tallest, so the main line (one state per column) runs straight.
  const nodes: DiagramNode[] = byColumn.flatMap((column, index) =>
    column.map((state, position) => {
      const row = position + (rowCount - column.length) / 2;
      return {
        state,
        column: index,
        row,
        x: MARGIN + index * (NODE_WIDTH + COLUMN_GAP),
        y: MARGIN * 2 + row * (NODE_HEIGHT + ROW_GAP),
        final: AGREEMENT_FINAL_STATES.includes(state),
      };
    }),
  );
  const at = new Map(nodes.map((node) => [node.state, node]));

  const pairs = new Map<string, AgreementTransition[]>();
  for (const transition of transitions) {
    const key = `${transition.from}>${transition.to}`;
    pairs.set(key, [...(pairs.get(key) ?? []), transition]);
  }
  const boxesBottom = MARGIN * 2 + rowCount * NODE_HEIGHT + (rowCount - 1) * ROW_GAP;
  const lane = boxesBottom + LANE_OFFSET;
  const edges = [...pairs.values()].map((group): DiagramEdge => {
    const [{ from, to, by }] = group;
    const source = at.get(from)!;
    const target = at.get(to)!;
    const self = from === to;
    const isBack = !self && group.some((transition) => back.has(transition));
    return { from, to, by, events: group.map((t) => t.event), back: isBack, self, ...geometry(source, target, self, isBack, lane) };
  });
  const usesLane = edges.some((edge) => !edge.self && !edge.back && at.get(edge.to)!.column - at.get(edge.from)!.column > 1);

  return {
    width: MARGIN * 2 + columnCount * NODE_WIDTH + (columnCount - 1) * COLUMN_GAP,
    height: (usesLane ? lane : boxesBottom) + MARGIN,
    nodes,
    edges,
  };
}

function geometry(source: DiagramNode, target: DiagramNode, self: boolean, back: boolean, lane: number): Pick<DiagramEdge, 'path' | 'labelX' | 'labelY'> {
  if (self) {
    // A loop over the top of the box.
    const left = source.x + NODE_WIDTH * 0.35;
    const right = source.x + NODE_WIDTH * 0.65;
    const top = source.y;
    return { path: `M ${left} ${top} C ${left} ${top - 30}, ${right} ${top - 30}, ${right} ${top}`, labelX: source.x + NODE_WIDTH / 2, labelY: top - 26 };
  }
  if (back) {
    // From the top of the later box back to the top of the earlier one, arching above both.
    const startX = source.x + NODE_WIDTH * 0.3;
    const endX = target.x + NODE_WIDTH * 0.7;
    const startY = source.y;
    const endY = target.y;
    const peak = Math.min(startY, endY) - 34;
    return { path: `M ${startX} ${startY} C ${startX} ${peak}, ${endX} ${peak}, ${endX} ${endY}`, labelX: (startX + endX) / 2, labelY: peak + 4 };
  }
  if (target.column - source.column > 1) {
    // Skipping columns: out to the gap on the right, down to a lane under the boxes, along it,
    // and up the gap before the target, so the arrow never crosses another box.
    const startY = source.y + NODE_HEIGHT * 0.75;
    const outX = source.x + NODE_WIDTH + COLUMN_GAP / 3;
    const inX = target.x - COLUMN_GAP / 3;
    const endY = target.y + NODE_HEIGHT * 0.75;
    return {
      path: `M ${source.x + NODE_WIDTH} ${startY} H ${outX} V ${lane} H ${inX} V ${endY} H ${target.x}`,
      labelX: outX + (inX - outX) / 4,
      labelY: lane - 4,
    };
  }
  const startX = source.x + NODE_WIDTH;
  const startY = source.y + NODE_HEIGHT / 2;
  const endX = target.x;
  const endY = target.y + NODE_HEIGHT / 2;
  const bend = (endX - startX) / 2;
  return {
    path: `M ${startX} ${startY} C ${startX + bend} ${startY}, ${endX - bend} ${endY}, ${endX} ${endY}`,
    labelX: (startX + endX) / 2,
    labelY: (startY + endY) / 2 - 4,
  };
}
