// Blocking requests (LL-HLS _HLS_msn/_HLS_part, preload-hinted parts) waiting for a condition on one
// packager. Owns one timer per waiter and removes it on every exit path; close() releases them all.

export type WaitOutcome = "ok" | "timeout" | "aborted" | "closed";

interface Waiter {
  ready: () => boolean;
  done: (outcome: WaitOutcome) => void;
}

export class Waiters {
  private readonly set = new Set<Waiter>();
  private closed = false;

  get size(): number {
    return this.set.size;
  }

  wait(ready: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome> {
    if (ready()) return Promise.resolve("ok");
    if (this.closed) return Promise.resolve("closed");
    if (signal?.aborted) return Promise.resolve("aborted");
    return new Promise((resolve) => {
      const onAbort = (): void => w.done("aborted");
      const timer = setTimeout(() => w.done("timeout"), timeoutMs);
      const w: Waiter = {
        ready,
        done: (outcome) => {
          if (!this.set.delete(w)) return;
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolve(outcome);
        },
      };
      this.set.add(w);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Re-evaluates every waiter; called whenever a part or segment is published. */
  check(): void {
    for (const w of this.set) if (w.ready()) w.done("ok");
  }

  close(): void {
    this.closed = true;
    for (const w of this.set) w.done("closed");
  }
}
