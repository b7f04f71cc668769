// When to take a state snapshot (pure). Serialising the state blocks the event loop for a moment (tens of
// milliseconds at 100 k events, about two seconds at a million) and writing it loads the disk the log's
// fsyncs use, so a snapshot waits until `every` events have gathered AND the gateway has been quiet for
// 10 s in a row (a burst that pauses for a few seconds is not over); it is forced only when traffic never
// lets up (50 × every), trading one pause for a bounded replay. Measured: a snapshot written in a 3 s
// pause of a 1000/s burst made the next 15 s of alarms answer with p99 115 ms (docs/benchmarks.md).

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
export const QUIET_SECONDS = 10;
export const FORCE_FACTOR = 50;

export function snapshotDue(c: SnapshotClock): boolean {
  if (c.every <= 0 || c.sinceSnapshot <= 0) return false;
  if (c.sinceSnapshot >= c.every * FORCE_FACTOR) return true;
  return c.sinceSnapshot >= c.every && c.quietSeconds >= QUIET_SECONDS;
}

/** At a clean shutdown: worth writing when it saves a restart a noticeable replay. */
export function snapshotAtClose(c: Pick<SnapshotClock, "sinceSnapshot" | "every">): boolean {
  return c.every > 0 && c.sinceSnapshot >= Math.max(1, Math.ceil(c.every / 10));
}
