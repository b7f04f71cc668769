// The jitter buffer: table of arrival orders → delivery order and counters; properties for any
// permutation within the window (nothing lost, order restored) and any loss pattern (loss counted exactly).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReorderBuffer, type ReorderOptions, type ReorderStats } from "../../src/rtp/reorder";

type Arrival = number | { seq: number; at: number };

function run(arrivals: Arrival[], opts: ReorderOptions = {}, endAt?: number) {
  const out: (number | string)[] = [];
  const buf = new ReorderBuffer<{ seq: number }>(
    { packet: (p) => out.push(p.seq), gap: (n) => out.push(`gap${n}`) },
    { maxWaitMs: 50, ...opts },
  );
  let now = 0;
  for (const a of arrivals) {
    const seq = typeof a === "number" ? a : a.seq;
    if (typeof a !== "number") now = a.at;
    buf.push({ seq }, now);
  }
  if (endAt !== undefined) buf.tick(endAt);
  return { out, stats: buf.stats };
}

const zero: ReorderStats = { delivered: 0, lost: 0, reordered: 0, duplicates: 0, late: 0, resets: 0 };

describe("ReorderBuffer", () => {
  it.each<[string, Arrival[], (number | string)[], Partial<ReorderStats>, number | undefined]>([
    ["in order", [1, 2, 3], [1, 2, 3], { delivered: 3 }, undefined],
    ["a swap is put back", [1, 3, 2, 4], [1, 2, 3, 4], { delivered: 4, reordered: 1 }, undefined],
    ["wraps at 65535", [65534, 0, 65535, 1], [65534, 65535, 0, 1], { delivered: 4, reordered: 1 }, undefined],
    ["a duplicate is dropped", [1, 3, 3, 2], [1, 2, 3], { delivered: 3, duplicates: 1, reordered: 1 }, undefined],
    ["a late packet is dropped", [1, 2, 3, 2], [1, 2, 3], { delivered: 3, late: 1 }, undefined],
    [
      "a gap is given up after maxWait",
      [1, { seq: 3, at: 10 }, { seq: 4, at: 20 }],
      [1, "gap1", 3, 4],
      { delivered: 3, lost: 1 },
      60,
    ],
    [
      "the next gap waits from its own first packet",
      [1, { seq: 3, at: 10 }, { seq: 5, at: 40 }],
      [1, "gap1", 3],
      { delivered: 2, lost: 1 },
      85,
    ],
    [
      "…and is given up in its turn",
      [1, { seq: 3, at: 10 }, { seq: 5, at: 40 }],
      [1, "gap1", 3, "gap1", 5],
      { delivered: 3, lost: 2 },
      90,
    ],
    ["a gap waits less than maxWait", [1, { seq: 3, at: 10 }, { seq: 4, at: 20 }], [1], { delivered: 1 }, 59],
    [
      "a renumbered sender restarts",
      [1, 2, 40000, 40001],
      [1, 2, "gap0", 40000, 40001],
      { delivered: 4, resets: 1 },
      undefined,
    ],
  ])("%s", (_name, arrivals, out, stats, endAt) => {
    const r = run(arrivals, {}, endAt);
    expect(r.out).toEqual(out);
    expect(r.stats).toEqual({ ...zero, ...stats });
  });

  it("gives up a gap when the buffer is full, without waiting", () => {
    const r = run([1, 3, 4, 5, 6], { capacity: 3, maxWaitMs: 10_000 });
    expect(r.out).toEqual([1, "gap1", 3, 4, 5, 6]);
  });

  it("restores any permutation within the window and loses nothing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 65535 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 200 }),
        (start, shifts) => {
          // Each packet but the first (which fixes where the stream starts) moves back up to 5 places.
          const order = shifts.map((s, i) => ({ seq: (start + i) & 0xffff, key: i === 0 ? 0 : i + s }));
          order.sort((a, b) => a.key - b.key);
          const { out, stats } = run(
            order.map((o) => o.seq),
            { capacity: 64 },
          );
          expect(out).toEqual(shifts.map((_, i) => (start + i) & 0xffff));
          expect(stats.lost).toBe(0);
        },
      ),
    );
  });

  it("counts exactly the packets that never came", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 300 }), (keep) => {
        keep[0] = true;
        keep[keep.length - 1] = true;
        const seqs = keep.flatMap((k, i) => (k ? [i] : []));
        const out: (number | string)[] = [];
        const buf = new ReorderBuffer<{ seq: number }>(
          { packet: (p) => out.push(p.seq), gap: (n) => out.push(`gap${n}`) },
          { capacity: 8, maxWaitMs: 1000 },
        );
        for (const s of seqs) buf.push({ seq: s }, 0);
        buf.flush();
        expect(out.filter((x) => typeof x === "number")).toEqual(seqs);
        expect(buf.stats.lost).toBe(keep.filter((k) => !k).length);
      }),
    );
  });
});
