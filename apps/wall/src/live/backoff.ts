// Reconnect back-off: 0.5 s doubling to 10 s, with jitter so a restarted gateway is not hit by
// every wall at the same instant. Pure: the random source is an argument.
export interface Backoff {
  minMs: number;
  maxMs: number;
}

export const liveBackoff: Backoff = { minMs: 500, maxMs: 10_000 };

/** Delay before reconnect attempt `attempt` (0-based); jitter takes up to 20 % off. */
export function backoffDelay(attempt: number, b: Backoff = liveBackoff, rng: () => number = () => 1): number {
  const exp = Math.min(b.maxMs, b.minMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.max(b.minMs, Math.round(exp * (0.8 + 0.2 * rng())));
}
