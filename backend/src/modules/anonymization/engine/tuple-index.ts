/**
 * The distinct tuples of value ids seen in the first pass, with their record counts: an
 * open-addressing hash over the tuples themselves (a growing Int32Array, `width` ids each), so
 * memory is about 4 × (width + 3) bytes per distinct tuple — no string keys, no Map.
 */
export class TupleIndex {
  private data: Int32Array;
  private tally: Int32Array;
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(readonly width: number) {
    this.data = new Int32Array(Math.max(1, width) * 1024);
    this.tally = new Int32Array(1024);
    this.slots = new Int32Array(2048).fill(-1);
    this.mask = 2047;
  }

  /** Counts one record of the tuple `ids` (length `width`). */
  add(ids: Int32Array): void {
    const width = this.width;
    let h = 0x811c9dc5;
    for (let c = 0; c < width; c += 1) h = Math.imul(h ^ ids[c], 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let position = h & this.mask;
    for (;;) {
      const slot = this.slots[position];
      if (slot < 0) break;
      let same = true;
      const offset = slot * width;
      for (let c = 0; c < width && same; c += 1) if (this.data[offset + c] !== ids[c]) same = false;
      if (same) {
        this.tally[slot] += 1;
        return;
      }
      position = (position + 1) & this.mask;
    }
    if (this.size === this.tally.length) {
      const data = new Int32Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
      const tally = new Int32Array(this.tally.length * 2);
      tally.set(this.tally);
      this.tally = tally;
    }
    this.data.set(ids.subarray(0, width), this.size * width);
    this.tally[this.size] = 1;
    this.slots[position] = this.size;
    this.size += 1;
    if (this.size * 2 > this.mask) this.grow();
  }

  /** The tuples (`width` ids each) and their counts, trimmed. */
  tables(): { tuples: Int32Array; counts: Int32Array } {
    return { tuples: this.data.slice(0, this.size * this.width), counts: this.tally.slice(0, this.size) };
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    const width = this.width;
    for (let slot = 0; slot < this.size; slot += 1) {
      let h = 0x811c9dc5;
      for (let c = 0; c < width; c += 1) h = Math.imul(h ^ this.data[slot * width + c], 0x01000193);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
      let position = h & this.mask;
      while (this.slots[position] >= 0) position = (position + 1) & this.mask;
      this.slots[position] = slot;
    }
  }
}
