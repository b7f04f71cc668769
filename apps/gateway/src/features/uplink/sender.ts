// One forwarded record → one signed POST to the bureau's feeds API, exactly as a prison system sends it
// (docs/api/feeds.md): X-Feed-Timestamp + X-Feed-Signature over the exact body bytes, signed afresh on
// every attempt (the bureau refuses a replayed signature). Classifies the answer for the forwarder:
// accepted (new or duplicate), retry (the link or the bureau is not there, or not ready: network error,
// timeout, 5xx, 429, 408, and 401/404 — a key or catalogue the bureau's operators must fix, after which
// the record must still arrive), or refused (the bureau will never take this body as it is, nor a handling
// of an alarm it does not have: 404 on `sourceId`). Never throws.
import type { ApiError } from "@cw/protocol";
import { signedFeedHeaders } from "../alarms/feeds/signature";
import type { UplinkItem } from "./items";

export type SendOutcome =
  | { kind: "accepted"; id: string; duplicate: boolean }
  | { kind: "retry"; status: number; error: ApiError }
  | { kind: "refused"; status: number; error: ApiError };

export interface SenderOptions {
  upperUrl: string;
  /** This prison's feed key at the bureau; only ever used to sign. */
  key: string;
  now: () => number;
  /** The JPEG bytes of a snapshot reference (the edge's snapshot store), or null. */
  snapshot(ref: string): Promise<Buffer | null>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const retryStatuses = new Set([401, 404, 408, 425, 429]);

function apiError(answer: unknown, status: number): ApiError {
  const a = (typeof answer === "object" && answer !== null ? answer : {}) as Record<string, unknown>;
  const code = typeof a.code === "string" ? a.code : status === 0 ? "unavailable" : "http";
  const message = typeof a.message === "string" ? a.message : `HTTP ${status}`;
  const error = { code, message } as ApiError;
  return typeof a.field === "string" ? { ...error, field: a.field } : error;
}

/** The exact body text of a record (the signature covers these characters), with its picture if asked. */
export async function feedBody(
  item: UplinkItem,
  withSnapshot: boolean,
  snapshot: (ref: string) => Promise<Buffer | null>,
): Promise<string> {
  const body = { ...item.body };
  if (withSnapshot && item.snapshotRef !== null) {
    const jpeg = await snapshot(item.snapshotRef).catch(() => null);
    if (jpeg !== null) body.snapshot = jpeg.toString("base64");
  }
  return JSON.stringify(body);
}

/** A bureau's refusal as the forwarder acts on it: retry later, or refused as the record stands. */
export function classify(status: number, error: ApiError): SendOutcome {
  // An alarm the bureau does not have (its raise was refused for good): its handling never will be taken.
  if (status === 404 && error.field === "sourceId") return { kind: "refused", status, error };
  if (status === 0 || status >= 500 || retryStatuses.has(status)) return { kind: "retry", status, error };
  return { kind: "refused", status, error };
}

export class FeedSender {
  constructor(private readonly opts: SenderOptions) {}

  /** Sends one record; `withSnapshot: false` leaves the picture out (a bureau that refused its size). */
  async send(item: UplinkItem, signal: AbortSignal, withSnapshot = true): Promise<SendOutcome> {
    const raw = await feedBody(item, withSnapshot, this.opts.snapshot);
    const ts = String(this.opts.now());
    const url = `${this.opts.upperUrl}/api/v1/feeds/${encodeURIComponent(item.prisonId)}/${item.path}`;
    let status = 0;
    let answer: unknown = null;
    try {
      const res = await (this.opts.fetch ?? fetch)(url, {
        method: "POST",
        headers: signedFeedHeaders(this.opts.key, ts, raw),
        body: raw,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.opts.timeoutMs ?? 10_000)]),
      });
      status = res.status;
      answer = await res.json().catch(() => null);
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      return { kind: "retry", status: 0, error: { code: "unavailable", message: `bureau unreachable (${message})` } };
    }
    if (status === 202 || status === 200) {
      const a = answer as { id?: unknown; duplicate?: unknown } | null;
      return { kind: "accepted", id: String(a?.id ?? ""), duplicate: a?.duplicate === true };
    }
    return classify(status, apiError(answer, status));
  }
}
