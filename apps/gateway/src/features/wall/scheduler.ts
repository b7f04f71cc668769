// One timer for every touring screen: wakes at the earliest moment a tour page is due, lets the
// service push the new pages live, and sets itself again. Owns only the timer; what is due and what
// to push are the service's (tour.ts computes the pages). close() stops it for good.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Never spin: even a page due in the past waits this long (a clock that jumps, a tour of 1 page). */
const minDelayMs = 20;

export class TourScheduler {
  private handle: unknown = null;
  private closed = false;

  constructor(
    /** The earliest time a page is due on any screen, or null when no tour is running. */
    private readonly nextDue: () => number | null,
    private readonly now: () => number,
    private readonly onDue: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  reschedule(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
    if (this.closed) return;
    const due = this.nextDue();
    if (due === null) return;
    this.handle = this.timers.set(
      () => {
        this.handle = null;
        this.onDue();
      },
      Math.max(minDelayMs, due - this.now()),
    );
  }

  get armed(): boolean {
    return this.handle !== null;
  }

  close(): void {
    this.closed = true;
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
  }
}
