// The WebSocket feed frame handler: one reply per frame, the client's ref echoed, every failure as data
// (never a throw), and the replay cache shared with HTTP refusing a frame sent twice.
import { describe, expect, it } from "vitest";
import { ReplayCache } from "../../src/features/alarms/feeds/replay";
import { demoFeedKey, signFeed } from "../../src/features/alarms/feeds/signature";
import { type AcceptResult, type FeedFrameContext, handleFeedFrame } from "../../src/features/alarms/feeds/ws";

const key = demoFeedKey("demo", "p01");
const now = 1_750_000_000_000;
const body = JSON.stringify({ sourceId: "p01-1", type: "fighting", severity: 2, occurredAt: now });

function frame(over: Record<string, unknown> = {}, b = body, ts = now): string {
  return JSON.stringify({
    type: "alarm",
    timestamp: String(ts),
    signature: signFeed(key, ts, b),
    body: b,
    ref: 7,
    ...over,
  });
}

function ctx(accept?: FeedFrameContext["accept"]) {
  const calls: Array<[string, string, unknown]> = [];
  const c: FeedFrameContext = {
    prisonId: "p01",
    key,
    now,
    replay: new ReplayCache(),
    maxBytes: 4096,
    accept:
      accept ??
      (async (kind, prisonId, b): Promise<AcceptResult> => {
        calls.push([kind, prisonId, b]);
        return { ok: true, id: "A1", duplicate: false };
      }),
  };
  return { c, calls };
}

describe("handleFeedFrame", () => {
  it("accepts a signed frame, passes the parsed body, echoes ref", async () => {
    const { c, calls } = ctx();
    expect(await handleFeedFrame(frame(), c)).toEqual({ ref: 7, ok: true, id: "A1", duplicate: false });
    expect(calls).toEqual([["alarm", "p01", JSON.parse(body)]]);
  });

  it("takes a numeric timestamp and a rollcall frame without ref", async () => {
    const { c, calls } = ctx();
    const f = JSON.stringify({ type: "rollcall", timestamp: now, signature: signFeed(key, now, "{}"), body: "{}" });
    expect(await handleFeedFrame(f, c)).toEqual({ ok: true, id: "A1", duplicate: false });
    expect(calls[0]?.[0]).toBe("rollcall");
  });

  it.each([
    ["not JSON", "{nope", { code: "invalid_json" }],
    ["too large", frame({ pad: "x".repeat(5000) }), { code: "too_large" }],
    ["unknown type", frame({ type: "order" }), { ref: 7, code: "bad_request", field: "type" }],
    ["extra field", frame({ extra: 1 }), { ref: 7, code: "bad_request" }],
    ["missing body", frame({ body: undefined }), { ref: 7, code: "bad_request", field: "body" }],
    [
      "bad signature",
      frame({ signature: `sha256=${"0".repeat(64)}` }),
      { ref: 7, code: "bad_signature", field: "X-Feed-Signature" },
    ],
    ["stale", frame({}, body, now - 400_000), { ref: 7, code: "bad_signature", field: "X-Feed-Timestamp" }],
    ["body not JSON", frame({}, "{oops"), { ref: 7, code: "invalid_json", field: "body" }],
  ])("answers %s with an error frame", async (_n, f, expected) => {
    const { c, calls } = ctx();
    const reply = await handleFeedFrame(f, c);
    expect(reply).toMatchObject({ ok: false, ...expected });
    expect(calls).toEqual([]);
  });

  it("refuses the same signed frame twice (replay), accepts it re-signed", async () => {
    const { c, calls } = ctx();
    const f = frame();
    await handleFeedFrame(f, c);
    expect(await handleFeedFrame(f, c)).toMatchObject({ ok: false, code: "bad_signature", ref: 7 });
    expect(await handleFeedFrame(frame({}, body, now + 1), c)).toMatchObject({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it("passes the decider's error through, and turns a throw into unavailable", async () => {
    const rejecting = ctx(async () => ({
      ok: false,
      error: { code: "validation", message: "severity: bad", field: "severity" },
    }));
    expect(await handleFeedFrame(frame(), rejecting.c)).toEqual({
      ref: 7,
      ok: false,
      code: "validation",
      message: "severity: bad",
      field: "severity",
    });
    const throwing = ctx(async () => {
      throw new Error("redis down");
    });
    expect(await handleFeedFrame(frame(), throwing.c)).toMatchObject({ ref: 7, ok: false, code: "unavailable" });
  });
});
