// The edge's side of orders from the bureau (docs/api/uplink.md): pulls the bureau's orders for this
// edge's prison (signed long poll, GET /api/v1/feeds/{prisonId}/orders?after=&wait=), records each once
// as an order of its own — the bureau's order id, issued by `system:upper` — so the prison's terminals
// see it like a local order, and keeps the bureau's seq in a durable cursor (DATA_DIR/uplink/orders.json).
// Idempotent: an order id already recorded is skipped (a lagging cursor after a crash re-reads some).
// Owns: the loop, its in-flight request (stop() aborts it). Never: blocks the edge's own work, logs the key.
import type { ControlState } from "@cw/alerts";
import type { Commit } from "../../../events/codec";
import { signedFeedHeaders } from "../../alarms/feeds/signature";
import { type Backoff, backoffDelay, defaultBackoff } from "../backoff";
import type { CursorStore } from "../cursor";
import type { UplinkLog } from "../forwarder";
import { type OrdersAnswer, zOrdersAnswer } from "./wire";

/** The actor of an order recorded from the bureau: how the edge knows whose receipts go back up. */
export const UPPER_ACTOR = "system:upper" as const;

export interface PullerDeps {
  upperUrl: string;
  key: string;
  prisonId: string;
  cursor: CursorStore;
  control(): ControlState;
  commit: Commit;
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

  /** Records each order not yet known here, then moves the cursor past them. */
  private async record(a: OrdersAnswer): Promise<void> {
    const known = this.d.control().orders.byId;
    const fresh = a.orders.filter((o) => known[o.order.id] === undefined);
    if (fresh.length > 0) {
      await this.d.commit(fresh.map((o) => ({ type: "order.issued" as const, actor: UPPER_ACTOR, data: o.order })));
      this.s.received += fresh.length;
      this.d.log.info({ orders: fresh.map((o) => o.order.id) }, "uplink: orders from the bureau recorded");
    }
    this.d.cursor.advance(a.next);
  }

  private async pull(): Promise<OrdersAnswer | null> {
    const wait = this.d.waitMs ?? 20_000;
    const ts = String(this.d.now());
    const url = `${this.d.upperUrl}/api/v1/feeds/${encodeURIComponent(this.d.prisonId)}/orders?after=${this.d.cursor.seq}&wait=${wait}`;
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
      const parsed = zOrdersAnswer.safeParse(answer);
      if (!parsed.success) {
        this.s.lastError = "the bureau's answer does not fit the orders pull schema";
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
