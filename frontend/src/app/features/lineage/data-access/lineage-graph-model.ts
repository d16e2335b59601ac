import type { ComplianceFinding, LineageEdge, LineageGraph, LineageNode } from '@convenio/contracts';

export const EMPTY_GRAPH: LineageGraph = { nodes: [], edges: [], truncated: false };

/** One edge per source → target pair. */
export function edgeKey(edge: Pick<LineageEdge, 'source' | 'target'>): string {
  return `${edge.source}->${edge.target}`;
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (!a && !b) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

function mergeNode(known: LineageNode, added: LineageNode): LineageNode {
  return {
    ...known,
    depth: Math.min(known.depth, added.depth),
    catalog: known.catalog ?? added.catalog,
    personalData: added.personalData !== undefined ? added.personalData : known.personalData,
  };
}

function mergeEdge(known: LineageEdge, added: LineageEdge): LineageEdge {
  const merged: LineageEdge = { source: known.source, target: known.target };
  const agreementIds = union(known.agreementIds, added.agreementIds);
  if (agreementIds) merged.agreementIds = agreementIds;
  if (known.personalData !== undefined || added.personalData !== undefined) merged.personalData = !!known.personalData || !!added.personalData;
  return merged;
}

/**
 * Adds `added` (the graph around an expanded node) to `base` without duplicates: nodes by id,
 * edges by source → target (their agreements joined, personal data if either says so). The new
 * nodes' depth counts from the start node: `depthOffset` is the expanded node's own depth.
 */
export function mergeGraphs(base: LineageGraph, added: LineageGraph, depthOffset = 0): LineageGraph {
  const nodes = new Map(base.nodes.map((node) => [node.id, node]));
  for (const node of added.nodes) {
    const shifted = { ...node, depth: node.depth + depthOffset };
    const known = nodes.get(node.id);
    nodes.set(node.id, known ? mergeNode(known, shifted) : shifted);
  }
  const edges = new Map(base.edges.map((edge) => [edgeKey(edge), edge]));
  for (const edge of added.edges) {
    const known = edges.get(edgeKey(edge));
    edges.set(edgeKey(edge), known ? mergeEdge(known, edge) : edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: base.truncated || added.truncated };
}

/** The agreements recorded on the edges touching a node, in the order they appear. */
export function agreementsOf(graph: Pick<LineageGraph, 'edges'>, nodeId: string): string[] {
  const ids = graph.edges.filter((edge) => edge.source === nodeId || edge.target === nodeId).flatMap((edge) => edge.agreementIds ?? []);
  return [...new Set(ids)];
}

/**
 * The findings that mention a node: one of their evidence edges starts or ends there, or (for a
 * job node) they were found on one of the job's runs.
 */
export function findingsMentioning(findings: readonly ComplianceFinding[], nodeId: string): ComplianceFinding[] {
  return findings.filter(
    (finding) =>
      finding.evidence.edges.some((edge) => edge.source === nodeId || edge.target === nodeId) ||
      (finding.job !== null && `job:${finding.job.namespace}:${finding.job.name}` === nodeId),
  );
}
