import type { KeyIndex } from './key-index';
import type { NodeEvaluation, PrivacyModel, Radix, TupleTable } from './lattice';

/**
 * The search's work on one node of the lattice: generalizing a table of distinct rows to the
 * node, judging its classes against the privacy model, and its information loss (LM).
 */

/**
 * The data generalized to one node: its distinct rows (a class, or a class and a sensitive
 * value under ℓ-diversity), each with its key, its record count and one level-0 tuple it came
 * from (`rep`): every generalization of the row is a function of that tuple, so a node above
 * is computed from this table with lookups only.
 */
export interface NodeTable {
  keys: Float64Array;
  rep: Int32Array;
  counts: Int32Array;
  rows: number;
}

/** The classes of a node: each row's class slot (null: rows are classes) and whether each class is kept. */
export interface NodeClasses {
  slotOfRow: Int32Array | null;
  keep: Uint8Array;
  suppressed: number;
}

/**
 * Loss metric (LM, Iyengar 2002) per cell: a generalized value covering c of the column's d
 * level-0 values loses (c − 1) / (d − 1). Indexed [column][level][generalized id].
 */
export function cellLosses(table: TupleTable): Float64Array[][] {
  return table.leafCounts.map((levels, i) => {
    const distinct = table.levelSizes[i][0];
    return levels.map((covered) => Float64Array.from(covered, (c) => (distinct > 1 ? (c - 1) / (distinct - 1) : 0)));
  });
}

/** Per column, per level: the mean cell loss over all records (a node's bound is their mean over the columns). */
export function columnBounds(table: TupleTable, losses: Float64Array[][]): Float64Array[] {
  return table.levelMaps.map((maps, i) => {
    const frequency = new Float64Array(table.levelSizes[i][0]);
    for (let r = 0; r < table.counts.length; r += 1) frequency[table.tuples[r * table.width + i]] += table.counts[r];
    return Float64Array.from(maps, (map, level) => {
      let sum = 0;
      for (let id = 0; id < map.length; id += 1) sum += frequency[id] * losses[i][level][map[id]];
      return sum / table.records;
    });
  });
}

/** The keys of the level-0 table (the bottom node): every tuple's ids in the radix. */
export function baseKeys(table: TupleTable, radix: Radix): Float64Array {
  const keys = new Float64Array(table.counts.length);
  for (let r = 0; r < keys.length; r += 1) {
    let key = 0;
    for (let c = 0; c < table.width; c += 1) key += table.tuples[r * table.width + c] * radix.radix[c];
    keys[r] = key;
  }
  return keys;
}

/**
 * Generalizes the table of a node below (at levels `from`) to `levels`: rows that become
 * equal merge. Only the columns whose level changes are looked up. Gives up
 * (null) as soon as the node has more than `maxRows` rows.
 */
export function generalize(table: TupleTable, source: NodeTable, from: number[], levels: number[], radix: Radix, index: KeyIndex, maxRows: number): NodeTable | null {
  const { tuples, width } = table;
  // Only the columns whose level changes: what each level-0 id adds to the source's key.
  const columns: number[] = [];
  const deltas: Float64Array[] = [];
  levels.forEach((level, i) => {
    if (level === from[i]) return;
    const to = table.levelMaps[i][level];
    const was = table.levelMaps[i][from[i]];
    columns.push(i);
    deltas.push(Float64Array.from({ length: to.length }, (_, id) => (to[id] - was[id]) * radix.radix[i]));
  });
  const changed = columns.length;
  // At most maxRows + 1 rows are ever added: a smaller hash table stays in the CPU's cache.
  const capacity = Math.min(source.rows, maxRows + 1);
  index.reset(capacity);
  const keys = new Float64Array(capacity);
  const rep = new Int32Array(capacity);
  const counts = new Int32Array(capacity);
  for (let r = 0; r < source.rows; r += 1) {
    const tuple = source.rep[r];
    const offset = tuple * width;
    let key = source.keys[r];
    for (let c = 0; c < changed; c += 1) key += deltas[c][tuples[offset + columns[c]]];
    const slot = index.slotOf(key);
    if (index.isNew) {
      if (slot >= maxRows) return null;
      keys[slot] = key;
      rep[slot] = tuple;
    }
    counts[slot] += source.counts[r];
  }
  const rows = index.size;
  return { keys: keys.slice(0, rows), rep: rep.slice(0, rows), counts: counts.slice(0, rows), rows };
}

/** Applies the privacy model to a node's table: classes too small (or not ℓ-diverse) are suppressed. */
export function judge(table: TupleTable, node: NodeTable, model: PrivacyModel, radix: Radix, index: KeyIndex): NodeClasses {
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
  const sensitiveUnit = radix.classSpan;
  for (let r = 0; r < node.rows; r += 1) {
    const sensitive = table.tuples[node.rep[r] * table.width + table.quasiCount];
    const slot = index.slotOf(node.keys[r] - sensitive * sensitiveUnit);
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
 * The node's loss (LM): the mean over the quasi-identifier cells of every record of the cell
 * loss, a suppressed record losing 1 in each column — that is, the node's bound with the
 * suppressed records' cells counted as fully lost. 0 = the data as it was, 1 = nothing left.
 */
export function lossOf(table: TupleTable, bound: number, levels: number[], node: NodeTable, classes: NodeClasses, losses: Float64Array[][]): number {
  const q = table.quasiCount;
  if (q === 0 || classes.suppressed === 0) return bound;
  let extra = 0;
  for (let r = 0; r < node.rows; r += 1) {
    if (kept(classes, r)) continue;
    const offset = node.rep[r] * table.width;
    let cells = 0;
    for (let i = 0; i < q; i += 1) cells += losses[i][levels[i]][table.levelMaps[i][levels[i]][table.tuples[offset + i]]];
    extra += (q - cells) * node.counts[r];
  }
  return bound + extra / (table.records * q);
}

/** The kept classes of the chosen node, by class key, with their sizes. */
export function keptClasses(table: TupleTable, levels: number[], node: NodeTable, classes: NodeClasses, radix: Radix): NodeEvaluation {
  const sizes = new Map<number, number>();
  let suppressed = 0;
  for (let r = 0; r < node.rows; r += 1) {
    if (!kept(classes, r)) {
      suppressed += node.counts[r];
      continue;
    }
    const key = table.hasSensitive ? node.keys[r] - table.tuples[node.rep[r] * table.width + table.quasiCount] * radix.classSpan : node.keys[r];
    sizes.set(key, (sizes.get(key) ?? 0) + node.counts[r]);
  }
  return { levels, kept: sizes, suppressedRecords: suppressed, satisfies: true };
}
