// Test helpers: signed feed requests exactly as a prison system sends them (demo keys), and bodies.
import { demoFeedKey, signFeed } from "../../src/features/alarms/feeds/signature";

export const demoKey = (prisonId: string, secret = "demo") => demoFeedKey(secret, prisonId);

export interface SignedOptions {
  key?: string;
  timestamp?: number | string;
  /** Override the signature header (null = leave it out). */
  signature?: string | null;
  contentType?: string;
}

/** POSTs raw text to /api/v1/feeds/{prisonId}/{kind}, signed unless told otherwise. */
export async function postFeed(
  baseUrl: string,
  prisonId: string,
  kind: "alarms" | "rollcalls",
  raw: string | Buffer,
  opts: SignedOptions = {},
): Promise<Response> {
  const ts = String(opts.timestamp ?? Date.now());
  const key = opts.key ?? demoKey(prisonId);
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? "application/json",
    "x-feed-timestamp": ts,
  };
  const sig = opts.signature === undefined ? signFeed(key, ts, raw) : opts.signature;
  if (sig !== null) headers["x-feed-signature"] = sig;
  return fetch(`${baseUrl}/api/v1/feeds/${encodeURIComponent(prisonId)}/${kind}`, {
    method: "POST",
    headers,
    body: typeof raw === "string" ? raw : new Uint8Array(raw),
  });
}

export function alarmBody(sourceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sourceId, type: "fighting", severity: 2, occurredAt: Date.now() - 1000, ...extra };
}

/** A tiny but valid JPEG-looking base64 (starts with FF D8 FF). */
export const jpegBase64 = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9,
]).toString("base64");
