// The bureau's orders as its edges pull them: which seqs of its log are order.issued, and for which
// prisons. Built by one scan of the log at the first pull, then kept by the live events; the orders
// themselves are read back from the log by seq (the log is their only home). Wakes long polls when an
// order for their prison is issued. Owns: the index and the waiters (close() releases them).
import type { EventLog } from "../../../eventlog/types";
import { decodeRow } from "../../../events/codec";
import type { LoggedEvent } from "../../../events/map";
import type { PulledOrder } from "./wire";

interface Entry {
  seq: number;
  prisons: Set<string>;
}

/** The order an edge of `prisonId` gets: only the receivers in its prison. */
function forPrison(e: LoggedEvent, prisonId: string): PulledOrder | null {
  if (e.type !== "order.issued") return null;
  const receivers = e.data.receivers.filter((r) => r.prisonId === prisonId);
  return receivers.length === 0 ? null : { seq: e.seq, order: { ...e.data, receivers } };
}

export class IssuedOrders {
  private entries: Entry[] = [];
  private ready: Promise<void> | null = null;
  private held: Entry[] = [];
  private scanned = false;
  private waiters = new Set<{ prisonId: string; wake: () => void }>();

  constructor(private readonly log: Pick<EventLog, "read" | "get">) {}

  /** Every appended event (the core's onEvent). */
  observe(e: LoggedEvent): void {
    if (e.type !== "order.issued") return;
    const entry = { seq: e.seq, prisons: new Set(e.data.receivers.map((r) => r.prisonId)) };
    if (this.scanned) this.entries.push(entry);
    else this.held.push(entry);
    for (const w of this.waiters) if (entry.prisons.has(w.prisonId)) w.wake();
  }

  /** Up to `limit` orders for the prison after `after`, and where the next pull starts. */
  async after(prisonId: string, after: number, limit: number): Promise<{ orders: PulledOrder[]; next: number }> {
    this.ready ??= this.scan();
    await this.ready;
    const seqs: number[] = [];
    for (const e of this.entries) {
      if (e.seq <= after || !e.prisons.has(prisonId)) continue;
      seqs.push(e.seq);
      if (seqs.length === limit) break;
    }
    const rows = await this.log.get(seqs);
    const orders = rows.flatMap((row) => {
      const e = decodeRow(row);
      return e === null ? [] : (forPrison(e, prisonId) ?? []);
    });
    const last = this.entries.at(-1)?.seq ?? 0;
    return { orders, next: seqs.length === limit ? (seqs.at(-1) as number) : Math.max(after, last) };
  }

  /** Resolves when an order for the prison is issued, or after ms (a long poll's wait). */
  wait(prisonId: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const w = { prisonId, wake: () => done() };
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(w);
        signal.removeEventListener("abort", done);
        resolve();
      };
      signal.addEventListener("abort", done, { once: true });
      this.waiters.add(w);
    });
  }

  close(): void {
    for (const w of [...this.waiters]) w.wake();
  }

  private async scan(): Promise<void> {
    for await (const row of this.log.read(0)) {
      const e = decodeRow(row);
      if (e?.type === "order.issued") {
        this.entries.push({ seq: e.seq, prisons: new Set(e.data.receivers.map((r) => r.prisonId)) });
      }
    }
    const last = this.entries.at(-1)?.seq ?? 0;
    for (const h of this.held) if (h.seq > last) this.entries.push(h);
    this.held = [];
    this.scanned = true;
  }
}
