import { AnonymizationError } from './errors';
import { KeyIndex } from './key-index';
import { baseKeys, cellLosses, columnBounds, generalize, judge, keptClasses, lossOf, type NodeClasses, type NodeTable } from './node-table';

/**
 * The data the search needs, aggregated in the first pass: for each quasi-identifier its
 * distinct values (ids) and, per level, the generalized id of each; the distinct tuples of
 * value ids with their record counts (and the sensitive value when ℓ-diversity is asked).
 * Memory grows with the distinct tuples, not with the rows.
 */
export interface TupleTable {
  /** Per quasi-identifier, per level: level-0 id → generalized id at that level. */
  readonly levelMaps: Int32Array[][];
  /** Per quasi-identifier, per level: how many generalized values there are. */
  readonly levelSizes: number[][];
  /** Per quasi-identifier, per level, per generalized id: how many level-0 values it covers. */
  readonly leafCounts: Int32Array[][];
  /** Distinct tuples, `width` ids each: the quasi-identifiers' level-0 ids (then the sensitive id). */
  readonly tuples: Int32Array;
  readonly counts: Int32Array;
  readonly width: number;
  readonly quasiCount: number;
  readonly hasSensitive: boolean;
  /** Distinct sensitive values (0 without ℓ-diversity). */
  readonly sensitiveCount: number;
  readonly records: number;
}

export interface PrivacyModel {
  k: number;
  suppressionLimit: number;
  l?: number;
}

export interface NodeEvaluation {
  levels: number[];
  /** Keys (`classKey`) of the equivalence classes kept, with their sizes. */
  kept: Map<number, number>;
  suppressedRecords: number;
  satisfies: boolean;
}

/**
 * One numeric key per class, fixed for the whole lattice: the generalized ids in mixed radix
 * by the level-0 sizes (a generalized id is always below its level-0 size), the sensitive id
 * on top when ℓ-diversity is asked.
 */
export interface Radix {
  readonly radix: number[];
  readonly sizes: number[];
  /** The radix of the sensitive id (keys below it identify the class). */
  readonly classSpan: number;
}

export function radixOf(table: TupleTable): Radix {
  const sizes = table.levelSizes.map((levels) => levels[0]);
  if (table.hasSensitive) sizes.push(Math.max(1, table.sensitiveCount));
  const radix: number[] = [];
  let span = 1;
  for (const size of sizes) {
    radix.push(span);
    span *= size;
  }
  if (span >= Number.MAX_SAFE_INTEGER) {
    throw new AnonymizationError('INVALID_POLICY', 'The generalized columns have too many distinct combinations to index (above 2^53)', [
      { path: 'policy.columns', message: 'too many distinct value combinations over the generalized columns; generalize fewer columns' },
    ]);
  }
  return { radix, sizes, classSpan: table.hasSensitive ? radix[radix.length - 1] : span };
}

/** The class key of generalized ids (one per quasi-identifier). */
export function classKey(radix: Radix, ids: ArrayLike<number>): number {
  let key = 0;
  for (let i = 0; i < ids.length; i += 1) key += ids[i] * radix.radix[i];
  return key;
}

export interface SearchResult {
  best: NodeEvaluation;
  loss: number;
  /** Nodes of the lattice. */
  nodes: number;
  /** Nodes whose data was generalized and checked. */
  evaluated: number;
  /** Nodes known to satisfy the model, evaluated or tagged (only the part of the lattice that could beat the result is classified). */
  satisfying: number;
  radix: Radix;
}

/**
 * How many table rows (16 bytes each) the search keeps as generalization sources besides the
 * level-0 table: about 130 MB. Beyond it the largest kept tables are let go, so memory stays
 * bounded whatever the number of distinct tuples.
 */
export const MAX_KEPT_ROWS = 8_000_000;

const UNKNOWN = 0;
const SATISFIES = 1;
const FAILS = 2;

/**
 * Finds the full-domain generalization (one level per quasi-identifier) that satisfies the
 * model with the least loss (LM, see `lossOf`).
 *
 * Pruning. The model is monotone — generalizing only merges classes — so a node that
 * satisfies it tags every node above as satisfying, one that fails tags every node below as
 * failing (predictive tagging, as Flash/OLA). LM with suppression is not monotone (generalizing
 * more may keep records that were suppressed), but it is bounded below by a monotone sum over
 * the columns: the loss of the node if no record were suppressed. Nodes whose bound is not
 * below the best loss found can never win and are not classified at all.
 *
 * Order. A first result comes from a binary search on a path up from the bottom by the
 * cheapest steps. Then the unclassified nodes under the bound are evaluated from the highest
 * down: in this region most nodes fail, and a failing node high up tags its whole down-set at
 * once. A satisfying node lowers the best loss and shrinks the region. The node chosen has the
 * least loss of all the satisfying nodes of the lattice (ties: the least generalized).
 */
export function searchLattice(
  table: TupleTable,
  heights: readonly number[],
  model: PrivacyModel,
  options: { signal?: AbortSignal; onProgress?: (share: number) => void; maxKeptRows?: number } = {},
): SearchResult {
  const { signal, onProgress, maxKeptRows = MAX_KEPT_ROWS } = options;
  const q = heights.length;
  const dims = heights.map((height) => height + 1);
  const total = dims.reduce((product, size) => product * size, 1);
  if (total > 2_000_000) {
    throw new AnonymizationError('INVALID_POLICY', `The generalization lattice has ${total} nodes; use fewer quasi-identifiers or shorter hierarchies`, [
      { path: 'policy.columns', message: `a lattice of ${total} nodes is too large (at most 2,000,000)` },
    ]);
  }
  const radix = radixOf(table);
  const lattice = new Lattice(dims);
  const losses = cellLosses(table);
  const allowed = Math.floor(model.suppressionLimit * table.records + 1e-9);
  const index = new KeyIndex();
  // A node with T classes suppresses at least (T·k − N) / (k − 1) records (a kept class holds k
  // records or more, a suppressed one at least 1): more classes than this and it fails.
  const maxClasses = model.l ? Number.POSITIVE_INFINITY : Math.floor((table.records + allowed * (model.k - 1)) / model.k);

  const columnBound = columnBounds(table, losses);
  const bound = new Float64Array(total);
  for (let node = 0; node < total; node += 1) {
    let sum = 0;
    for (let i = 0; i < q; i += 1) sum += columnBound[i][lattice.level(node, i)];
    bound[node] = q === 0 ? 0 : sum / q;
  }

  const status = new Uint8Array(total);
  const evaluatedNode = new Uint8Array(total);
  // Kept tables, the level-0 table first (always kept); over the budget the largest others go.
  const base: NodeTable = { keys: baseKeys(table, radix), rep: Int32Array.from({ length: table.counts.length }, (_, r) => r), counts: table.counts, rows: table.counts.length };
  const cache: Array<{ levels: number[]; data: NodeTable }> = [{ levels: lattice.levels(0), data: base }];
  let cachedRows = 0;
  let evaluated = 0;
  let best: { node: number; data: NodeTable; classes: NodeClasses; loss: number } | null = null;
  /** Whether a node's loss (or its bound) beats the best: less loss, or as little on a lower node (ties: the least generalized). */
  const beats = (node: number, loss: number) => {
    if (!best) return true;
    if (loss < best.loss - 1e-12) return true;
    if (loss > best.loss + 1e-12) return false;
    return lattice.height[node] < lattice.height[best.node] || (lattice.height[node] === lattice.height[best.node] && node < best.node);
  };

  const evaluate = (node: number): boolean => {
    if (signal?.aborted) throw new AnonymizationError('CANCELLED', 'The anonymization was cancelled');
    const levels = lattice.levels(node);
    let source = cache[0];
    for (let c = 1; c < cache.length; c += 1) {
      const candidate = cache[c];
      if (candidate.data.rows >= source.data.rows) continue;
      let below = true;
      for (let i = 0; i < q && below; i += 1) if (candidate.levels[i] > levels[i]) below = false;
      if (below) source = candidate;
    }
    const data = generalize(table, source.data, source.levels, levels, radix, index, maxClasses);
    evaluated += 1;
    evaluatedNode[node] = 1;
    if (data === null) {
      lattice.tag(status, node, FAILS, false);
      return false;
    }
    const classes = judge(table, data, model, radix, index);
    const satisfies = classes.suppressed <= allowed;
    if (satisfies) {
      const loss = lossOf(table, bound[node], levels, data, classes, losses);
      if (beats(node, loss)) best = { node, data, classes, loss };
    }
    if (data.rows < source.data.rows * 0.8 && data.rows <= maxKeptRows) {
      cache.push({ levels, data });
      cachedRows += data.rows;
      while (cachedRows > maxKeptRows) {
        let largest = 1;
        for (let c = 2; c < cache.length; c += 1) if (cache[c].data.rows > cache[largest].data.rows) largest = c;
        cachedRows -= cache[largest].data.rows;
        cache.splice(largest, 1);
      }
    }
    if (satisfies) lattice.tag(status, node, SATISFIES, true);
    else lattice.tag(status, node, FAILS, false);
    onProgress?.(Math.min(0.99, lattice.tagged / total));
    return satisfies;
  };

  // A first result: binary search on the path up from the bottom by the cheapest steps.
  const path = [0];
  for (;;) {
    const node = path[path.length - 1];
    let next = -1;
    for (let i = 0; i < q; i += 1) {
      if (lattice.level(node, i) + 1 >= dims[i]) continue;
      const successor = node + lattice.strides[i];
      if (next < 0 || bound[successor] < bound[next]) next = successor;
    }
    if (next < 0) break;
    path.push(next);
  }
  let low = 0;
  let high = path.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (evaluate(path[middle])) high = middle - 1;
    else low = middle + 1;
  }

  // Then every node under the bound not yet classified, from the highest down.
  const order = Array.from({ length: total }, (_, node) => node).sort((a, b) => lattice.height[b] - lattice.height[a] || bound[b] - bound[a]);
  for (const node of order) {
    if (status[node] === UNKNOWN && beats(node, bound[node])) evaluate(node);
  }
  // Satisfying nodes that were tagged, not evaluated, and might still have less loss.
  const pending = order.filter((node) => status[node] === SATISFIES && evaluatedNode[node] === 0 && beats(node, bound[node])).sort((a, b) => bound[a] - bound[b]);
  for (const node of pending) if (beats(node, bound[node])) evaluate(node);
  onProgress?.(1);
  if (!best) {
    throw new AnonymizationError('INVALID_POLICY', 'No generalization satisfies the privacy model within the suppression limit', [
      { path: 'policy', message: 'no generalization satisfies k (and ℓ) within the suppression limit; raise the limit or lower k or ℓ' },
    ]);
  }
  const chosen: { node: number; data: NodeTable; classes: NodeClasses; loss: number } = best;
  let satisfying = 0;
  for (let node = 0; node < total; node += 1) if (status[node] === SATISFIES) satisfying += 1;
  return {
    best: keptClasses(table, lattice.levels(chosen.node), chosen.data, chosen.classes, radix),
    loss: chosen.loss,
    nodes: total,
    evaluated,
    satisfying,
    radix,
  };
}

/** Node numbering (mixed radix of the levels), heights, and tagging of up- and down-sets. */
class Lattice {
  readonly strides: number[] = [];
  readonly height: Int32Array;
  tagged = 0;

  constructor(readonly dims: number[]) {
    let span = 1;
    for (const size of dims) {
      this.strides.push(span);
      span *= size;
    }
    this.height = new Int32Array(span);
    for (let node = 0; node < span; node += 1) for (let i = 0; i < dims.length; i += 1) this.height[node] += this.level(node, i);
  }

  level(node: number, column: number): number {
    return Math.floor(node / this.strides[column]) % this.dims[column];
  }

  levels(node: number): number[] {
    return this.dims.map((_, i) => this.level(node, i));
  }

  /** Tags the node and every node above (`up`) or below it; stops at nodes tagged so already. */
  tag(status: Uint8Array, start: number, value: number, up: boolean): void {
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (status[node] === value) continue;
      status[node] = value;
      this.tagged += 1;
      for (let i = 0; i < this.dims.length; i += 1) {
        const level = this.level(node, i);
        if (up ? level + 1 < this.dims[i] : level > 0) stack.push(up ? node + this.strides[i] : node - this.strides[i]);
      }
    }
  }
}
