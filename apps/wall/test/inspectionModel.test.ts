// The inspection page's pure helpers: the screen layout for a block's cameras and the heat-map grid.
import { describe, expect, it } from "vitest";
import { heatGrid, heatLevel, screenFor, shiftDate } from "../src/inspection/model";

describe("screenFor", () => {
  it.each([
    [1, "1", 1],
    [3, "4", 4],
    [8, "9", 9],
    [10, "16", 16],
  ] as const)("%i cameras → layout %s with %i tiles", (n, layout, tiles) => {
    const ids = Array.from({ length: n }, (_, i) => `c${i}`);
    const s = screenFor(ids);
    expect(s.layoutId).toBe(layout);
    expect(s.tiles).toHaveLength(tiles);
    expect(s.tiles.slice(0, n)).toEqual(ids);
    expect(s.tiles.slice(n).every((t) => t === null)).toBe(true);
  });
});

describe("heatGrid", () => {
  it("puts Monday in row 0 and starts a new column each week", () => {
    // 2025-03-09 is a Sunday, 2025-03-10 a Monday.
    const cells = heatGrid([
      { date: "2025-03-09", count: 0 },
      { date: "2025-03-10", count: 2 },
    ]);
    expect(cells.map((c) => [c.week, c.weekday])).toEqual([
      [0, 6],
      [1, 0],
    ]);
    expect(cells.map((c) => heatLevel(c.count))).toEqual([0, 2]);
    expect(heatGrid([])).toEqual([]);
    expect(shiftDate("2025-03-01", -1)).toBe("2025-02-28");
  });
});
