import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pickRecall, type RecallCandidate } from "../src/wall/recall";

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const cams: RecallCandidate[] = [
  { id: "a1", prisonId: "A", kind: "yard", state: "live" },
  { id: "a2", prisonId: "A", kind: "cell", state: "idle" },
  { id: "b1", prisonId: "B", kind: "yard", state: "offline" },
  { id: "b2", prisonId: "B", kind: "cell", state: "live" },
  { id: "c1", prisonId: "C", kind: "yard", state: "stalled" },
  { id: "d1", prisonId: "D", kind: "gate", state: "offline" },
];
const prisonOf = new Map(cams.map((c) => [c.id, c.prisonId]));

describe("pickRecall", () => {
  it.each([
    { name: "one per prison when tiles <= prisons", count: 3, opts: {}, len: 3, prisons: 3 },
    { name: "all prisons then fills the rest", count: 4, opts: {}, len: 4, prisons: 3 },
    { name: "stops when cameras run out", count: 9, opts: {}, len: 4, prisons: 3 },
    { name: "kind filter", count: 4, opts: { kinds: ["yard"] }, len: 2, prisons: 2 },
    { name: "prison filter", count: 4, opts: { prisonIds: ["A"] }, len: 2, prisons: 1 },
    { name: "only offline cameras left", count: 2, opts: { prisonIds: ["D"] }, len: 0, prisons: 0 },
    { name: "zero tiles", count: 0, opts: {}, len: 0, prisons: 0 },
  ])("$name", ({ count, opts, len, prisons }) => {
    const got = pickRecall(cams, { count, rng: seeded(7), ...opts });
    expect(got).toHaveLength(len);
    expect(new Set(got.map((id) => prisonOf.get(id))).size).toBe(prisons);
  });

  it("is reproducible for the same rng and varies with the seed", () => {
    const runs = new Set<string>();
    for (let seed = 1; seed < 40; seed++) {
      const a = pickRecall(cams, { count: 2, rng: seeded(seed) });
      expect(pickRecall([...cams].reverse(), { count: 2, rng: seeded(seed) })).toEqual(a);
      runs.add(a.join());
    }
    expect(runs.size).toBeGreaterThan(1);
  });

  it("property: distinct, eligible, and as many prisons as possible", () => {
    const camera = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      prisonId: fc.constantFrom("P1", "P2", "P3", "P4", "P5"),
      kind: fc.constantFrom("yard", "cell", "gate"),
      state: fc.constantFrom("live", "idle", "offline", "stalled", "starting"),
    });
    fc.assert(
      fc.property(fc.array(camera, { maxLength: 40 }), fc.nat(20), fc.integer(), (list, count, seed) => {
        const byId = new Map(list.map((c) => [c.id, c]));
        const unique = [...byId.values()];
        const got = pickRecall(unique, { count, rng: seeded(seed) });
        const eligible = unique.filter((c) => c.state !== "offline");
        const eligiblePrisons = new Set(eligible.map((c) => c.prisonId)).size;
        expect(new Set(got).size).toBe(got.length);
        expect(got.length).toBe(Math.min(count, eligible.length));
        for (const id of got) expect(byId.get(id)?.state).not.toBe("offline");
        const prisons = new Set(got.map((id) => byId.get(id)?.prisonId)).size;
        expect(prisons).toBe(Math.min(count, eligiblePrisons));
      }),
    );
  });
});
