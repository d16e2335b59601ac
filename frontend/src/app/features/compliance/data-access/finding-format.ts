/** One fact of a finding's evidence as the page lists it. */
export interface FactEntry {
  readonly key: string;
  readonly value: string;
}

/** Facts as key/value lines, in the order the API sent them: text as is, anything else as compact JSON. */
export function factEntries(facts: Record<string, unknown> | null | undefined): FactEntry[] {
  return Object.entries(facts ?? {}).map(([key, value]) => ({ key, value: formatFact(value) }));
}

export function formatFact(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** `dataset:<namespace>:<name>` → `<namespace>:<name>` (the kind goes without saying in a data edge). */
export function datasetLabel(nodeId: string): string {
  return nodeId.replace(/^dataset:/, '');
}

/** The first block of a UUID, for narrow columns (the full id goes in a title). */
export function shortId(id: string | null | undefined): string {
  return id ? id.split('-')[0] : '—';
}
