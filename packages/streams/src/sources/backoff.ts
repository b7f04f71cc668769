// Exponential restart back-off for upstream processes: 0.5 s doubling to 10 s, back to the start
// once a run has been healthy for a minute. Pure: time is passed in.
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** A run at least this long resets the delay. */
  healthyMs: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 500, maxMs: 10_000, healthyMs: 60_000 };

export class Backoff {
  private nextMs: number;

  constructor(private readonly policy: BackoffPolicy = defaultBackoff) {
    this.nextMs = policy.initialMs;
  }

  /** The delay before the next start, given how long the run that just ended lasted. */
  afterRun(ranMs: number): number {
    if (ranMs >= this.policy.healthyMs) this.nextMs = this.policy.initialMs;
    const delay = this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, this.policy.maxMs);
    return delay;
  }
}
