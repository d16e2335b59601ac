/**
 * A reusable hash index from numeric keys (whole numbers below 2^53) to dense slots 0, 1, 2,
 * …: open addressing over typed arrays, several times faster than a Map for the lattice's
 * group-by (a Map boxes keys above 2^31). `reset` starts over without clearing memory.
 */
export class KeyIndex {
  private keys = new Float64Array(0);
  private slots = new Int32Array(0);
  private stamps = new Int32Array(0);
  private stamp = 0;
  private mask = 0;
  size = 0;
  isNew = false;

  reset(expected: number): void {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    if (capacity > this.keys.length) {
      this.keys = new Float64Array(capacity);
      this.slots = new Int32Array(capacity);
      this.stamps = new Int32Array(capacity);
      this.stamp = 0;
    }
    this.mask = Math.min(capacity, this.keys.length) - 1;
    this.stamp += 1;
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
    let position = (h ^ (h >>> 16)) & this.mask;
    for (;;) {
      if (this.stamps[position] !== this.stamp) {
        this.stamps[position] = this.stamp;
        this.keys[position] = key;
        this.slots[position] = this.size;
        this.isNew = true;
        return this.size++;
      }
      if (this.keys[position] === key) {
        this.isNew = false;
        return this.slots[position];
      }
      position = (position + 1) & this.mask;
    }
  }
}
