// The demuxer's input buffer: a queue of received chunks read without joining them, so a 64 KB PES that
// arrives in 46 RTP packets is copied once (when it is taken), not once per packet. Owns only bytes; no
// parsing. Reads past the end return -1 / null rather than throwing.

export class ByteQueue {
  private chunks: Buffer[] = [];
  /** Offset of the first unread byte in chunks[0]. */
  private head = 0;
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** The byte at offset i from the read position, or -1 past the end. */
  at(i: number): number {
    if (i < 0 || i >= this.total) return -1;
    let k = this.head + i;
    for (const c of this.chunks) {
      if (k < c.length) return c[k]!;
      k -= c.length;
    }
    return -1;
  }

  /** Big-endian 16-bit value at offset i, or -1 past the end. */
  u16(i: number): number {
    const a = this.at(i);
    const b = this.at(i + 1);
    return a < 0 || b < 0 ? -1 : (a << 8) | b;
  }

  /** The next n bytes as one buffer (a view when they lie in one chunk), consumed; null if fewer are queued. */
  take(n: number): Buffer | null {
    const out = this.peek(n);
    if (out) this.skip(n);
    return out;
  }

  /** The next n bytes as one buffer, not consumed; null if fewer are queued. */
  peek(n: number): Buffer | null {
    if (n > this.total) return null;
    const first = this.chunks[0];
    let out: Buffer;
    if (first && this.head + n <= first.length) {
      out = first.subarray(this.head, this.head + n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      let k = this.head;
      for (const c of this.chunks) {
        const m = Math.min(c.length - k, n - filled);
        c.copy(out, filled, k, k + m);
        filled += m;
        k = 0;
        if (filled === n) break;
      }
    }
    return out;
  }

  skip(n: number): void {
    n = Math.min(n, this.total);
    this.total -= n;
    let k = this.head + n;
    while (this.chunks.length > 0 && k >= this.chunks[0]!.length) {
      k -= this.chunks[0]!.length;
      this.chunks.shift();
    }
    this.head = this.chunks.length > 0 ? k : 0;
  }

  /**
   * Offset (≥ from) of the next 00 00 01 xx whose xx passes `accept`, or -1. Scans the joined tail once;
   * only used to resynchronise and for PES of unbounded length, both rare.
   */
  findStartCode(from: number, accept: (code: number) => boolean): number {
    const flat = this.flatten();
    let i = Math.max(0, from);
    for (;;) {
      const at = flat.indexOf(START, i);
      if (at < 0 || at + 3 >= flat.length) return -1;
      if (accept(flat[at + 3]!)) return at;
      i = at + 1;
    }
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.total = 0;
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1 || this.head > 0) {
      const all = this.take(this.total)!;
      this.push(Buffer.from(all));
    }
    return this.chunks[0] ?? Buffer.alloc(0);
  }
}

const START = Buffer.from([0, 0, 1]);
