// The frame cadence of one stream as the segmenter sees it: recent frame intervals, and the stream's
// PART-TARGET chosen from them. Pure state, no clock. Never cuts anything itself (the segmenter does).
//
// Why a per-stream PART-TARGET: a part holds whole frames, so a part can never be shorter than one frame
// interval. A 1 fps camera under a 200 ms PART-TARGET made 1.0 s parts (and a PART-HOLD-BACK shorter than
// one part); RFC 8216bis requires every part to be ≤ PART-TARGET and PART-TARGET never changes within a
// playlist, so it is chosen once, from the first frame interval, before the first part is published.

/** Intervals kept for the mean (a second at 8 fps; enough to smooth millisecond rounding). */
const WINDOW = 8;

/**
 * The PART-TARGET of a stream whose frames arrive every `intervalMs`: the whole number of frames nearest
 * the configured part duration (at least one), plus 10 %, to the nearest 10 ms. The margin is the window
 * RFC 8216bis leaves between its two rules — a part is ≤ PART-TARGET and, unless it is INDEPENDENT or its
 * segment's last, ≥ 85 % of it — so parts of k frames with a few milliseconds of timestamp jitter keep
 * both. 25 fps under 200 ms → 5 frames → 0.22 s; 1 fps → 1.1 s; 12.5 fps under 400 ms → 0.44 s.
 */
export function partTargetFor(configuredMs: number, measuredMs: number | null): PartPlan {
  if (measuredMs === null || !(measuredMs > 0)) return { targetMs: configuredMs, nominalMs: configuredMs / 1.1 };
  const intervalMs = nominalInterval(measuredMs);
  const nominalMs = Math.max(1, Math.round(configuredMs / intervalMs)) * intervalMs;
  return { targetMs: Math.round((nominalMs * 1.1) / 10) * 10, nominalMs };
}

/** A stream's parts: what the cutter aims at (whole frames) and the PART-TARGET announced above it. */
export interface PartPlan {
  nominalMs: number;
  targetMs: number;
}

/** Frame rates cameras are set to (PAL 25 and its halves dominate here; NTSC 30; low-rate modes). */
const NOMINAL_FPS = [1, 2, 3, 4, 5, 6, 8, 10, 12.5, 15, 20, 25, 30, 50, 60];

/**
 * The nominal interval near a measured one: a few jittered intervals (±5 ms at 25 fps) mis-measure the
 * rate by a few per cent, enough to move the part target by 10 ms and squeeze the 85 % window shut.
 */
export function nominalInterval(measuredMs: number): number {
  const fps = 1000 / measuredMs;
  let best: number | null = null;
  for (const n of NOMINAL_FPS) {
    const off = Math.abs(n - fps) / n;
    if (off <= 0.1 && (best === null || off < Math.abs(best - fps) / best)) best = n;
  }
  return best === null ? measuredMs : 1000 / best;
}

/** Intervals measured before the part target is chosen (unless the configured part duration passes first). */
/**
 * The plan once frames measured are already in the part: none of their intervals may exceed the target,
 * so the target is at least the longest (rounded up to 10 ms) and parts then aim 10 % below it.
 */
export function fitPlan(p: PartPlan, longestMs = 0): { targetMs: number; nominalMs: number } {
  const floor = Math.ceil(longestMs / 10) * 10;
  return { targetMs: Math.max(p.targetMs, floor), nominalMs: p.targetMs >= floor ? p.nominalMs : floor / 1.1 };
}

export const DECIDE_AFTER = 4;

export class Cadence {
  private readonly recent: number[] = [];
  private firstMs: number | null = null;
  private lastMs: number | null = null;
  private count = 0;
  private longest = 0;

  /** A frame of the stream's first epoch, for the rate the part target is chosen from. */
  noteFrame(ms: number): void {
    this.firstMs ??= ms;
    if (this.lastMs !== null && ms > this.lastMs) {
      this.count++;
      this.longest = Math.max(this.longest, ms - this.lastMs);
    }
    this.lastMs = ms;
  }

  /** Mean and longest interval of the frames noted so far (null/0 before two), and how long they span. */
  get measured(): { intervalMs: number | null; longestMs: number; spanMs: number; intervals: number } {
    const spanMs = this.firstMs === null || this.lastMs === null ? 0 : this.lastMs - this.firstMs;
    const intervalMs = this.count > 0 ? spanMs / this.count : null;
    return { intervalMs, longestMs: this.longest, spanMs, intervals: this.count };
  }

  add(intervalMs: number): void {
    if (!(intervalMs > 0)) return;
    this.recent.push(intervalMs);
    if (this.recent.length > WINDOW) this.recent.shift();
  }
  /** Mean of the recent intervals: the expected time to the next frame. */
  mean(fallbackMs: number): number {
    if (this.recent.length === 0) return fallbackMs;
    let sum = 0;
    for (const d of this.recent) sum += d;
    return sum / this.recent.length;
  }

  /** A new epoch: recent intervals no longer predict the next frame (the chosen target stays). */
  resetRecent(): void {
    this.recent.length = 0;
  }
}
