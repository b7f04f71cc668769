// The edge's side of what comes down from the bureau (docs/api/uplink.md): pulls the bureau's downlink for
// this edge's prison (signed long poll, GET /api/v1/feeds/{prisonId}/downlink?after=&wait=) and applies
// each item in the bureau's order: an order is recorded once as an order of its own — the bureau's order
// id, issued by `system:upper` — so the prison's terminals see it like a local order; the bureau's
// acknowledgement or resolution of an alarm this edge forwarded is recorded on the edge's alarm (actor
// `system:upper`, via the bureau's centre). Keeps the bureau's seq in a durable cursor
// (DATA_DIR/uplink/orders.json). Idempotent: an order id already recorded, an alarm already handled are
// skipped (a lagging cursor after a crash re-reads some). Owns: the loop, its in-flight request (stop()
// aborts it). Never: blocks the edge's own work, logs the key.
import type { ControlState, HandledVia } from "@cw/alerts";
import type { ApiError, Result } from "@cw/protocol";
import type { Commit } from "../../../events/codec";
import { signedFeedHeaders } from "../../alarms/feeds/signature";
import { type Backoff, backoffDelay, defaultBackoff } from "../backoff";
import type { CursorStore } from "../cursor";
import type { UplinkLog } from "../forwarder";
import { UPPER_ACTOR } from "../upper";
import { type DownAnswer, type DownHandled, zDownAnswer } from "./wire";

/** Records the bureau's handling on the edge's alarm (the control plane's commands, under their lock). */
export type ApplyHandled = (h: DownHandled, via: HandledVia) => Promise<Result<unknown>>;

export interface PullerDeps {
  upperUrl: string;
  key: string;
  prisonId: string;
  cursor: CursorStore;
  control(): ControlState;
  commit: Commit;
  handled: ApplyHandled;
  now: () => number;
  rng: () => number;
  log: UplinkLog;
  backoff?: Backoff;
  /** How long the bureau may hold a pull (ms; default 20 s). */
  waitMs?: number;
  fetch?: typeof fetch;
}

export interface PullerStatus {
  cursor: number;
  received: number;
  lastPullAt: number | null;
  lastError: string | null;
}

export class OrderPuller {
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly s: PullerStatus;

  constructor(private readonly d: PullerDeps) {
    this.s = { cursor: d.cursor.seq, received: 0, lastPullAt: null, lastError: null };
  }

  status(): PullerStatus {
    return { ...this.s, cursor: this.d.cursor.seq };
  }

  start(): void {
    this.running ??= this.run().catch((err: unknown) => {
      if (!this.stopped) this.d.log.error({ err }, "uplink: the order puller stopped");
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.running;
    await this.d.cursor.flush();
  }

  private async run(): Promise<void> {
    let attempts = 0;
    while (!this.stopped) {
      const got = await this.pull();
      if (this.stopped) return;
      if (got === null) {
        attempts++;
        await this.sleep(backoffDelay(attempts, this.d.rng, this.d.backoff ?? defaultBackoff));
        continue;
      }
      attempts = 0;
      this.s.lastPullAt = this.d.now();
      await this.record(got);
    }
  }

  /** Applies each item in order (an order not yet known, a handling not yet recorded), then moves the cursor. */
  private async record(a: DownAnswer): Promise<void> {
    for (const item of a.items) {
      if (this.stopped) return;
      if (item.kind === "order") {
        if (this.d.control().orders.byId[item.order.id] !== undefined) continue;
        await this.d.commit([{ type: "order.issued", actor: UPPER_ACTOR, data: item.order }]);
        this.s.received++;
        this.d.log.info({ order: item.order.id }, "uplink: an order from the bureau recorded");
        continue;
      }
      const r = await this.d.handled(item, { prisonId: null, name: item.by });
      if (r.ok) {
        this.s.received++;
        continue;
      }
      // Handled here already (conflict), or an alarm this edge does not have: nothing to record.
      if (r.error.code !== "conflict") this.skipped(item, r.error);
    }
    this.d.cursor.advance(a.next);
  }

  private skipped(item: DownHandled, error: ApiError): void {
    this.d.log.warn(
      { alarmId: item.alarmId, handled: item.handled, code: error.code, message: error.message },
      "uplink: the bureau's handling of an alarm could not be recorded here; skipped",
    );
  }

  private async pull(): Promise<DownAnswer | null> {
    const wait = this.d.waitMs ?? 20_000;
    const ts = String(this.d.now());
    const url = `${this.d.upperUrl}/api/v1/feeds/${encodeURIComponent(this.d.prisonId)}/downlink?after=${this.d.cursor.seq}&wait=${wait}`;
    try {
      const res = await (this.d.fetch ?? fetch)(url, {
        headers: signedFeedHeaders(this.d.key, ts, ""),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(wait + 10_000)]),
      });
      const answer: unknown = await res.json().catch(() => null);
      if (res.status !== 200) {
        this.s.lastError = `HTTP ${res.status}: ${String((answer as { message?: unknown } | null)?.message ?? "")}`;
        return null;
      }
      const parsed = zDownAnswer.safeParse(answer);
      if (!parsed.success) {
        this.s.lastError = "the bureau's answer does not fit the downlink schema";
        return null;
      }
      this.s.lastError = null;
      return parsed.data;
    } catch (err) {
      this.s.lastError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      return null;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.abort.signal.addEventListener("abort", done, { once: true });
    });
  }
}
