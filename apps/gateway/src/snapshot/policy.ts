// When to take a state snapshot (pure). Serialising the state blocks the event loop for a moment (tens of
// milliseconds at 100 k events, about two seconds at a million), so a snapshot waits until `every`
// events have gathered AND the gateway has been quiet for a few seconds in a row (a burst that pauses
// for a second is not over); it is forced only when traffic never lets up (20 × every), trading one
// pause for a bounded replay. Measured: a snapshot taken as a 1000/s burst resumed cost the alarm
// fan-out its p99 (docs/benchmarks.md).

export interface SnapshotClock {
  /** Events folded since the last snapshot (or since the log's start). */
  sinceSnapshot: number;
  /** Consecutive seconds, up to now, with fewer than QUIET_RATE live events each. */
  quietSeconds: number;
  /** Config: snapshot after this many events; 0 = never. */
  every: number;
}

/** Below this many events a second the gateway counts as quiet. */
export const QUIET_RATE = 50;
/** Seconds of quiet in a row before a due snapshot is taken. */
export const QUIET_SECONDS = 3;
export const FORCE_FACTOR = 20;

export function snapshotDue(c: SnapshotClock): boolean {
  if (c.every <= 0 || c.sinceSnapshot <= 0) return false;
  if (c.sinceSnapshot >= c.every * FORCE_FACTOR) return true;
  return c.sinceSnapshot >= c.every && c.quietSeconds >= QUIET_SECONDS;
}

/** At a clean shutdown: worth writing when it saves a restart a noticeable replay. */
export function snapshotAtClose(c: Pick<SnapshotClock, "sinceSnapshot" | "every">): boolean {
  return c.every > 0 && c.sinceSnapshot >= Math.max(1, Math.ceil(c.every / 10));
}
