import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromHex, hmacSha256Hex, sha256Hex, toHex, utf8 } from "../../src/index";

const bytes = (n: number, b: number) => new Uint8Array(n).fill(b);

describe("sha256 (FIPS 180-4 vectors)", () => {
  it.each([
    ["empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "448-bit",
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
    ["1,000,000 × a", "a".repeat(1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"],
  ])("%s", (_name, input, hex) => {
    expect(sha256Hex(input)).toBe(hex);
  });

  it("agrees with node:crypto at every padding boundary and on random bytes", () => {
    for (let n = 0; n <= 130; n++) {
      const m = bytes(n, n & 255);
      expect(sha256Hex(m)).toBe(createHash("sha256").update(m).digest("hex"));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (m) => {
        expect(sha256Hex(m)).toBe(createHash("sha256").update(m).digest("hex"));
      }),
    );
  });
});

describe("hmacSha256 (RFC 4231)", () => {
  const seq = Uint8Array.from({ length: 25 }, (_, i) => i + 1);
  it.each([
    ["case 1", bytes(20, 0x0b), utf8("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"],
    [
      "case 2",
      utf8("Jefe"),
      utf8("what do ya want for nothing?"),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ],
    ["case 3", bytes(20, 0xaa), bytes(50, 0xdd), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"],
    ["case 4", seq, bytes(50, 0xcd), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"],
    [
      "case 6",
      bytes(131, 0xaa),
      utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
    [
      "case 7",
      bytes(131, 0xaa),
      utf8(
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
      ),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ],
  ])("%s", (_name, key, msg, hex) => {
    expect(hmacSha256Hex(key, msg)).toBe(hex);
  });

  it("case 5 (truncated to 128 bits)", () => {
    expect(hmacSha256Hex(bytes(20, 0x0c), "Test With Truncation").slice(0, 32)).toBe(
      "a3b6167473100ee06e0c796c2955552b",
    );
  });

  it("agrees with node:crypto on random keys and messages", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), (k, m) => {
        expect(hmacSha256Hex(k, m)).toBe(createHmac("sha256", k).update(m).digest("hex"));
      }),
    );
  });
});

describe("bytes", () => {
  it("utf8 matches TextEncoder (including astral and lone surrogates)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(toHex(utf8(s))).toBe(toHex(new TextEncoder().encode(s)));
      }),
    );
  });
  it("hex round-trips and rejects what is not lowercase even-length hex", () => {
    fc.assert(
      fc.property(fc.uint8Array(), (b) => {
        expect([...(fromHex(toHex(b)) ?? [-1])]).toEqual([...b]);
      }),
    );
    for (const bad of ["0", "AB", "zz", "0g"]) expect(fromHex(bad)).toBeNull();
  });
});
