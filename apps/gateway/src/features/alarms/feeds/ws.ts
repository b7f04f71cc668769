// The feed over a WebSocket (/api/v1/feeds/{prisonId}/ws), for prison systems that keep a connection
// open: one frame per alarm or roll call, each signed exactly like the HTTP request, each answered by
// one reply frame that echoes the client's `ref`. This module is the pure per-frame handler; the
// gateway owns the socket, looks up the prison and its key at upgrade, and passes `accept` (the same
// decide + append path as the HTTP routes). Never throws: every failure is a reply frame.
import type { ApiError } from "@cw/protocol";
import { z } from "zod";
import type { ReplayCache } from "./replay";
import { verifyFeedSignature } from "./signature";

export type FeedKind = "alarm" | "rollcall";

export type AcceptResult = { ok: true; id: string; duplicate: boolean } | { ok: false; error: ApiError };

export interface FeedFrameContext {
  prisonId: string;
  key: string;
  now: number;
  /** Validates and records the body (the HTTP route's path after the signature check). */
  accept(kind: FeedKind, prisonId: string, body: unknown): Promise<AcceptResult>;
  /** Shared with the HTTP routes, so a request captured on one cannot be replayed on the other. */
  replay?: ReplayCache;
  /** Largest frame accepted, in UTF-8 bytes (the HTTP body limit; default 1 MiB). */
  maxBytes?: number;
  windowMs?: number;
}

type Ref = string | number;

export type FeedFrameReply =
  | { ref?: Ref; ok: true; id: string; duplicate: boolean }
  | { ref?: Ref; ok: false; code: ApiError["code"]; message: string; field?: string };

const zRef = z.union([z.string().max(128), z.number().finite()]);

export const zFeedFrame = z
  .object({
    type: z.enum(["alarm", "rollcall"]),
    /** Unix ms as digits (or a JSON integer): signed as its decimal text, like X-Feed-Timestamp. */
    timestamp: z.union([z.string().max(32), z.number().int().nonnegative()]),
    signature: z.string().max(200),
    /** The raw JSON body as a string: the signature covers these exact characters. */
    body: z.string(),
    ref: zRef.optional(),
  })
  .strict();
export type FeedFrame = z.infer<typeof zFeedFrame>;

const DEFAULT_MAX_BYTES = 1024 * 1024;

function failure(ref: Ref | undefined, error: ApiError): FeedFrameReply {
  const base = { ok: false as const, code: error.code, message: error.message };
  const withField = error.field === undefined ? base : { ...base, field: error.field };
  return ref === undefined ? withField : { ref, ...withField };
}

/** Best effort: the ref of a frame that failed validation, so the client can still match the reply. */
function refOf(parsed: unknown): Ref | undefined {
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const r = zRef.safeParse((parsed as { ref?: unknown }).ref);
  return r.success ? r.data : undefined;
}

export async function handleFeedFrame(frame: string, ctx: FeedFrameContext): Promise<FeedFrameReply> {
  const maxBytes = ctx.maxBytes ?? DEFAULT_MAX_BYTES;
  if (Buffer.byteLength(frame, "utf8") > maxBytes) {
    return failure(undefined, { code: "too_large", message: `a feed frame is at most ${maxBytes} bytes` });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    return failure(undefined, { code: "invalid_json", message: "the frame is not valid JSON" });
  }
  const ref = refOf(parsed);
  const checked = zFeedFrame.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join(".") : "frame";
    const message = `${field}: ${issue?.message ?? "invalid"} (a frame is {type, timestamp, signature, body, ref?})`;
    return failure(ref, { code: "bad_request", message, field });
  }
  const f = checked.data;
  const verified = verifyFeedSignature({
    key: ctx.key,
    timestamp: String(f.timestamp),
    signature: f.signature,
    rawBody: f.body,
    now: ctx.now,
    ...(ctx.windowMs === undefined ? {} : { windowMs: ctx.windowMs }),
  });
  if (!verified.ok) return failure(ref, verified.error);
  const replay = ctx.replay?.claim(ctx.prisonId, f.signature, verified.value.timestamp, ctx.now) ?? null;
  if (replay !== null) return failure(ref, replay);

  let body: unknown;
  try {
    body = JSON.parse(f.body);
  } catch {
    return failure(ref, { code: "invalid_json", message: "body is not valid JSON", field: "body" });
  }
  let result: AcceptResult;
  try {
    result = await ctx.accept(f.type, ctx.prisonId, body);
  } catch {
    return failure(ref, { code: "unavailable", message: "the gateway could not record this: send it again" });
  }
  if (!result.ok) return failure(ref, result.error);
  const ok = { ok: true as const, id: result.id, duplicate: result.duplicate };
  return ref === undefined ? ok : { ref, ...ok };
}
