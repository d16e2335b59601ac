import { AnonymizationError } from './errors';
import { KeyIndex } from './key-index';

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

/** The distinct rows of the data generalized to one node: their keys (see `Radix`) and counts. */
interface NodeTable {
  keys: Float64Array;
  counts: Int32Array;
  rows: number;
}

export interface NodeEvaluation {
  levels: number[];
  /** Keys (`classKey`) of the equivalence classes kept, with their sizes. */
  kept: Map<number, number>;
  suppressedRecords: number;
  satisfies: boolean;
}

/**
 * One numeric key per row, fixed for the whole lattice: the generalized ids in mixed radix by
 * the level-0 sizes (a generalized id is always below its level-0 size), the sensitive id on
 * top. Rolling a column up one level then changes one term of the key.
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

/** Step maps: per quasi-identifier, per level l ≥ 1, generalized id at l − 1 → id at l. */
function stepMaps(table: TupleTable): Int32Array[][] {
  return table.levelMaps.map((maps, i) =>
    maps.map((map, level) => {
      if (level === 0) return new Int32Array(0);
      const step = new Int32Array(table.levelSizes[i][level - 1]);
      const below = maps[level - 1];
      for (let id = 0; id < map.length; id += 1) step[below[id]] = map[id];
      return step;
    }),
  );
}

function baseTable(table: TupleTable, radix: Radix): NodeTable {
  const rows = table.counts.length;
  const keys = new Float64Array(rows);
  for (let r = 0; r < rows; r += 1) {
    let key = 0;
    for (let c = 0; c < table.width; c += 1) key += table.tuples[r * table.width + c] * radix.radix[c];
    keys[r] = key;
  }
  return { keys, counts: table.counts, rows };
}

/** Rolls a node's table up one level of one column: rows that become equal merge. */
function rollUp(base: NodeTable, column: number, step: Int32Array, radix: Radix, index: KeyIndex): NodeTable {
  const unit = radix.radix[column];
  const size = radix.sizes[column];
  index.reset(base.rows);
  const keys = new Float64Array(base.rows);
  const counts = new Int32Array(base.rows);
  for (let r = 0; r < base.rows; r += 1) {
    const key = base.keys[r];
    const id = Math.floor(key / unit) % size;
    const rolled = key + (step[id] - id) * unit;
    const slot = index.slotOf(rolled);
    if (index.isNew) keys[slot] = rolled;
    counts[slot] += base.counts[r];
  }
  return { keys: keys.slice(0, index.size), counts: counts.slice(0, index.size), rows: index.size };
}

/** Generalizes the level-0 table straight to a node (when no predecessor's table was kept). */
function fromBase(table: TupleTable, base: NodeTable, levels: readonly number[], radix: Radix, index: KeyIndex): NodeTable {
  index.reset(base.rows);
  const keys = new Float64Array(base.rows);
  const counts = new Int32Array(base.rows);
  const maps = levels.map((level, i) => table.levelMaps[i][level]);
  for (let r = 0; r < base.rows; r += 1) {
    const key = base.keys[r];
    let rolled = 0;
    for (let i = 0; i < radix.sizes.length; i += 1) {
      const id = Math.floor(key / radix.radix[i]) % radix.sizes[i];
      rolled += (i < maps.length ? maps[i][id] : id) * radix.radix[i];
    }
    const slot = index.slotOf(rolled);
    if (index.isNew) keys[slot] = rolled;
    counts[slot] += base.counts[r];
  }
  return { keys: keys.slice(0, index.size), counts: counts.slice(0, index.size), rows: index.size };
}

/**
 * How many table rows (12 bytes each) the search keeps as roll-up sources: about 480 MB.
 * Beyond it a node's table is not kept and its successors start again from the level-0 table,
 * so memory stays bounded whatever the number of distinct tuples.
 */
export const MAX_KEPT_ROWS = 40_000_000;

/** The classes of a node: each row's class slot (null: rows are classes) and whether each class is kept. */
interface NodeClasses {
  slotOfRow: Int32Array | null;
  keep: Uint8Array;
  suppressed: number;
}

/** Applies the privacy model to a node's table: classes too small (or not ℓ-diverse) are suppressed. */
function judge(node: NodeTable, model: PrivacyModel, radix: Radix, index: KeyIndex): NodeClasses {
  if (!model.l) {
    // Without a sensitive column the rows are the classes already.
    const keep = new Uint8Array(node.rows);
    let suppressed = 0;
    for (let r = 0; r < node.rows; r += 1) {
      if (node.counts[r] >= model.k) keep[r] = 1;
      else suppressed += node.counts[r];
    }
    return { slotOfRow: null, keep, suppressed };
  }
  // Rows are distinct over (class, sensitive value): a class's rows are its distinct values.
  index.reset(node.rows);
  const slotOfRow = new Int32Array(node.rows);
  const sizes = new Int32Array(node.rows);
  const distinct = new Int32Array(node.rows);
  for (let r = 0; r < node.rows; r += 1) {
    const slot = index.slotOf(node.keys[r] % radix.classSpan);
    slotOfRow[r] = slot;
    sizes[slot] += node.counts[r];
    distinct[slot] += 1;
  }
  const keep = new Uint8Array(index.size);
  let suppressed = 0;
  for (let slot = 0; slot < index.size; slot += 1) {
    if (sizes[slot] >= model.k && distinct[slot] >= model.l) keep[slot] = 1;
    else suppressed += sizes[slot];
  }
  return { slotOfRow, keep, suppressed };
}

const kept = (classes: NodeClasses, row: number) => classes.keep[classes.slotOfRow ? classes.slotOfRow[row] : row] === 1;

/**
 * Loss metric (LM, Iyengar 2002): each generalized cell loses (values covered − 1) /
 * (distinct values − 1) of its column; a suppressed record loses 1 in every column.
 * Averaged over all cells of the quasi-identifiers: 0 = the data as it was, 1 = nothing left.
 */
function lossOf(table: TupleTable, levels: readonly number[], node: NodeTable, classes: NodeClasses, radix: Radix): number {
  const { quasiCount } = table;
  if (quasiCount === 0) return 0;
  const distinct = table.levelSizes.map((sizes) => sizes[0]);
  const leaves = levels.map((level, i) => table.leafCounts[i][level]);
  let loss = 0;
  for (let r = 0; r < node.rows; r += 1) {
    if (!kept(classes, r)) continue;
    let cells = 0;
    for (let i = 0; i < quasiCount; i += 1) {
      if (distinct[i] > 1) cells += (leaves[i][Math.floor(node.keys[r] / radix.radix[i]) % radix.sizes[i]] - 1) / (distinct[i] - 1);
    }
    loss += cells * node.counts[r];
  }
  return (loss + classes.suppressed * quasiCount) / (table.records * quasiCount);
}

/** The kept classes of the chosen node, by class key, with their sizes. */
function keptClasses(levels: number[], node: NodeTable, classes: NodeClasses, radix: Radix): NodeEvaluation {
  const sizes = new Map<number, number>();
  let suppressed = 0;
  for (let r = 0; r < node.rows; r += 1) {
    if (!kept(classes, r)) {
      suppressed += node.counts[r];
      continue;
    }
    const key = node.keys[r] % radix.classSpan;
    sizes.set(key, (sizes.get(key) ?? 0) + node.counts[r]);
  }
  return { levels, kept: sizes, suppressedRecords: suppressed, satisfies: true };
}

export interface SearchResult {
  best: NodeEvaluation;
  loss: number;
  nodes: number;
  evaluated: number;
  kMinimal: number;
  radix: Radix;
}

/**
 * Full-domain search over the generalization lattice (one level per quasi-identifier),
 * bottom-up by total height with predictive tagging as in Flash/OLA: the model is monotone
 * (generalizing only merges classes), so a node above one that satisfies it satisfies it too
 * and is never evaluated. The nodes evaluated that satisfy the model are the k-minimal ones;
 * the one with the least loss (ties: the lowest) is chosen, as OLA does. Each node is rolled
 * up from its smallest evaluated predecessor, so work shrinks as classes merge.
 */
export function searchLattice(
  table: TupleTable,
  heights: readonly number[],
  model: PrivacyModel,
  options: { signal?: AbortSignal; onProgress?: (share: number) => void; maxKeptRows?: number } = {},
): SearchResult {
  const { signal, onProgress, maxKeptRows = MAX_KEPT_ROWS } = options;
  const dims = heights.map((height) => height + 1);
  const total = dims.reduce((product, size) => product * size, 1);
  if (total > 2_000_000) {
    throw new AnonymizationError('INVALID_POLICY', `The generalization lattice has ${total} nodes; use fewer quasi-identifiers or shorter hierarchies`, [
      { path: 'policy.columns', message: `a lattice of ${total} nodes is too large (at most 2,000,000)` },
    ]);
  }
  const radix = radixOf(table);
  const strides: number[] = [];
  let span = 1;
  for (const size of dims) {
    strides.push(span);
    span *= size;
  }
  const levelsOf = (index: number) => dims.map((size, i) => Math.floor(index / strides[i]) % size);
  const heightOf = new Int32Array(total);
  for (let index = 0; index < total; index += 1) heightOf[index] = levelsOf(index).reduce((sum, level) => sum + level, 0);
  const order = Array.from({ length: total }, (_, index) => index).sort((a, b) => heightOf[a] - heightOf[b] || a - b);
  const steps = stepMaps(table);
  const index = new KeyIndex();
  const allowed = Math.floor(model.suppressionLimit * table.records + 1e-9);

  const SATISFIES = 1;
  const status = new Uint8Array(total);
  // Tables of the failing nodes of the previous and the current height (roll-up sources).
  let previous = new Map<number, NodeTable>();
  let current = new Map<number, NodeTable>();
  let currentHeight = 0;
  let previousRows = 0;
  let currentRows = 0;
  const base = baseTable(table, radix);
  let best: { levels: number[]; node: NodeTable; classes: NodeClasses; loss: number } | null = null;
  let evaluated = 0;
  let kMinimal = 0;
  for (let position = 0; position < total; position += 1) {
    if ((position & 63) === 0) {
      if (signal?.aborted) throw new AnonymizationError('CANCELLED', 'The anonymization was cancelled');
      onProgress?.(position / total);
    }
    const node = order[position];
    if (heightOf[node] !== currentHeight) {
      previous = current;
      previousRows = currentRows;
      current = new Map();
      currentRows = 0;
      currentHeight = heightOf[node];
    }
    const levels = levelsOf(node);
    let above = false;
    for (let i = 0; i < dims.length && !above; i += 1) if (levels[i] > 0 && status[node - strides[i]] === SATISFIES) above = true;
    if (above) {
      status[node] = SATISFIES;
      continue;
    }
    let data: NodeTable;
    if (node === 0) {
      data = base;
    } else {
      // Every predecessor failed (or this node would be tagged); their tables were kept unless over budget.
      let source: { data: NodeTable; column: number } | null = null;
      for (let i = 0; i < dims.length; i += 1) {
        if (levels[i] === 0) continue;
        const candidate = previous.get(node - strides[i]);
        if (candidate && (!source || candidate.rows < source.data.rows)) source = { data: candidate, column: i };
      }
      data = source ? rollUp(source.data, source.column, steps[source.column][levels[source.column]], radix, index) : fromBase(table, base, levels, radix, index);
    }
    evaluated += 1;
    const classes = judge(data, model, radix, index);
    if (classes.suppressed <= allowed) {
      status[node] = SATISFIES;
      kMinimal += 1;
      const loss = lossOf(table, levels, data, classes, radix);
      if (!best || loss < best.loss - 1e-12) best = { levels, node: data, classes, loss };
    } else if (previousRows + currentRows + data.rows <= maxKeptRows) {
      current.set(node, data);
      currentRows += data.rows;
    }
  }
  if (!best) {
    throw new AnonymizationError('INVALID_POLICY', 'No generalization satisfies the privacy model within the suppression limit', [
      { path: 'policy', message: 'no generalization satisfies k (and ℓ) within the suppression limit; raise the limit or lower k or ℓ' },
    ]);
  }
  return { best: keptClasses(best.levels, best.node, best.classes, radix), loss: best.loss, nodes: total, evaluated, kMinimal, radix };
}
