// The bureau's downlink as its edges pull it: which seqs of its log go down, to which prisons, of which
// kind (down/rules.ts decides). Built by one scan of the log at the first pull, then kept by the live
// events; the events themselves are read back from the log by seq (the log is their only home). Wakes
// long polls when something for their prison is appended. Owns: the index and the waiters (close()
// releases them).
import type { EventLog } from "../../../eventlog/types";
import { decodeRow } from "../../../events/codec";
import type { LoggedEvent } from "../../../events/map";
import type { DownRules } from "./rules";
import type { DownItem } from "./wire";

interface Entry {
  seq: number;
  kind: DownItem["kind"];
  prisons: Set<string>;
}

export class DownIndex {
  private entries: Entry[] = [];
  private ready: Promise<void> | null = null;
  private held: Entry[] = [];
  private scanned = false;
  private waiters = new Set<{ prisonId: string; wake: () => void }>();

  constructor(
    private readonly log: Pick<EventLog, "read" | "get">,
    private readonly rules: DownRules,
  ) {}

  private entryOf(e: LoggedEvent): Entry | null {
    const prisons = this.rules.prisonsOf(e);
    if (prisons.length === 0) return null;
    return { seq: e.seq, kind: e.type === "order.issued" ? "order" : "alarm.handled", prisons: new Set(prisons) };
  }

  /** Every appended event (the core's onEvent), once folded. */
  observe(e: LoggedEvent): void {
    const entry = this.entryOf(e);
    if (entry === null) return;
    if (this.scanned) this.entries.push(entry);
    else this.held.push(entry);
    for (const w of this.waiters) if (entry.prisons.has(w.prisonId)) w.wake();
  }

  /** Up to `limit` items for the prison after `after` (only of `kind`, if given), and where the next pull starts. */
  async after(
    prisonId: string,
    after: number,
    limit: number,
    kind?: DownItem["kind"],
  ): Promise<{ items: DownItem[]; next: number }> {
    this.ready ??= this.scan();
    await this.ready;
    const seqs: number[] = [];
    for (const e of this.entries) {
      if (e.seq <= after || !e.prisons.has(prisonId) || (kind !== undefined && e.kind !== kind)) continue;
      seqs.push(e.seq);
      if (seqs.length === limit) break;
    }
    // Taken before the read: an entry appended while it is awaited must not be skipped by `next`.
    const last = this.entries.at(-1)?.seq ?? 0;
    const rows = await this.log.get(seqs);
    const items = rows.flatMap((row) => {
      const e = decodeRow(row);
      return e === null ? [] : (this.rules.itemFor(e, prisonId) ?? []);
    });
    return { items, next: seqs.length === limit ? (seqs.at(-1) as number) : Math.max(after, last) };
  }

  /** Resolves when something for the prison is appended, or after ms (a long poll's wait). */
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
      const entry = e === null ? null : this.entryOf(e);
      if (entry !== null) this.entries.push(entry);
    }
    const last = this.entries.at(-1)?.seq ?? 0;
    for (const h of this.held) if (h.seq > last) this.entries.push(h);
    this.held = [];
    this.scanned = true;
  }
}
