// Byte offsets of the journal's lines by seq (offset of seq n at index n − 1), in one growable
// Float64Array: 8 bytes an event (8 MB at a million), so a read from any seq and the audit's page
// fetches go straight to their lines instead of scanning the file from the start.

export class LineOffsets {
  private buf = new Float64Array(1024);
  private n = 0;

  /** Number of lines recorded (= the last seq). */
  get size(): number {
    return this.n;
  }

  push(offset: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Float64Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = offset;
  }

  /** Offset of seq's line; seq in 1..size. */
  of(seq: number): number {
    if (!Number.isInteger(seq) || seq < 1 || seq > this.n) throw new RangeError(`no line for seq ${seq}`);
    return this.buf[seq - 1] as number;
  }

  /** The offsets of seqs 1..n as their own array (for a snapshot). */
  copy(n = this.n): Float64Array {
    return this.buf.slice(0, Math.min(n, this.n));
  }

  static from(offsets: Float64Array): LineOffsets {
    const o = new LineOffsets();
    o.buf = new Float64Array(Math.max(1024, offsets.length * 2));
    o.buf.set(offsets);
    o.n = offsets.length;
    return o;
  }
}
