// Replay protection for signed feeds: the same (prison, signature) twice within the window is a replay
// (someone re-sending a captured request), refused with `bad_signature`. A sender that retries signs
// again with a fresh timestamp, and the domain answers the same sourceId with `duplicate: true`.
// Memory is bounded: an entry is dropped once its timestamp has left the window (the timestamp check
// refuses it from then on anyway), and a hard cap drops the oldest entries first. Pure: `now` is an input.
import type { ApiError } from "@cw/protocol";
import { FEED_WINDOW_MS } from "./signature";

export interface ReplayCacheOptions {
  windowMs?: number;
  /** Hard cap; past it the oldest entries go first (a flood only weakens protection for the oldest). */
  maxEntries?: number;
}

export class ReplayCache {
  private readonly windowMs: number;
  private readonly maxEntries: number;
  /** key → expiry (timestamp + window). Insertion order ≈ age, which the cap relies on. */
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(opts: ReplayCacheOptions = {}) {
    this.windowMs = opts.windowMs ?? FEED_WINDOW_MS;
    this.maxEntries = opts.maxEntries ?? 100_000;
  }

  get size(): number {
    return this.seen.size;
  }

  /**
   * Records a verified request. null when it is the first time; a `bad_signature` error when the same
   * prison sent the same signature within the window.
   */
  claim(prisonId: string, signature: string, timestamp: number, now: number): ApiError | null {
    this.sweep(now);
    const key = `${prisonId}\u0000${signature.toLowerCase()}`;
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry >= now) {
      return {
        code: "bad_signature",
        message: "this signed request was already received (a replay): sign every request, retries too, afresh",
        field: "X-Feed-Signature",
      };
    }
    this.seen.delete(key);
    this.seen.set(key, timestamp + this.windowMs);
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return null;
  }

  /** Drops expired entries; a full pass at most every tenth of a window, so claim() stays O(1) amortized. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.windowMs / 10;
    for (const [key, expiry] of this.seen) if (expiry < now) this.seen.delete(key);
  }
}
