// HLS token signing/reading and the HLS file-name and query parsers (tables + properties).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readToken, signToken, TokenUse } from "../../src/auth/hlsToken";
import { hashPassword, parseHash, verifyPassword } from "../../src/auth/password";
import { parseHlsFile, parsePlaylistQuery } from "../../src/features/streams/hlsFiles";

const secret = Buffer.alloc(32, 7);

describe("HLS tokens", () => {
  it("round-trips any claims and rejects any single-character change (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          s: fc.stringMatching(/^[0-9a-f]{16}$/),
          c: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
          v: fc.constantFrom("main" as const, "sub" as const),
          e: fc.integer({ min: 0, max: 2 ** 32 }),
          n: fc.stringMatching(/^[A-Za-z0-9_-]{0,8}$/),
        }),
        fc.nat(),
        (claims, at) => {
          const token = signToken(secret, claims);
          expect(readToken(secret, token)).toEqual(claims);
          const i = at % token.length;
          const flipped = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
          if (flipped !== token) expect(readToken(secret, flipped)).toBeNull();
          expect(readToken(Buffer.alloc(32, 8), token)).toBeNull();
        },
      ),
    );
  });

  it("slides while used and dies after a TTL idle", () => {
    let now = 0;
    const use = new TokenUse(10_000, () => now);
    const claims = { s: "x", c: "c", v: "main" as const, e: 10, n: "" };
    expect(use.alive("k", claims)).toBe(true);
    now = 5_000;
    expect(use.touch("k", claims, true)).toBe(true); // first playlist request: a view starts
    expect(use.touch("k", claims, true)).toBe(false); // a reload is not a new view
    now = 14_000; // past e, but used 9 s ago
    expect(use.alive("k", claims)).toBe(true);
    use.touch("k", claims, false);
    now = 23_000;
    expect(use.alive("k", claims)).toBe(true);
    now = 24_001; // idle for more than the TTL
    expect(use.alive("k", claims)).toBe(false);
    expect(use.alive("never-used", claims)).toBe(false);
    use.sweep();
    expect(use.size).toBe(0);
    use.close();
  });
});

describe("HLS file names", () => {
  it.each([
    ["index.m3u8", { kind: "playlist" }],
    ["init.mp4", { kind: "init" }],
    ["init-3.mp4", { kind: "init", version: 3 }],
    ["s0.m4s", { kind: "segment", msn: 0 }],
    ["s4294967296.m4s", { kind: "segment", msn: 2 ** 32 }],
    ["p12.3.m4s", { kind: "part", msn: 12, part: 3 }],
    ["s4294967297.m4s", null],
    ["p1.m4s", null],
    ["s-1.m4s", null],
    ["../index.m3u8", null],
    ["index.m3u8.bak", null],
    ["", null],
  ])("%s → %j", (name, expected) => {
    expect(parseHlsFile(name)).toEqual(expected);
  });

  it("never throws and accepts only what it can format back (property)", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const f = parseHlsFile(name);
        if (f?.kind === "segment") expect(name).toBe(`s${f.msn}.m4s`);
        if (f?.kind === "part") expect(name).toBe(`p${f.msn}.${f.part}.m4s`);
      }),
    );
  });

  it.each([
    [{}, { ok: true, value: { msn: undefined, part: undefined, skip: false } }],
    [
      { _HLS_msn: "5", _HLS_part: "2", _HLS_skip: "v2" },
      { ok: true, value: { msn: 5, part: 2, skip: true } },
    ],
    [{ _HLS_msn: "5.5" }, "_HLS_msn"],
    [{ _HLS_msn: ["1", "2"] }, "_HLS_msn"],
    [{ _HLS_part: "1" }, "_HLS_part"],
    [{ _HLS_skip: "no" }, "_HLS_skip"],
  ])("query %j", (q, expected) => {
    const r = parsePlaylistQuery(q);
    if (typeof expected === "string") expect(!r.ok && r.error.field).toBe(expected);
    else expect(r).toEqual(expected);
  });
});

describe("passwords", () => {
  it("hashes with scrypt and verifies in constant time", async () => {
    const h = await hashPassword("秘密 password");
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(parseHash(h)?.cost).toEqual({ N: 16384, r: 8, p: 1 });
    expect(await verifyPassword("秘密 password", h)).toBe(true);
    expect(await verifyPassword("secret", h)).toBe(false);
    expect(await verifyPassword("x", "plain")).toBe(false);
    expect(await verifyPassword("x", "scrypt$3$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")).toBe(false);
  });
});
