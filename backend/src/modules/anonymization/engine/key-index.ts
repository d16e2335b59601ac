/**
 * A reusable hash index from numeric keys (whole numbers from 0 below 2^53) to dense slots 0,
 * 1, 2, …: open addressing over one typed array of (key, slot) pairs — one memory access per
 * probe — several times faster than a Map for the lattice's group-by (a Map boxes keys above
 * 2^31). `reset` starts over, reusing the memory.
 */
export class KeyIndex {
  private entries = new Float64Array(0);
  private mask = 0;
  size = 0;
  isNew = false;

  reset(expected: number): void {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    if (capacity * 2 > this.entries.length) this.entries = new Float64Array(capacity * 2);
    this.entries.fill(-1, 0, capacity * 2);
    this.mask = capacity - 1;
    this.size = 0;
  }

  /** The key's slot, adding it (as the next slot) when new; `isNew` tells which. */
  slotOf(key: number): number {
    const low = key >>> 0;
    const high = (key / 4294967296) >>> 0;
    // murmur3's finalizer: every input bit reaches the low bits (keys are often multiples of a radix).
    let h = low ^ Math.imul(high, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    let position = ((h ^ (h >>> 16)) & this.mask) << 1;
    const entries = this.entries;
    const wrap = (this.mask << 1) | 1;
    for (;;) {
      const found = entries[position];
      if (found === -1) {
        entries[position] = key;
        entries[position + 1] = this.size;
        this.isNew = true;
        return this.size++;
      }
      if (found === key) {
        this.isNew = false;
        return entries[position + 1];
      }
      position = (position + 2) & wrap;
    }
  }
}
