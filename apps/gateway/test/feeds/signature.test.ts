// Feed signatures: a table of every way a request can be wrong, each with the message that says how to
// fix it; a property that any body signed with signFeed verifies and any changed byte does not; and the
// documented recipe as a fixed vector (docs/api/feeds.md shows the same numbers).
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demoFeedKey, signFeed, verifyFeedSignature } from "../../src/features/alarms/feeds/signature";

const key = demoFeedKey("demo", "p01");
const now = 1_750_000_000_000;
const body = '{"sourceId":"a-1","type":"fighting","severity":2,"occurredAt":1750000000000}';
const ts = String(now - 1_000);
const good = signFeed(key, ts, body);

describe("verifyFeedSignature", () => {
  it("accepts a correctly signed request and returns its timestamp", () => {
    expect(verifyFeedSignature({ key, timestamp: ts, signature: good, rawBody: body, now })).toEqual({
      ok: true,
      value: { timestamp: now - 1_000 },
    });
  });

  it("accepts upper-case hex, a Buffer body and a header given once as an array", () => {
    const upper = `sha256=${good.slice(7).toUpperCase()}`;
    const r = verifyFeedSignature({ key, timestamp: [ts], signature: upper, rawBody: Buffer.from(body), now });
    expect(r.ok).toBe(true);
  });

  const cases: Array<[string, Partial<Parameters<typeof verifyFeedSignature>[0]>, RegExp, string]> = [
    ["missing timestamp", { timestamp: undefined }, /X-Feed-Timestamp header is missing/, "X-Feed-Timestamp"],
    ["empty timestamp", { timestamp: "" }, /X-Feed-Timestamp header is missing/, "X-Feed-Timestamp"],
    ["repeated timestamp", { timestamp: [ts, ts] }, /sent 2 times/, "X-Feed-Timestamp"],
    ["timestamp not a number", { timestamp: "yesterday" }, /not a number of unix milliseconds/, "X-Feed-Timestamp"],
    ["timestamp float", { timestamp: "1750000000000.5" }, /not a number of unix milliseconds/, "X-Feed-Timestamp"],
    [
      "timestamp in seconds",
      { timestamp: "1750000000" },
      /looks like unix seconds; send milliseconds/,
      "X-Feed-Timestamp",
    ],
    [
      "6 min old",
      { timestamp: String(now - 372_000) },
      /6 min 12 s behind the gateway clock; the window is ±5 min/,
      "X-Feed-Timestamp",
    ],
    ["10 min ahead", { timestamp: String(now + 600_000) }, /10 min 0 s ahead of the gateway clock/, "X-Feed-Timestamp"],
    ["missing signature", { signature: undefined }, /X-Feed-Signature header is missing/, "X-Feed-Signature"],
    ["no sha256= prefix", { signature: good.slice(7) }, /must be sha256=<64 hex digits>/, "X-Feed-Signature"],
    ["short hex", { signature: good.slice(0, 40) }, /must be sha256=<64 hex digits>/, "X-Feed-Signature"],
    ["other key", { key: demoFeedKey("demo", "p02") }, /does not match/, "X-Feed-Signature"],
    ["changed body", { rawBody: body.replace("2", "1") }, /does not match/, "X-Feed-Signature"],
    ["other timestamp, same signature", { timestamp: String(now) }, /does not match/, "X-Feed-Signature"],
  ];
  it.each(cases)("refuses %s", (_name, change, message, field) => {
    const r = verifyFeedSignature({ key, timestamp: ts, signature: good, rawBody: body, now, ...change });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("bad_signature");
    expect(r.error.message).toMatch(message);
    expect(r.error.field).toBe(field);
  });

  it("accepts exactly the window's edge, not one ms beyond", () => {
    const at = (t: number) =>
      verifyFeedSignature({ key, timestamp: String(t), signature: signFeed(key, t, body), rawBody: body, now }).ok;
    expect(at(now - 300_000)).toBe(true);
    expect(at(now + 300_000)).toBe(true);
    expect(at(now - 300_001)).toBe(false);
    expect(at(now + 300_001)).toBe(false);
  });

  it("verifies whatever signFeed signs, and nothing with one byte changed (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 32, maxLength: 64 }),
        fc.string({ maxLength: 300 }),
        fc.nat(300_000),
        fc.nat(),
        (k, b, back, pos) => {
          const t = String(now - back);
          const sig = signFeed(k, t, b);
          expect(verifyFeedSignature({ key: k, timestamp: t, signature: sig, rawBody: b, now }).ok).toBe(true);
          const bytes = Buffer.from(b);
          if (bytes.length === 0) return;
          bytes[pos % bytes.length] = ((bytes[pos % bytes.length] ?? 0) + 1) % 256;
          expect(verifyFeedSignature({ key: k, timestamp: t, signature: sig, rawBody: bytes, now }).ok).toBe(false);
        },
      ),
    );
  });
});

describe("keys and the recipe", () => {
  it("derives demo keys as hex HMAC-SHA256(secret, prisonId)", () => {
    expect(demoFeedKey("demo", "p01")).toBe(createHmac("sha256", "demo").update("p01").digest("hex"));
    expect(demoFeedKey("demo", "p01")).toMatch(/^[0-9a-f]{64}$/);
    expect(demoFeedKey("other", "p01")).not.toBe(demoFeedKey("demo", "p01"));
  });

  it("matches the test vector printed in docs/api/feeds.md", () => {
    const k = demoFeedKey("demo", "pj");
    expect(k).toBe("e5ba557ece768f3f44c971307c1c2e4a3489b23f6afba4ca440c0454252c1d17");
    expect(signFeed(k, "1750000000000", '{"a":1}')).toBe(
      "sha256=f33a91be5a733e796a91b0273b0f2a72683a34274f3e8a6568ece7801b7e393c",
    );
  });

  it("signs timestamp + '.' + body with the key's text", () => {
    const k = demoFeedKey("demo", "p01");
    const expected = createHmac("sha256", k).update('1750000000000.{"a":1}').digest("hex");
    expect(signFeed(k, 1_750_000_000_000, '{"a":1}')).toBe(`sha256=${expected}`);
  });
});
