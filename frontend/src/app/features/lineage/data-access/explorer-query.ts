import type { Params } from '@angular/router';
import { LINEAGE_DIRECTIONS, LINEAGE_MAX_DEPTH, type LineageDirection } from '@convenio/contracts';
import { isNodeId } from './lineage-node-id';

/** The explorer as the URL says it (`/linaje?node=dataset:…&direction=upstream&depth=2`): shareable. */
export interface ExplorerQuery {
  readonly node: string | null;
  readonly direction: LineageDirection;
  readonly depth: number;
}

export const DEPTHS: readonly number[] = Array.from({ length: LINEAGE_MAX_DEPTH }, (_, index) => index + 1);
export const DEFAULT_EXPLORER_QUERY: ExplorerQuery = { node: null, direction: 'both', depth: 3 };

/** Reads the explorer's query from URL parameters; a node that is not `dataset:…:…`/`job:…:…` is dropped. */
export function parseExplorerQuery(params: Params): ExplorerQuery {
  const node = typeof params['node'] === 'string' && isNodeId(params['node'].trim()) ? params['node'].trim() : null;
  const direction = LINEAGE_DIRECTIONS.find((value) => value === params['direction']) ?? DEFAULT_EXPLORER_QUERY.direction;
  const depth = Number(params['depth']);
  return { node, direction, depth: Number.isInteger(depth) && depth >= 1 && depth <= LINEAGE_MAX_DEPTH ? depth : DEFAULT_EXPLORER_QUERY.depth };
}

/** URL parameters of a query: the node, and direction and depth when they are not the default. */
export function explorerQueryParams(query: ExplorerQuery): Params {
  const params: Params = {};
  if (query.node) params['node'] = query.node;
  if (query.direction !== DEFAULT_EXPLORER_QUERY.direction) params['direction'] = query.direction;
  if (query.depth !== DEFAULT_EXPLORER_QUERY.depth) params['depth'] = String(query.depth);
  return params;
}

export function sameExplorerQuery(a: ExplorerQuery, b: ExplorerQuery): boolean {
  return a.node === b.node && a.direction === b.direction && a.depth === b.depth;
}
