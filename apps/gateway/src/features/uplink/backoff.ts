// Retry delays of the uplink: exponential from `baseMs`, capped at `capMs`, with "equal jitter" (half
// the step fixed, half drawn from the injected rng) so a bureau that comes back is not hit by every
// prison's edge in the same millisecond. Pure: the rng is an argument.
//
// Why the cap is low (3 s): the target is "all delivered ≤ 10 s after the link returns"; a
// retry due 30 s after the return would miss it alone. A probe every ≤ 3 s to a dead bureau is a failed
// connect (or a request that waits for its timeout): nothing a link of hours cannot afford.

export interface Backoff {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: Backoff = { baseMs: 250, capMs: 3_000 };

/** The delay before retry number `attempt` (1 = the first retry), in [step/2, step). */
export function backoffDelay(attempt: number, rng: () => number, b: Backoff = defaultBackoff): number {
  const n = Math.max(1, Math.floor(attempt));
  const step = Math.min(b.capMs, b.baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(rng(), 0), 1 - Number.EPSILON);
  return Math.round(step / 2 + r * (step / 2));
}
