// Byte ranges as hls.js asks for them, and what the file route answers: table-driven, then a property —
// any answered range lies inside the file.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRange } from "../../src/recording/range";

describe("Range header", () => {
  it.each([
    [undefined, 1000, null],
    ["bytes=0-99", 1000, { start: 0, end: 99 }],
    ["bytes=900-", 1000, { start: 900, end: 999 }],
    ["bytes=900-5000", 1000, { start: 900, end: 999 }],
    ["bytes=-100", 1000, { start: 900, end: 999 }],
    ["bytes=-5000", 1000, { start: 0, end: 999 }],
    ["bytes=1000-", 1000, "unsatisfiable"],
    ["bytes=5-4", 1000, "unsatisfiable"],
    ["bytes=-0", 1000, "unsatisfiable"],
    ["bytes=0-1,5-6", 1000, null],
    ["items=0-1", 1000, null],
    ["bytes=-", 1000, null],
  ] as const)("%s of %i bytes → %j", (h, size, want) => {
    expect(parseRange(h, size)).toEqual(want);
  });

  it("an answered range always lies inside the file (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(10_000), (h, size) => {
        const r = parseRange(`bytes=${h}`, size);
        if (r && r !== "unsatisfiable") {
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThan(size);
          expect(r.start).toBeLessThanOrEqual(r.end);
        }
      }),
    );
  });
});
