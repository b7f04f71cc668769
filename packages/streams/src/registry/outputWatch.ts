// Watches that a stream's OUTPUT advances while its INPUT flows. Health used to look at input only, so a
// stream whose packager was wedged — every frame breaking the timeline into one-frame segments, or frames
// arriving that never made a part — was reported `live, 25 fps, error null` while no player could play
// it. Pure: every method takes the time; the registry feeds it the packager's counters once a tick.
// Never changes state itself: it returns the fault (or null) and the health tracker decides.

export interface OutputWatchLimits {
  /** Input flowing but no part published for this long → fault. */
  stuckMs: number;
  /** This many timeline breaks (discontinuities) within `stormWindowMs` → fault. */
  stormCount: number;
  stormWindowMs: number;
}

export const defaultOutputWatch: OutputWatchLimits = { stuckMs: 12_000, stormCount: 3, stormWindowMs: 10_000 };

export class OutputWatch {
  private parts = 0;
  private lastPartAt: number;
  private discontinuities = 0;
  private readonly breaks: number[] = [];

  constructor(
    startedAt: number,
    private readonly limits: OutputWatchLimits = defaultOutputWatch,
  ) {
    this.lastPartAt = startedAt;
  }

  /**
   * The fault of this tick, or null. `inputAt` is when the last unit arrived; `parts` and
   * `discontinuities` are the packager's running totals.
   */
  check(now: number, inputAt: number | null, parts: number, discontinuities: number): string | null {
    if (parts > this.parts) this.lastPartAt = now;
    this.parts = parts;
    for (let n = this.discontinuities; n < discontinuities; n++) this.breaks.push(now);
    this.discontinuities = discontinuities;
    while (this.breaks.length > 0 && now - this.breaks[0]! > this.limits.stormWindowMs) this.breaks.shift();
    const flowing = inputAt !== null && now - inputAt < this.limits.stuckMs;
    if (this.breaks.length >= this.limits.stormCount)
      return `the stream's timeline broke ${this.breaks.length} times in ${this.limits.stormWindowMs / 1000} s: players cannot follow it`;
    if (flowing && now - this.lastPartAt >= this.limits.stuckMs)
      return `frames arrive but no part was published for ${Math.round((now - this.lastPartAt) / 1000)} s`;
    return null;
  }
}
