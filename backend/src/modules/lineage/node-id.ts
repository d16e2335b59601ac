import type { LineageNodeKind } from '@convenio/contracts';

/**
 * Every way to split `namespace:name` at a colon. Namespaces (`s3://bucket`,
 * `postgres://host:5432`) and names (`db:table`) may both contain colons, so the text alone
 * is ambiguous; the caller keeps the split whose namespace is known, the longest first.
 */
export function splitCandidates(rest: string): Array<{ namespace: string; name: string }> {
  const candidates: Array<{ namespace: string; name: string }> = [];
  for (let index = rest.indexOf(':'); index !== -1; index = rest.indexOf(':', index + 1)) {
    const namespace = rest.slice(0, index);
    const name = rest.slice(index + 1);
    if (namespace && name) candidates.push({ namespace, name });
  }
  return candidates;
}

/** `dataset:<namespace>:<name>` → its kind and the `<namespace>:<name>` rest (null when malformed). */
export function parseNodeId(node: string): { kind: LineageNodeKind; rest: string } | null {
  const match = /^(dataset|job):(.+)$/s.exec(node);
  return match ? { kind: match[1] as LineageNodeKind, rest: match[2] } : null;
}

/** The id a node answers with: `<kind>:<namespace>:<name>`. */
export const nodeId = (kind: LineageNodeKind, namespace: string, name: string) => `${kind}:${namespace}:${name}`;
