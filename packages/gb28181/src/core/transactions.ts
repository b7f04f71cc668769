// Client transactions of the requests the platform sends (RFC 3261 §17.1, simplified for a platform that
// talks to devices directly): a response is matched by the top Via branch; over UDP the request is sent
// again at 0.5, 1, 2, 4 s until a response arrives (lost datagrams are common on prison networks); after
// `timeoutMs` with no final response the transaction ends as timed out. Pure: the tick's `now` decides.
import type { SipRequest, SipResponse } from "../sip/message";
import type { Endpoint, Outgoing } from "./types";

export interface OutRequest {
  to: Endpoint;
  msg: SipRequest;
}

export interface Pending<T> {
  tag: T;
  out: OutRequest;
  sentAt: number;
  nextResendAt: number;
  interval: number;
  timeoutAt: number;
  provisional: boolean;
}

export type Settled<T> = { tag: T; req: SipRequest; res: SipResponse | null };

export class Transactions<T> {
  private readonly pending = new Map<string, Pending<T>>();

  start(branch: string, out: OutRequest, tag: T, now: number, timeoutMs: number): void {
    this.pending.set(branch, {
      tag,
      out,
      sentAt: now,
      nextResendAt: now + 500,
      interval: 500,
      timeoutAt: now + timeoutMs,
      provisional: false,
    });
  }

  /** A response for `branch`: final ones end the transaction. */
  respond(branch: string, res: SipResponse): Settled<T> | "provisional" | null {
    const p = this.pending.get(branch);
    if (!p) return null;
    if (res.status < 200) {
      p.provisional = true;
      return "provisional";
    }
    this.pending.delete(branch);
    return { tag: p.tag, req: p.out.msg, res };
  }

  cancel(branch: string): void {
    this.pending.delete(branch);
  }

  /** Retransmissions due over UDP and transactions that timed out. */
  tick(now: number): { resend: Outgoing[]; timedOut: Settled<T>[] } {
    const resend: Outgoing[] = [];
    const timedOut: Settled<T>[] = [];
    for (const [branch, p] of this.pending) {
      if (now >= p.timeoutAt) {
        this.pending.delete(branch);
        timedOut.push({ tag: p.tag, req: p.out.msg, res: null });
        continue;
      }
      if (p.out.to.transport === "udp" && !p.provisional && now >= p.nextResendAt) {
        resend.push(p.out);
        p.interval = Math.min(p.interval * 2, 4000);
        p.nextResendAt = now + p.interval;
      }
    }
    return { resend, timedOut };
  }

  get size(): number {
    return this.pending.size;
  }
}
