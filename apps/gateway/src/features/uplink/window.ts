// A window of records in flight to the bureau over its feed WebSocket (/api/v1/feeds/{prisonId}/ws,
// docs/api/feeds.md): every frame signed exactly like the HTTP request, all of them written in log order
// on one connection, each reply matched by its `ref`. Why: one HTTP round trip per record delivered ~28
// alarms/s after an outage; the bureau reads a connection's frames in order and group-commits a window
// into a few fsyncs. Owns: one socket per prison (opened on demand, dropped on any error or timeout),
// the refs waiting for a reply. Never throws: a socket that cannot open, closes or stays silent makes
// every unanswered record a `retry` (the forwarder resends from the first unacknowledged, over HTTP).
import { type ErrorCode, errorCatalogue } from "@cw/protocol";
import WebSocket from "ws";
import { signFeed } from "../alarms/feeds/signature";
import type { UplinkItem } from "./items";
import { classify, feedBody, type SenderOptions, type SendOutcome } from "./sender";

/** As the HTTP sender's (the timeout bounds a whole window: its last reply, default 10 s). */
export type WindowOptions = Omit<SenderOptions, "fetch">;

type Reply = {
  ref?: unknown;
  ok?: unknown;
  id?: unknown;
  duplicate?: unknown;
  code?: unknown;
  message?: unknown;
  field?: unknown;
};

interface Conn {
  ws: WebSocket;
  opened: Promise<boolean>;
  waiting: Map<number, (out: SendOutcome) => void>;
}

const unreachable = (why: string): SendOutcome => ({
  kind: "retry",
  status: 0,
  error: { code: "unavailable", message: `bureau unreachable over the feed WebSocket (${why})` },
});

/** A reply frame → the forwarder's outcome (the error's code gives the HTTP status it would have had). */
export function replyOutcome(r: Reply): SendOutcome {
  if (r.ok === true) return { kind: "accepted", id: String(r.id ?? ""), duplicate: r.duplicate === true };
  const code = (typeof r.code === "string" && r.code in errorCatalogue ? r.code : "bad_request") as ErrorCode;
  const message = typeof r.message === "string" ? r.message : errorCatalogue[code].message;
  const error = typeof r.field === "string" ? { code, message, field: r.field } : { code, message };
  return classify(errorCatalogue[code].status, error);
}

export class FeedWindow {
  private readonly conns = new Map<string, Conn>();
  private nextRef = 1;

  constructor(private readonly opts: WindowOptions) {}

  /** Sends the records (one prison, log order) on one connection; one outcome each, in the same order. */
  async send(items: readonly UplinkItem[], signal: AbortSignal): Promise<SendOutcome[]> {
    const first = items[0];
    if (first === undefined) return [];
    // Bodies first (a snapshot is read from disk), then every frame written in one go, in order.
    const bodies: string[] = [];
    for (const item of items) bodies.push(await feedBody(item, true, this.opts.snapshot));
    const conn = this.conn(first.prisonId);
    const onAbort = () => this.drop(first.prisonId, conn, "stopped");
    signal.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => this.drop(first.prisonId, conn, "no reply in time"), this.opts.timeoutMs ?? 10_000);
    try {
      if (!(await conn.opened) || signal.aborted) return items.map(() => unreachable("not open"));
      return await Promise.all(
        items.map((item, i) => {
          const ref = this.nextRef++;
          const raw = bodies[i] as string;
          const ts = String(this.opts.now());
          const frame = JSON.stringify({
            type: item.kind,
            timestamp: ts,
            signature: signFeed(this.opts.key, ts, raw),
            body: raw,
            ref,
          });
          return new Promise<SendOutcome>((resolve) => {
            if (conn.ws.readyState !== WebSocket.OPEN) return resolve(unreachable("closed"));
            conn.waiting.set(ref, resolve);
            conn.ws.send(frame);
          });
        }),
      );
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
  }

  close(): void {
    for (const [prisonId, conn] of this.conns) this.drop(prisonId, conn, "closed");
  }

  private conn(prisonId: string): Conn {
    const known = this.conns.get(prisonId);
    if (known !== undefined && known.ws.readyState <= WebSocket.OPEN) return known;
    const url = `${this.opts.upperUrl.replace(/^http/, "ws")}/api/v1/feeds/${encodeURIComponent(prisonId)}/ws`;
    const ws = new WebSocket(url, { handshakeTimeout: this.opts.timeoutMs ?? 10_000 });
    const waiting = new Map<number, (out: SendOutcome) => void>();
    const opened = new Promise<boolean>((resolve) => {
      ws.once("open", () => resolve(true));
      ws.once("close", () => resolve(false));
    });
    const conn: Conn = { ws, opened, waiting };
    ws.on("message", (data) => {
      let r: Reply;
      try {
        r = JSON.parse(String(data)) as Reply;
      } catch {
        return;
      }
      const done = typeof r.ref === "number" ? waiting.get(r.ref) : undefined;
      if (done === undefined) return;
      waiting.delete(r.ref as number);
      done(replyOutcome(r));
    });
    // An upgrade refused (a platform without the WebSocket), a reset, a close: unanswered = retry.
    ws.on("error", () => this.drop(prisonId, conn, "error"));
    ws.on("close", () => this.drop(prisonId, conn, "closed"));
    this.conns.set(prisonId, conn);
    return conn;
  }

  /** Forgets a connection: its unanswered records are `retry`, the socket is torn down. */
  private drop(prisonId: string, conn: Conn, why: string): void {
    if (this.conns.get(prisonId) === conn) this.conns.delete(prisonId);
    for (const done of conn.waiting.values()) done(unreachable(why));
    conn.waiting.clear();
    conn.ws.terminate();
  }
}
