// Feed keys: explicit per-prison keys win (and then the demo key of that prison is NOT accepted),
// the demo derivation covers the rest unless demo keys are off, and FEED_KEYS parses with messages.
import { describe, expect, it } from "vitest";
import { feedKeyFor, parseFeedKeysEnv } from "../../src/features/alarms/feeds/keys";
import { demoFeedKey } from "../../src/features/alarms/feeds/signature";

const explicit = "k".repeat(40);

describe("feedKeyFor", () => {
  it.each([
    ["explicit key", { feedKeys: { p01: explicit }, demoFeedSecret: "demo" }, "p01", explicit],
    ["demo fallback", { feedKeys: { p01: explicit }, demoFeedSecret: "demo" }, "p02", demoFeedKey("demo", "p02")],
    ["demo without feedKeys", { demoFeedSecret: "s3cret" }, "p01", demoFeedKey("s3cret", "p01")],
    ["demo off", { feedKeys: { p01: explicit }, demoFeedSecret: null }, "p02", null],
    ["empty demo secret", { demoFeedSecret: "" }, "p01", null],
  ])("%s", (_n, config, prison, key) => {
    expect(feedKeyFor(config, prison)).toBe(key);
  });
});

describe("parseFeedKeysEnv", () => {
  it("parses prisonId=key pairs", () => {
    const k2 = "a".repeat(64);
    expect(parseFeedKeysEnv(` p01=${explicit} , p02=${k2},`)).toEqual({ ok: true, value: { p01: explicit, p02: k2 } });
    expect(parseFeedKeysEnv("")).toEqual({ ok: true, value: {} });
  });

  it.each([
    ["p01", /entry 1 is not prisonId=key/],
    [`bad id!=${explicit}`, /is not a prison id/],
    ["p01=short", /32-256 printable ASCII/],
    [`p01=${explicit},p01=${explicit}`, /listed twice/],
  ])("refuses %s", (text, message) => {
    const r = parseFeedKeysEnv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("validation");
      expect(r.error.message).toMatch(message);
    }
  });
});
