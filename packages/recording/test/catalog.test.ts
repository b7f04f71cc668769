// The in-memory catalogue and the pure span/evidence math: overlap queries, byte totals, spans with gaps
// where the source stopped (file boundaries closer than joinMs are not gaps), and the evidence union.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProtectedSpans } from "../src/retention/protectedSpans";
import { Catalog, type StoredFile, spansOf } from "../src/store/catalog";

const f = (start: number, end: number, bytes = 100): StoredFile => ({ start, end, bytes, sealed: true });

describe("catalog", () => {
  it("keeps files sorted, totals bytes and answers overlap queries", () => {
    const c = new Catalog();
    c.add("a", f(2000, 3000));
    c.add("a", f(0, 1000));
    c.add("a", f(1000, 2000));
    c.add("b", f(0, 5000, 50));
    expect(c.files("a").map((x) => x.start)).toEqual([0, 1000, 2000]);
    expect(c.totalBytes).toBe(350);
    expect(c.overlapping("a", 999, 1001).map((x) => x.start)).toEqual([0, 1000]);
    expect(c.overlapping("a", 1000, 2000).map((x) => x.start)).toEqual([1000]);
    expect(c.overlapping("a", 3000, 9000)).toEqual([]);
    expect(c.remove("a", 1000)?.start).toBe(1000);
    expect(c.remove("a", 1000)).toBeNull();
    expect(c.totalBytes).toBe(250);
    const open = f(3000, 3000, 10);
    c.add("a", open);
    c.grow(open, 3500, 60);
    expect(c.totalBytes).toBe(310);
    expect(c.overlapping("a", 3400, 3600)).toEqual([open]);
  });

  it("overlap queries equal a linear scan (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 40 }),
        fc.nat(20_000),
        fc.nat(5000),
        (lens, from, len) => {
          const c = new Catalog();
          let t = 0;
          const files: StoredFile[] = [];
          for (const [i, l] of lens.entries()) {
            const file = f(t, t + l);
            files.push(file);
            c.add("k", file);
            t += l + (i % 3 === 0 ? 100 : 0);
          }
          const want = files.filter((x) => x.end > from && x.start < from + len);
          expect(c.overlapping("k", from, from + len)).toEqual(want);
        },
      ),
    );
  });
});

describe("spans", () => {
  it("joins files closer than joinMs, keeps real gaps, clips to the window", () => {
    const files = [f(0, 600_000), f(600_100, 1_200_000), f(1_300_000, 1_400_000)];
    expect(spansOf(files, 0, 2_000_000, 2500)).toEqual([
      { from: 0, to: 1_200_000 },
      { from: 1_300_000, to: 1_400_000 },
    ]);
    expect(spansOf(files, 500_000, 1_350_000, 2500)).toEqual([
      { from: 500_000, to: 1_200_000 },
      { from: 1_300_000, to: 1_350_000 },
    ]);
    expect(spansOf([f(0, 0)], 0, 10, 2500)).toEqual([]);
  });
});

describe("evidence spans", () => {
  it("merge into a sorted union and answer overlaps", () => {
    const p = new ProtectedSpans();
    p.add("a", 100, 200);
    p.add("a", 500, 600);
    p.add("a", 150, 520); // bridges both
    p.add("a", 1000, 1000); // empty: ignored
    expect(p.spans("a")).toEqual([{ from: 100, to: 600 }]);
    expect(p.overlaps("a", 0, 100)).toBe(false);
    expect(p.overlaps("a", 0, 101)).toBe(true);
    expect(p.overlaps("a", 600, 700)).toBe(false);
    expect(p.overlaps("a", 599, 700)).toBe(true);
    expect(p.overlaps("b", 0, 1e12)).toBe(false);
  });

  it("overlaps equals checking every added span (property)", () => {
    const span = fc.tuple(fc.nat(10_000), fc.integer({ min: 1, max: 500 }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), fc.array(span, { maxLength: 30 }), (added, queries) => {
        const p = new ProtectedSpans();
        for (const [a, l] of added) p.add("k", a, a + l);
        for (const [a, l] of queries) {
          const want = added.some(([b, m]) => b < a + l && b + m > a);
          expect(p.overlaps("k", a, a + l)).toBe(want);
        }
        const list = p.spans("k");
        for (let i = 1; i < list.length; i++) expect(list[i]!.from).toBeGreaterThan(list[i - 1]!.to);
      }),
    );
  });
});
