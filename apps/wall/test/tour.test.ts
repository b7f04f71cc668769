import { describe, expect, it } from "vitest";
import { msUntilTurn, startTour, stepTour, type TourState, tourPages, validateTour } from "../src/wall/tour";

const dwell = 10_000;

describe("tourPages", () => {
  it.each([
    {
      ids: ["a", "b", "c"],
      n: 2,
      pages: [
        ["a", "b"],
        ["c", null],
      ],
    },
    { ids: ["a", "b"], n: 4, pages: [["a", "b", null, null]] },
    { ids: [], n: 4, pages: [] },
    { ids: ["a"], n: 0, pages: [] },
  ])("$ids in tiles of $n", ({ ids, n, pages }) => {
    expect(tourPages(ids, n)).toEqual(pages);
  });
});

describe("validateTour", () => {
  it.each([
    { dwellMs: 5_000, name: "ok", items: 1, ok: true, field: undefined },
    { dwellMs: 4_999, name: "ok", items: 1, ok: false, field: "dwellMs" },
    { dwellMs: Number.NaN, name: "ok", items: 1, ok: false, field: "dwellMs" },
    { dwellMs: 5_000, name: "  ", items: 1, ok: false, field: "name" },
    { dwellMs: 5_000, name: "ok", items: 0, ok: false, field: "items" },
  ])("dwell $dwellMs name '$name' items $items → ok=$ok", ({ dwellMs, name, items, ok, field }) => {
    const r = validateTour({
      id: "t",
      name,
      dwellMs,
      items: Array.from({ length: items }, (_, i) => ({ kind: "camera" as const, id: `c${i}` })),
    });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error.field).toBe(field);
  });
});

describe("stepTour", () => {
  const run = (events: [string, number][], pageCount = 3): TourState => {
    let s = startTour(pageCount, 0);
    for (const [type, now] of events) s = stepTour(s, { type, now } as Parameters<typeof stepTour>[1], dwell);
    return s;
  };

  it.each<{ name: string; events: [string, number][]; page: number; paused: boolean }>([
    { name: "stays before the dwell", events: [["tick", 9_999]], page: 0, paused: false },
    { name: "turns at the dwell", events: [["tick", 10_000]], page: 1, paused: false },
    { name: "skips pages after a long sleep and wraps", events: [["tick", 35_000]], page: 0, paused: false },
    {
      name: "next and prev wrap",
      events: [
        ["prev", 1],
        ["prev", 2],
        ["next", 3],
      ],
      page: 2,
      paused: false,
    },
    {
      name: "pause holds the page",
      events: [
        ["pause", 5_000],
        ["tick", 60_000],
      ],
      page: 0,
      paused: true,
    },
    {
      name: "resume keeps the remainder",
      events: [
        ["pause", 6_000],
        ["resume", 60_000],
        ["tick", 63_999],
      ],
      page: 0,
      paused: false,
    },
    {
      name: "resume then full dwell turns",
      events: [
        ["pause", 6_000],
        ["resume", 60_000],
        ["tick", 64_000],
      ],
      page: 1,
      paused: false,
    },
    {
      name: "next restarts the dwell",
      events: [
        ["tick", 9_000],
        ["next", 9_000],
        ["tick", 18_999],
      ],
      page: 1,
      paused: false,
    },
  ])("$name", ({ events, page, paused }) => {
    const s = run(events);
    expect(s.page).toBe(page);
    expect(s.paused).toBe(paused);
  });

  it("enforces the 5 s minimum dwell even if asked for less", () => {
    const s = stepTour(startTour(3, 0), { type: "tick", now: 4_000 }, 1_000);
    expect(s.page).toBe(0);
    expect(stepTour(s, { type: "tick", now: 5_000 }, 1_000).page).toBe(1);
  });

  it("clamps the page when the layout changes page count", () => {
    const s = run([["prev", 1]]);
    expect(stepTour(s, { type: "resize", now: 2, pageCount: 2 }, dwell).page).toBe(1);
    expect(stepTour(s, { type: "resize", now: 2, pageCount: 0 }, dwell).page).toBe(0);
  });

  it("reports the time to the next turn", () => {
    expect(msUntilTurn(startTour(3, 0), dwell, 4_000)).toBe(6_000);
    expect(msUntilTurn(run([["pause", 1]]), dwell, 4_000)).toBeNull();
    expect(msUntilTurn(startTour(1, 0), dwell, 4_000)).toBeNull();
  });
});
