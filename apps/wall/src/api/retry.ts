// "Fetch until it answers": a read the page cannot do without (the prisons' names, the overview before the
// live socket delivers) is tried again after 1, 2, 5, then every 10 s until it succeeds or the page leaves —
// a failed request must not leave a map or a list empty until someone reloads.
// Owns: the retry schedule. Never: renders, parses or keeps anything once cancelled.

/** Waits between attempts; the last one repeats. */
export const RETRY_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000];

export interface RetryTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: RetryTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Calls `load` until it resolves, then hands the value to `onValue` (once). Returns the cancel function
 * (for an effect's clean-up): after it, nothing more is called.
 */
export function fetchUntilAnswered<T>(
  load: () => Promise<T>,
  onValue: (value: T) => void,
  delays: readonly number[] = RETRY_MS,
  timers: RetryTimers = realTimers,
): () => void {
  let alive = true;
  let timer: unknown;
  const attempt = (n: number): void => {
    load().then(
      (value) => {
        if (alive) onValue(value);
      },
      () => {
        if (!alive) return;
        timer = timers.setTimeout(() => attempt(n + 1), delays[Math.min(n, delays.length - 1)] ?? 10_000);
      },
    );
  };
  attempt(0);
  return () => {
    alive = false;
    if (timer !== undefined) timers.clearTimeout(timer);
  };
}
