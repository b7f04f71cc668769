// When to take a state snapshot (pure). Serialising the state blocks the event loop for a moment (tens of
// milliseconds at 100 k events, about two seconds at a million), so a snapshot waits for a quiet second
// once `every` events have gathered, and is forced only when traffic never lets up (5 × every).

export interface SnapshotClock {
  /** Events folded since the last snapshot (or since the log's start). */
  sinceSnapshot: number;
  /** Live events folded in the last second. */
  lastSecond: number;
  /** Config: snapshot after this many events; 0 = never. */
  every: number;
}

/** Below this many events a second the gateway counts as quiet. */
export const QUIET_RATE = 50;
export const FORCE_FACTOR = 5;

export function snapshotDue(c: SnapshotClock): boolean {
  if (c.every <= 0 || c.sinceSnapshot <= 0) return false;
  if (c.sinceSnapshot >= c.every * FORCE_FACTOR) return true;
  return c.sinceSnapshot >= c.every && c.lastSecond < QUIET_RATE;
}

/** At a clean shutdown: worth writing when it saves a restart a noticeable replay. */
export function snapshotAtClose(c: Pick<SnapshotClock, "sinceSnapshot" | "every">): boolean {
  return c.every > 0 && c.sinceSnapshot >= Math.max(1, Math.ceil(c.every / 10));
}
