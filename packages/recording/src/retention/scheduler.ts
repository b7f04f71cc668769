// Runs retention on a timer: every checkMs a cheap look at the quota (a sweep of the oldest only when
// over it), every fullEveryMs a full sweep by age. Suspends recording when the quota cannot be met
// (everything left is evidence or being written) and lifts it once there is room again; retries a store
// that stopped on a full disk or a failed write after retryMs or as soon as a sweep freed space. One sweep
// at a time; owns its timer (unref'd, cleared in close()).
import type { RecordingStore } from "../store/store";
import { type RetentionRules, type SweepResult, sweep } from "./sweep";

export interface SchedulerOptions {
  store: RecordingStore;
  rules: RetentionRules;
  /** RECORD_MAX_GB in bytes; Infinity for none. */
  quotaBytes: number;
  now: () => number;
  checkMs?: number;
  fullEveryMs?: number;
  retryMs?: number;
  log?: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
}

/** Deleting stops a little under the quota, so a store at its quota does not sweep for every new file. */
const LOW_WATER = 0.95;

export class RetentionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;
  private lastFull = -Infinity;
  private faultedAt: number | null = null;
  sweeps = 0;

  constructor(private readonly o: SchedulerOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.o.checkMs ?? 10_000);
    this.timer.unref();
  }

  /** One check now (tests and the bench call it; the timer does the same). */
  async check(): Promise<SweepResult | null> {
    if (this.running) return null;
    const { store, quotaBytes } = this.o;
    const now = this.o.now();
    const full = now - this.lastFull >= (this.o.fullEveryMs ?? 10 * 60_000);
    const over = store.catalog.totalBytes > quotaBytes;
    let result: SweepResult | null = null;
    if (full || over) {
      if (full) this.lastFull = now;
      this.running = sweep(store, this.o.rules, {
        now,
        quotaBytes: over ? quotaBytes * LOW_WATER : quotaBytes,
        quotaOnly: !full,
      });
      try {
        result = await this.running;
      } finally {
        this.running = null;
      }
      this.sweeps++;
      if (result.deletedByAge + result.deletedByQuota > 0)
        this.o.log?.info({ ...result }, "retention deleted recordings");
    }
    this.afterSweep(result, now);
    return result;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private afterSweep(result: SweepResult | null, now: number): void {
    const { store, quotaBytes } = this.o;
    if (store.catalog.totalBytes > quotaBytes) {
      if (!store.suspended)
        store.suspend({
          key: "*",
          kind: "quota_full",
          message: `recordings use ${store.catalog.totalBytes} bytes of a ${quotaBytes}-byte quota and all that is left is evidence or being written`,
        });
      return;
    }
    if (!store.faulted) {
      this.faultedAt = null;
      return;
    }
    this.faultedAt ??= now;
    const freed = (result?.freedBytes ?? 0) > 0;
    if (store.suspended?.kind === "quota_full" || freed || now - this.faultedAt >= (this.o.retryMs ?? 60_000)) {
      this.faultedAt = null;
      store.resume(); // a disk still full fails the next write and suspends again (reported only once)
    }
  }
}
