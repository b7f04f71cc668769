// The uplink's one loop: forwards the edge's alarms and roll-call reports, once they are in the edge's
// durable log, to the bureau's signed feeds API — one record at a time, in log order, each retried with
// capped, jittered back-off until the bureau answers (hours if need be), the cursor advanced after each
// answer. Owns: the pending seqs, the wait and retry timers, the in-flight request (stop() aborts it),
// the state the API and metrics show. Never: blocks or fails the edge's own work (everything here is
// awaited I/O off the request path; errors become state), never logs or returns the feed key.
import type { ApiError } from "@cw/protocol";
import type { EventLog } from "../../eventlog/types";
import { decodeRow } from "../../events/codec";
import type { LoggedEvent } from "../../events/map";
import { type Backoff, backoffDelay, defaultBackoff } from "./backoff";
import type { CursorStore } from "./cursor";
import {
  isForwarded,
  noLookups,
  toItem,
  type UplinkItem,
  type UplinkKind,
  type UplinkLookups,
  windowOf,
  withoutHeardAt,
  withoutPlace,
} from "./items";
import { PendingSeqs } from "./pending";
import type { SendOutcome } from "./sender";

export interface UplinkLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface ForwarderDeps {
  eventLog: Pick<EventLog, "read" | "get">;
  cursor: CursorStore;
  send(item: UplinkItem, signal: AbortSignal, withSnapshot: boolean): Promise<SendOutcome>;
  /** Several records in flight at once, in order, one outcome each (the feed WebSocket); optional. */
  sendWindow?(items: readonly UplinkItem[], signal: AbortSignal): Promise<SendOutcome[]>;
  /** Whether the bureau answers at all (GET /healthz), when there is nothing to send. */
  probe(signal: AbortSignal): Promise<boolean>;
  /** The edge's state the mapping asks (orders from the bureau, forwarded alarms, names); default: none. */
  lookups?: UplinkLookups;
  now: () => number;
  rng: () => number;
  log: UplinkLog;
  backoff?: Backoff;
  /** Idle time after which the link is probed (default 10 s). */
  probeEveryMs?: number;
}

export type LinkState = "unknown" | "up" | "down";

export interface UplinkStatus {
  link: LinkState;
  queued: number;
  /** The seq of the last edge event acknowledged by the bureau (or skipped), and the one on disk. */
  cursor: number;
  durableCursor: number;
  delivered: number;
  duplicates: number;
  rejected: number;
  lastDelivered: {
    seq: number;
    kind: UplinkKind;
    prisonId: string;
    sourceId: string;
    upperId: string;
    duplicate: boolean;
    at: number;
  } | null;
  lastError: { at: number; status: number; code: string; message: string; field?: string } | null;
  /** When the bureau last answered anything. */
  lastContactAt: number | null;
  /** Attempts at the head record so far, and when the next one is due (null: not waiting). */
  attempts: number;
  retryAt: number | null;
}

const READ_BATCH = 128;

export class Forwarder {
  private readonly pending: PendingSeqs;
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private lastSeen = 0;
  private readonly s: Omit<UplinkStatus, "queued" | "cursor" | "durableCursor">;

  constructor(private readonly d: ForwarderDeps) {
    this.pending = new PendingSeqs(d.cursor.seq);
    this.lastSeen = d.cursor.seq;
    this.s = {
      link: "unknown",
      delivered: 0,
      duplicates: 0,
      rejected: 0,
      lastDelivered: null,
      lastError: null,
      lastContactAt: null,
      attempts: 0,
      retryAt: null,
    };
  }

  status(): UplinkStatus {
    return {
      ...this.s,
      queued: this.pending.size,
      cursor: this.d.cursor.seq,
      durableCursor: this.d.cursor.durableSeq,
    };
  }

  /** Every event appended after the start (the core's onEvent), in log order. */
  observe(e: Pick<LoggedEvent, "seq" | "type" | "data" | "actor">): void {
    this.lastSeen = Math.max(this.lastSeen, e.seq);
    if (!isForwarded(e, this.d.lookups ?? noLookups)) return;
    this.pending.live(e.seq);
    this.wake?.();
  }

  /** Scans the log after the cursor, then forwards until stopped. */
  start(): void {
    this.running ??= this.run().catch((err: unknown) => {
      if (!this.stopped) this.d.log.error({ err }, "uplink: the forwarder stopped");
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.wake?.();
    await this.running;
    await this.d.cursor.flush();
  }

  private async run(): Promise<void> {
    let scanned = this.d.cursor.seq;
    for await (const row of this.d.eventLog.read(this.d.cursor.seq)) {
      if (this.stopped) return;
      scanned = row.seq;
      const e = decodeRow(row);
      if (e !== null && isForwarded(e, this.d.lookups ?? noLookups)) this.pending.scanned(row.seq);
    }
    this.lastSeen = Math.max(this.lastSeen, scanned);
    this.pending.scanDone();
    this.d.log.info({ cursor: this.d.cursor.seq, queued: this.pending.size }, "uplink: forwarding to the bureau");
    while (!this.stopped) {
      const seqs = this.pending.peek(READ_BATCH);
      if (seqs.length === 0) {
        // Caught up: everything up to the last event seen needs no forwarding.
        this.d.cursor.advance(this.lastSeen);
        await this.idle();
        continue;
      }
      const rows = await this.d.eventLog.get(seqs);
      const items = rows.map((row) => {
        const e = decodeRow(row);
        return { seq: row.seq, item: e === null ? null : toItem(e, this.d.lookups ?? noLookups) };
      });
      while (items.length > 0 && !this.stopped) {
        const head = items[0] as { seq: number; item: UplinkItem | null };
        if (head.item === null) {
          this.done(head.seq);
          items.shift();
          continue;
        }
        const window = windowOf(items.map((x) => x.item));
        if (window.length > 1 && this.d.sendWindow !== undefined) {
          // All in flight; the cursor advances over the acknowledged prefix. At the first record not
          // acknowledged, that record goes the one-at-a-time way (retries, refusals); the ones after it
          // are re-read and re-sent (the bureau answers those it has `duplicate`).
          const outs = await this.d.sendWindow(window, this.abort.signal);
          if (this.stopped) return;
          let i = 0;
          for (; i < window.length && outs[i]?.kind === "accepted"; i++) {
            this.accepted(window[i] as UplinkItem, outs[i] as SendOutcome & { kind: "accepted" });
            this.done((window[i] as UplinkItem).seq);
          }
          if (i === window.length) {
            items.splice(0, i);
            continue;
          }
          const failed = window[i] as UplinkItem;
          await this.deliver(failed);
          if (this.stopped) return;
          this.done(failed.seq);
          break;
        }
        await this.deliver(head.item);
        if (this.stopped) return;
        this.done(head.seq);
        items.shift();
      }
    }
  }

  /** The head of the queue is settled (delivered, refused for good, or nothing to forward). */
  private done(seq: number): void {
    this.pending.shift();
    this.d.cursor.advance(seq);
  }

  private accepted(item: UplinkItem, out: { id: string; duplicate: boolean }): void {
    const now = this.d.now();
    this.s.lastContactAt = now;
    this.s.link = "up";
    this.s.delivered++;
    if (out.duplicate) this.s.duplicates++;
    this.s.lastDelivered = {
      seq: item.seq,
      kind: item.kind,
      prisonId: item.prisonId,
      sourceId: item.sourceId,
      upperId: out.id,
      duplicate: out.duplicate,
      at: now,
    };
    this.s.attempts = 0;
    this.s.retryAt = null;
  }

  /** Sends one record until the bureau has it (or refuses it for good). Returns early only when stopped. */
  private async deliver(first: UplinkItem): Promise<void> {
    let item = first;
    let withSnapshot = true;
    this.s.attempts = 0;
    while (!this.stopped) {
      this.s.attempts++;
      const out = await this.d.send(item, this.abort.signal, withSnapshot);
      if (this.stopped) return;
      const now = this.d.now();
      if (out.kind !== "retry" || out.status !== 0) this.s.lastContactAt = now;
      if (out.kind === "accepted") {
        this.accepted(item, out);
        return;
      }
      this.noteError(now, out.status, out.error);
      if (out.kind === "refused") {
        this.s.link = "up";
        const placeless =
          out.status === 422 ? (withoutPlace(item, out.error.field) ?? withoutHeardAt(item, out.error)) : null;
        if (placeless !== null) {
          this.d.log.warn(
            { seq: item.seq, field: out.error.field ?? "heardAt" },
            "uplink: the bureau refused a field it does not know or take; sent without it",
          );
          item = placeless;
          continue;
        }
        if (out.status === 413 && withSnapshot && item.snapshotRef !== null) {
          withSnapshot = false;
          continue;
        }
        this.s.rejected++;
        this.d.log.error(
          {
            seq: item.seq,
            sourceId: item.sourceId,
            status: out.status,
            code: out.error.code,
            message: out.error.message,
          },
          "uplink: the bureau refused this record for good; skipped",
        );
        this.s.attempts = 0;
        return;
      }
      this.s.link = "down";
      const delay = backoffDelay(this.s.attempts, this.d.rng, this.d.backoff ?? defaultBackoff);
      this.s.retryAt = now + delay;
      if (this.s.attempts === 1 || this.s.attempts % 100 === 0) {
        this.d.log.warn(
          { seq: item.seq, attempts: this.s.attempts, status: out.status, code: out.error.code },
          "uplink: retrying",
        );
      }
      await this.sleep(delay);
      this.s.retryAt = null;
    }
  }

  private noteError(at: number, status: number, error: ApiError): void {
    this.s.lastError = {
      at,
      status,
      code: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    };
  }

  /** Waits for a new record; probes the link now and then meanwhile, so its state is not stale. */
  private async idle(): Promise<void> {
    const every = this.d.probeEveryMs ?? 10_000;
    const woken = await this.sleep(every, true);
    if (woken || this.stopped || this.pending.size > 0) return;
    const up = await this.d.probe(this.abort.signal).catch(() => false);
    if (this.stopped) return;
    this.s.link = up ? "up" : "down";
    if (up) this.s.lastContactAt = this.d.now();
  }

  /** Sleeps ms (unref'd); a new record wakes it when `wakeable`. Resolves true when woken early. */
  private sleep(ms: number, wakeable = false): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), ms);
      timer.unref();
      const done = (early: boolean) => {
        clearTimeout(timer);
        this.wake = null;
        resolve(early);
      };
      this.wake = wakeable ? () => done(true) : () => (this.stopped ? done(true) : undefined);
    });
  }
}
