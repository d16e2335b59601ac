import type { LineageEdge, LineageNode } from '@convenio/contracts';
import type { BreadthFirstLayoutOptions, ElementDefinition, StylesheetJson } from 'cytoscape';
import { edgeKey } from './lineage-graph-model';

/** The words drawn on the canvas, in the active language (the page passes translated functions). */
export interface GraphLabels {
  /** A dataset's personal-data badge, e.g. "PD: 2 direct · 1 quasi". */
  readonly personalData: (counts: { direct: number; quasi: number }) => string;
  /** A job edge's agreement badge, e.g. "Agreement (1)". */
  readonly agreements: (count: number) => string;
}

export interface GraphElementOptions {
  readonly labels: GraphLabels;
  readonly selectedId?: string | null;
  /** The node the exploration started from (drawn with a ring). */
  readonly startId?: string | null;
}

/** Class names the stylesheet draws (and the specs check). */
export const GRAPH_CLASSES = {
  dataset: 'dataset',
  job: 'job',
  direct: 'pii-direct',
  quasi: 'pii-quasi',
  catalog: 'in-catalog',
  selected: 'selected',
  start: 'start',
  personalEdge: 'pii',
  governedEdge: 'governed',
} as const;

function nodeElement(node: LineageNode, options: GraphElementOptions): ElementDefinition {
  const classes: string[] = [node.kind === 'job' ? GRAPH_CLASSES.job : GRAPH_CLASSES.dataset];
  const personal = node.kind === 'dataset' ? node.personalData : null;
  const hasPersonal = !!personal && (personal.direct > 0 || personal.quasi > 0);
  if (personal && personal.direct > 0) classes.push(GRAPH_CLASSES.direct);
  else if (personal && personal.quasi > 0) classes.push(GRAPH_CLASSES.quasi);
  if (node.catalog) classes.push(GRAPH_CLASSES.catalog);
  if (node.id === options.selectedId) classes.push(GRAPH_CLASSES.selected);
  if (node.id === options.startId) classes.push(GRAPH_CLASSES.start);
  const label = hasPersonal ? `${node.name}\n${options.labels.personalData(personal)}` : node.name;
  return { group: 'nodes', data: { id: node.id, label, kind: node.kind }, classes };
}

function edgeElement(edge: LineageEdge, options: GraphElementOptions): ElementDefinition {
  const classes: string[] = [];
  const agreements = edge.agreementIds?.length ?? 0;
  if (agreements > 0) classes.push(GRAPH_CLASSES.governedEdge);
  if (edge.personalData) classes.push(GRAPH_CLASSES.personalEdge);
  return {
    group: 'edges',
    data: { id: edgeKey(edge), source: edge.source, target: edge.target, label: agreements > 0 ? options.labels.agreements(agreements) : '' },
    classes,
  };
}

/**
 * Cytoscape's elements for a lineage graph: one node per lineage node (datasets and jobs drawn
 * apart, personal data as a coloured border and a second label line), one edge per
 * source → target pair whose two ends are drawn (cytoscape refuses dangling edges; a truncated
 * graph may have them), dashed red when personal data flows, labelled when an agreement governs it.
 */
export function buildElements(nodes: readonly LineageNode[], edges: readonly LineageEdge[], options: GraphElementOptions): ElementDefinition[] {
  const ids = new Set<string>();
  const elements: ElementDefinition[] = [];
  for (const node of nodes) {
    if (ids.has(node.id)) continue;
    ids.add(node.id);
    elements.push(nodeElement(node, options));
  }
  const edgeIds = new Set<string>();
  for (const edge of edges) {
    const key = edgeKey(edge);
    if (!ids.has(edge.source) || !ids.has(edge.target) || edgeIds.has(key)) continue;
    edgeIds.add(key);
    elements.push(edgeElement(edge, options));
  }
  return elements;
}

const RED = '#b3261e';
const AMBER = '#b26a00';
const GREEN = '#0f5223';

/** How the canvas draws the classes above (cytoscape styles take no CSS variables). */
export const GRAPH_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 11,
      color: '#1d1b20',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '160px',
      'border-width': 2,
    },
  },
  { selector: `node.${GRAPH_CLASSES.dataset}`, style: { shape: 'round-rectangle', width: 44, height: 30, 'background-color': '#d7e9ff', 'border-color': '#0b3d75' } },
  { selector: `node.${GRAPH_CLASSES.job}`, style: { shape: 'hexagon', width: 34, height: 30, 'background-color': '#ece6f5', 'border-color': '#4a3a6b' } },
  { selector: `node.${GRAPH_CLASSES.quasi}`, style: { 'border-color': AMBER, 'border-width': 4, 'background-color': '#fff1c2' } },
  { selector: `node.${GRAPH_CLASSES.direct}`, style: { 'border-color': RED, 'border-width': 4, 'background-color': '#fde7e9' } },
  { selector: `node.${GRAPH_CLASSES.catalog}`, style: { color: '#0b3d75', 'font-weight': 'bold' } },
  { selector: `node.${GRAPH_CLASSES.start}`, style: { 'border-style': 'double', 'border-width': 6 } },
  { selector: `node.${GRAPH_CLASSES.selected}`, style: { 'overlay-color': '#0b57d0', 'overlay-opacity': 0.18, 'overlay-padding': 8 } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'curve-style': 'bezier',
      'line-color': '#8a8f98',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#8a8f98',
      label: 'data(label)',
      'font-size': 10,
      'text-background-color': '#ffffff',
      'text-background-opacity': 1,
      'text-background-padding': '2px',
      'text-rotation': 'autorotate',
    },
  },
  { selector: `edge.${GRAPH_CLASSES.governedEdge}`, style: { 'line-color': GREEN, 'target-arrow-color': GREEN, color: GREEN } },
  { selector: `edge.${GRAPH_CLASSES.personalEdge}`, style: { 'line-style': 'dashed', 'line-color': RED, 'target-arrow-color': RED, width: 3 } },
];

/** Left to right, sources first: breadthfirst ships with cytoscape (no layout extension needed). */
export const GRAPH_LAYOUT: BreadthFirstLayoutOptions = { name: 'breadthfirst', directed: true, direction: 'rightward', spacingFactor: 1.3, padding: 24, animate: false, fit: true };
