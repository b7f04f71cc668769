// Extends a wrapping counter (33-bit PTS, 32-bit RTP timestamp) into a continuous number: a step of less
// than half the range either way is taken as it is, so a wrap continues the timeline and a small backward
// step (B-frames, reordering) stays backward. Pure state.

export class Unwrapper {
  private readonly range: number;
  private last: number | null = null;
  private value = 0;

  constructor(bits: number) {
    this.range = 2 ** bits;
  }

  next(raw: number): number {
    if (this.last === null) {
      this.last = raw;
      this.value = raw;
      return raw;
    }
    let d = (raw - this.last) % this.range;
    if (d < 0) d += this.range;
    if (d >= this.range / 2) d -= this.range;
    this.last = raw;
    this.value += d;
    return this.value;
  }

  /** The extension of `raw` near the last value, without moving the reference (for a DTS beside its PTS). */
  near(raw: number): number {
    if (this.last === null) return raw;
    let d = (raw - this.last) % this.range;
    if (d < 0) d += this.range;
    if (d >= this.range / 2) d -= this.range;
    return this.value + d;
  }

  reset(): void {
    this.last = null;
  }
}
