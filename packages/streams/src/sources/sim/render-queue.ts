// Clip rendering jobs in two lanes. Urgent jobs (a viewer is waiting) start at once, up to `urgentSlots`
// at a time, and never wait behind background work; background jobs (prewarming every demo camera) run
// one at a time and only while no urgent job runs or waits — and their process runs at the lowest CPU
// priority (the job is told it is background), so a first view on a fresh machine plays at once instead
// of queueing behind a thousand renders. A job already queued under the same key is shared, not
// repeated, and moves to the urgent lane when a viewer asks for it. Owns the job lists; close() aborts
// the running jobs and drops the rest.
export interface JobContext {
  signal: AbortSignal;
  /** true: prewarming; run the encoder at the lowest priority. */
  background: boolean;
}
export type Job = (ctx: JobContext) => Promise<void>;

interface Entry {
  key: string;
  run: Job;
  urgent: boolean;
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: Error) => void;
}

interface Running {
  entry: Entry;
  abort: AbortController;
}

export class RenderQueue {
  private readonly urgentWaiting: Entry[] = [];
  private readonly backgroundWaiting: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private readonly running = new Set<Running>();
  private closed = false;

  /** urgentSlots: urgent jobs at once (one per core is the sweet spot on the 2-core reference box). */
  constructor(private readonly urgentSlots = 2) {}

  /** Runs `run` once for `key` (deduplicated). urgent: a viewer waits, so it starts ahead of any prewarm. */
  request(key: string, run: Job, urgent: boolean): Promise<void> {
    if (this.closed) return Promise.reject(new Error("render queue closed"));
    const existing = this.byKey.get(key);
    if (existing) {
      const at = this.backgroundWaiting.indexOf(existing);
      if (urgent && at >= 0) {
        this.backgroundWaiting.splice(at, 1);
        existing.urgent = true;
        this.urgentWaiting.push(existing);
        this.pump();
      }
      return existing.promise;
    }
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => {}); // prewarm callers may not listen; the error reaches those who do
    const entry: Entry = { key, run, urgent, promise, resolve, reject };
    this.byKey.set(key, entry);
    (urgent ? this.urgentWaiting : this.backgroundWaiting).push(entry);
    this.pump();
    return promise;
  }

  get pending(): number {
    return this.urgentWaiting.length + this.backgroundWaiting.length + this.running.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const e of [...this.urgentWaiting.splice(0), ...this.backgroundWaiting.splice(0)]) {
      e.reject(new Error("render queue closed"));
    }
    const running = [...this.running];
    for (const r of running) r.abort.abort();
    await Promise.all(running.map((r) => r.entry.promise.catch(() => {})));
  }

  private pump(): void {
    if (this.closed) return;
    let urgentRunning = [...this.running].filter((r) => r.entry.urgent).length;
    while (urgentRunning < this.urgentSlots && this.urgentWaiting.length > 0) {
      this.start(this.urgentWaiting.shift()!);
      urgentRunning++;
    }
    const idle = this.running.size === 0 && this.urgentWaiting.length === 0;
    if (idle && this.backgroundWaiting.length > 0) this.start(this.backgroundWaiting.shift()!);
  }

  private start(entry: Entry): void {
    const abort = new AbortController();
    const r: Running = { entry, abort };
    this.running.add(r);
    entry
      .run({ signal: abort.signal, background: !entry.urgent })
      .then(entry.resolve, (err: unknown) => entry.reject(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        this.byKey.delete(entry.key);
        this.running.delete(r);
        this.pump();
      });
  }
}
