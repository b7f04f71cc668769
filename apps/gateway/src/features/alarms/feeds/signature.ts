// Feed request signing: X-Feed-Timestamp (unix ms) + X-Feed-Signature: sha256=<hex HMAC-SHA256(key,
// timestamp + "." + raw body)>, accepted within ±5 min of the gateway clock. Pure apart from
// node:crypto: the clock comes in as `now`, failures come out as data (code `bad_signature`, a message
// that says what to fix). Never parses the body: the signature covers the exact bytes received.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ApiError, Result } from "@cw/protocol";

export const TIMESTAMP_HEADER = "x-feed-timestamp";
export const SIGNATURE_HEADER = "x-feed-signature";
export const FEED_WINDOW_MS = 300_000;

/** A header as node:http gives it: absent, once, or repeated. */
export type HeaderValue = string | string[] | undefined | null;

export interface VerifyFeedInput {
  key: string;
  timestamp: HeaderValue;
  signature: HeaderValue;
  rawBody: string | Uint8Array;
  now: number;
  windowMs?: number;
}

/** The verified request's timestamp (unix ms), which the replay cache needs. */
export interface VerifiedFeed {
  timestamp: number;
}

const SIGNATURE_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;
// Unix ms are 13 digits until 2286; allowing 1..16 keeps junk (and float/exponent forms) out.
const TIMESTAMP_FORMAT = /^\d{1,16}$/;

function fail(message: string, field: string): Result<VerifiedFeed> {
  const error: ApiError = { code: "bad_signature", message, field };
  return { ok: false, error };
}

/** hex HMAC-SHA256(key, timestamp + "." + rawBody); the key is used as its UTF-8 text. */
function mac(key: string, timestamp: string, rawBody: string | Uint8Array): Buffer {
  return createHmac("sha256", key).update(`${timestamp}.`).update(rawBody).digest();
}

/** The X-Feed-Signature value for a request (simulator, tests, the docs' examples). */
export function signFeed(key: string, timestamp: number | string, rawBody: string | Uint8Array): string {
  return `sha256=${mac(key, String(timestamp), rawBody).toString("hex")}`;
}

/** The headers of a signed feed request (the simulator, the uplink): JSON, timestamp, signature. */
export function signedFeedHeaders(key: string, timestamp: string, rawBody: string): Record<string, string> {
  return {
    "content-type": "application/json",
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: signFeed(key, timestamp, rawBody),
  };
}

/** A demo prison's feed key: hex HMAC-SHA256(DEMO_FEED_SECRET, prisonId). */
export function demoFeedKey(secret: string, prisonId: string): string {
  const cacheKey = `${secret}\u0000${prisonId}`;
  let key = demoKeys.get(cacheKey);
  if (key === undefined) {
    key = createHmac("sha256", secret).update(prisonId).digest("hex");
    // Bounded: ids come from requests (the prison is checked after the key), so never let it grow without end.
    if (demoKeys.size >= 4096) demoKeys.clear();
    demoKeys.set(cacheKey, key);
  }
  return key;
}

/** Derived demo keys by secret and prison: one HMAC per prison, not one per feed request (~1 % CPU at 1000/s). */
const demoKeys = new Map<string, string>();

function single(value: HeaderValue, name: string): { ok: true; value: string } | { ok: false; why: string } {
  if (value === undefined || value === null || value === "") return { ok: false, why: `${name} header is missing` };
  if (Array.isArray(value)) {
    if (value.length !== 1) return { ok: false, why: `${name} header is sent ${value.length} times; send it once` };
    return single(value[0], name);
  }
  return { ok: true, value: value.trim() };
}

function describeSkew(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const text = s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
  return ms > 0 ? `${text} ahead of` : `${text} behind`;
}

export function verifyFeedSignature(input: VerifyFeedInput): Result<VerifiedFeed> {
  const windowMs = input.windowMs ?? FEED_WINDOW_MS;
  const ts = single(input.timestamp, "X-Feed-Timestamp");
  if (!ts.ok) return fail(ts.why, "X-Feed-Timestamp");
  if (!TIMESTAMP_FORMAT.test(ts.value)) {
    return fail(
      `X-Feed-Timestamp is not a number of unix milliseconds: "${ts.value.slice(0, 40)}"`,
      "X-Feed-Timestamp",
    );
  }
  const timestamp = Number(ts.value);
  if (timestamp < 1e11) {
    return fail(
      `X-Feed-Timestamp ${ts.value} looks like unix seconds; send milliseconds (${ts.value}000)`,
      "X-Feed-Timestamp",
    );
  }
  const skew = timestamp - input.now;
  if (Math.abs(skew) > windowMs) {
    return fail(
      `X-Feed-Timestamp is ${describeSkew(skew)} the gateway clock; the window is ±${windowMs / 60_000} min ` +
        "(check the sender's clock (NTP), and sign every request afresh)",
      "X-Feed-Timestamp",
    );
  }
  const sig = single(input.signature, "X-Feed-Signature");
  if (!sig.ok) return fail(sig.why, "X-Feed-Signature");
  const hex = SIGNATURE_FORMAT.exec(sig.value)?.[1];
  if (hex === undefined) {
    return fail("X-Feed-Signature must be sha256=<64 hex digits>", "X-Feed-Signature");
  }
  const expected = mac(input.key, ts.value, input.rawBody);
  // Both are 32 bytes here (the format check), so timingSafeEqual cannot throw on a length mismatch.
  if (!timingSafeEqual(expected, Buffer.from(hex, "hex"))) {
    return fail(
      'X-Feed-Signature does not match: sign X-Feed-Timestamp + "." + the exact body bytes with this prison\'s key',
      "X-Feed-Signature",
    );
  }
  return { ok: true, value: { timestamp } };
}
