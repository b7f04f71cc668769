// Maps source timestamps (ms, may restart at 0, jump or wrap at 2^32) onto one continuous, monotonic output
// timeline per stream. Detects the jumps; never decides what to do about them (the packager flushes and
// rebases). Pure state, no clock.

export type TrackKind = "video" | "audio";

export interface TimelineOptions {
  /** A forward jump larger than this is a discontinuity (the source paused or restarted mid-way). */
  gapMs: number;
  /** Audio and video interleave with some skew; a track further behind the other than this restarted. */
  backJumpMs: number;
}

const WRAP = 2 ** 32;
const HALF_WRAP = 2 ** 31;

export class Timeline {
  private offset = 0;
  private wraps = 0;
  private lastRaw: number | null = null;
  /** Per track: the last unit's time before and after nudging. */
  private lastIn: Record<TrackKind, number> = { video: -Infinity, audio: -Infinity };
  private lastOut: Record<TrackKind, number> = { video: -Infinity, audio: -Infinity };
  private maxOut = -Infinity;
  private based = false;

  constructor(private readonly opts: TimelineOptions) {}

  /**
   * Output ms for a source dts, or null when the unit does not continue the current timeline (first unit,
   * restart, backward jump, gap): the caller then calls rebase() and maps again.
   */
  map(kind: TrackKind, srcMs: number): number | null {
    if (!this.based) return null;
    let wraps = this.wraps;
    if (this.lastRaw !== null) {
      // A 32-bit wrap keeps the stream continuous; only a real jump is a discontinuity.
      if (this.lastRaw - srcMs > HALF_WRAP) wraps++;
      else if (srcMs - this.lastRaw > HALF_WRAP) wraps--;
    }
    const out = srcMs + wraps * WRAP + this.offset;
    if (out < this.lastIn[kind] || out < this.maxOut - this.opts.backJumpMs || out > this.maxOut + this.opts.gapMs)
      return null;
    // Units of one track on the same millisecond: nudge so every sample has a non-zero duration.
    const last = this.lastOut[kind];
    const mapped = out > last ? out : last + 1;
    this.lastIn[kind] = out;
    this.lastOut[kind] = mapped;
    if (mapped > this.maxOut) {
      this.maxOut = mapped;
      this.lastRaw = srcMs;
      this.wraps = wraps;
    }
    return mapped;
  }

  /** Starts a new epoch: `srcMs` maps to `atMs`. */
  rebase(srcMs: number, atMs: number): void {
    this.offset = atMs - srcMs;
    this.wraps = 0;
    this.lastRaw = srcMs;
    this.lastIn = { video: -Infinity, audio: -Infinity };
    this.lastOut = { video: -Infinity, audio: -Infinity };
    this.maxOut = atMs;
    this.based = true;
  }
}
