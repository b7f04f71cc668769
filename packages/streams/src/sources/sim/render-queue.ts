// Clip rendering jobs, one at a time (an encoder per camera at once would starve the gateway on a
// 2-core box). On-demand requests jump ahead of prewarming; a job already queued under the same key
// is shared, not repeated. Owns the job list; close() aborts the running job and drops the rest.
export type Job = (signal: AbortSignal) => Promise<void>;

interface Entry {
  key: string;
  run: Job;
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class RenderQueue {
  private readonly waiting: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private current: { entry: Entry; abort: AbortController } | null = null;
  private closed = false;

  /** Runs `run` once for `key` (deduplicated). urgent: ahead of everything not yet started. */
  request(key: string, run: Job, urgent: boolean): Promise<void> {
    if (this.closed) return Promise.reject(new Error("render queue closed"));
    const existing = this.byKey.get(key);
    if (existing) {
      const at = this.waiting.indexOf(existing);
      if (urgent && at > 0) this.waiting.unshift(...this.waiting.splice(at, 1));
      return existing.promise;
    }
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => {}); // prewarm callers may not listen; the error reaches those who do
    const entry: Entry = { key, run, promise, resolve, reject };
    this.byKey.set(key, entry);
    if (urgent) this.waiting.unshift(entry);
    else this.waiting.push(entry);
    this.pump();
    return promise;
  }

  get pending(): number {
    return this.waiting.length + (this.current ? 1 : 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const e of this.waiting.splice(0)) e.reject(new Error("render queue closed"));
    const running = this.current;
    running?.abort.abort();
    await running?.entry.promise.catch(() => {});
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    const abort = new AbortController();
    this.current = { entry, abort };
    entry
      .run(abort.signal)
      .then(entry.resolve, (err: unknown) => entry.reject(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        this.byKey.delete(entry.key);
        this.current = null;
        this.pump();
      });
  }
}
