import type { LineageNodeKind } from '@convenio/contracts';

/** What the API accepts as a node: `dataset:<namespace>:<name>` or `job:<namespace>:<name>` (both may hold colons). */
export const NODE_ID_PATTERN = /^(dataset|job):.+:.+$/s;

export function isNodeId(value: string): boolean {
  return NODE_ID_PATTERN.test(value);
}

export function nodeId(kind: LineageNodeKind, namespace: string, name: string): string {
  return `${kind}:${namespace}:${name}`;
}

export function datasetNodeId(namespace: string, name: string): string {
  return nodeId('dataset', namespace, name);
}

/** The kind a node id names, or null when it is not one. */
export function nodeKindOf(id: string): LineageNodeKind | null {
  const match = NODE_ID_PATTERN.exec(id);
  return match ? (match[1] as LineageNodeKind) : null;
}

/** `<namespace>:<name>`: how the columns and personal-data queries name a dataset. */
export function datasetRef(namespace: string, name: string): string {
  return `${namespace}:${name}`;
}
