// Posts feed bodies through the public, signed feeds API exactly as a prison system would: fetch,
// X-Feed-Timestamp + X-Feed-Signature, a few requests in flight at most, retries on network errors and
// 5xx/429 with back-off, each retry signed afresh. Owns its fetches and retry timers; stop() aborts
// and clears them all. Never throws to the caller: failures are logged and counted.
import { signedFeedHeaders } from "../features/alarms/feeds/signature";
import type { SimLog } from "./model";

export type FeedPath = "alarms" | "rollcalls";

export interface PosterOptions {
  baseUrl: string;
  keyFor(prisonId: string): string;
  now: () => number;
  log?: SimLog;
  maxInFlight?: number;
  retries?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
  /** How requests go out. Default: the global fetch. */
  fetch?: typeof fetch;
}

export interface PosterStats {
  sent: number;
  accepted: number;
  duplicates: number;
  failed: number;
}

interface Job {
  path: FeedPath;
  prisonId: string;
  body: unknown;
  attempt: number;
}

export class FeedPoster {
  readonly stats: PosterStats = { sent: 0, accepted: 0, duplicates: 0, failed: 0 };
  private readonly queue: Job[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private stopped = false;

  constructor(private readonly opts: PosterOptions) {}

  post(path: FeedPath, prisonId: string, body: unknown): void {
    if (this.stopped) return;
    this.queue.push({ path, prisonId, body, attempt: 0 });
    this.pump();
  }

  /** Queued or in flight: the simulator's tests wait for this to reach 0. */
  get pending(): number {
    return this.queue.length + this.inflight.size + this.timers.size;
  }

  private pump(): void {
    const max = this.opts.maxInFlight ?? 4;
    while (!this.stopped && this.inflight.size < max) {
      const job = this.queue.shift();
      if (job === undefined) return;
      const p = this.send(job).finally(() => {
        this.inflight.delete(p);
        this.pump();
      });
      this.inflight.add(p);
    }
  }

  private async send(job: Job): Promise<void> {
    const raw = JSON.stringify(job.body);
    const timestamp = String(this.opts.now());
    const url = `${this.opts.baseUrl}/api/v1/feeds/${encodeURIComponent(job.prisonId)}/${job.path}`;
    this.stats.sent++;
    let status = 0;
    let answer: unknown = null;
    try {
      const res = await (this.opts.fetch ?? fetch)(url, {
        method: "POST",
        headers: signedFeedHeaders(this.opts.keyFor(job.prisonId), timestamp, raw),
        body: raw,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs ?? 10_000)]),
      });
      status = res.status;
      answer = await res.json().catch(() => null);
    } catch (err) {
      if (this.stopped) return;
      this.opts.log?.warn({ err: (err as Error).message, url }, "feed simulator: request failed");
    }
    if (status >= 200 && status < 300) {
      this.stats.accepted++;
      if ((answer as { duplicate?: unknown } | null)?.duplicate === true) this.stats.duplicates++;
      return;
    }
    const retryable = status === 0 || status === 429 || status >= 500;
    if (retryable && job.attempt < (this.opts.retries ?? 3)) {
      this.retryLater({ ...job, attempt: job.attempt + 1 });
      return;
    }
    this.stats.failed++;
    this.opts.log?.warn({ status, answer, url, attempts: job.attempt + 1 }, "feed simulator: feed refused");
  }

  private retryLater(job: Job): void {
    const delay = (this.opts.retryBaseMs ?? 1_000) * 2 ** (job.attempt - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      this.queue.push(job);
      this.pump();
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inflight]);
  }
}
