// The replay cache: a (prison, signature) pair is refused while its timestamp is inside the window,
// forgotten afterwards, and memory stays bounded however many requests arrive.
import { describe, expect, it } from "vitest";
import { ReplayCache } from "../../src/features/alarms/feeds/replay";

const W = 300_000;
const t0 = 1_750_000_000_000;

describe("ReplayCache", () => {
  it("refuses the same signature from the same prison within the window", () => {
    const c = new ReplayCache();
    expect(c.claim("p01", "sha256=aa", t0, t0)).toBeNull();
    const again = c.claim("p01", "sha256=AA", t0, t0 + 1_000);
    expect(again?.code).toBe("bad_signature");
    expect(again?.message).toMatch(/replay/);
  });

  it.each([
    ["another prison", "p02", "sha256=aa"],
    ["another signature", "p01", "sha256=bb"],
  ])("accepts %s", (_n, prison, sig) => {
    const c = new ReplayCache();
    c.claim("p01", "sha256=aa", t0, t0);
    expect(c.claim(prison, sig, t0, t0)).toBeNull();
  });

  it("keeps a future-dated entry until its own timestamp leaves the window", () => {
    const c = new ReplayCache({ windowMs: W });
    c.claim("p01", "s", t0 + W, t0); // signed 5 min ahead: valid until t0 + 2W
    expect(c.claim("p01", "s", t0 + W, t0 + 2 * W - 1)).not.toBeNull();
  });

  it("forgets entries once their timestamp is outside the window", () => {
    const c = new ReplayCache({ windowMs: W });
    for (let i = 0; i < 1_000; i++) c.claim("p01", `s${i}`, t0, t0);
    expect(c.size).toBe(1_000);
    c.claim("p01", "late", t0 + W + 1, t0 + W + 1);
    expect(c.size).toBe(1);
  });

  it("never holds more than maxEntries, dropping the oldest", () => {
    const c = new ReplayCache({ windowMs: W, maxEntries: 100 });
    for (let i = 0; i < 1_000; i++) c.claim("p01", `s${i}`, t0, t0);
    expect(c.size).toBe(100);
    expect(c.claim("p01", "s999", t0, t0)).not.toBeNull();
    expect(c.claim("p01", "s0", t0, t0)).toBeNull();
  });
});
