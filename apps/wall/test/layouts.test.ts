import { layoutTileCount } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { getLayout, layoutForDigit, layoutIds, tileCount, variantForTile } from "../src/wall/layouts";

const cases = [
  { id: "1", tiles: 1, cols: 1, big: { w: 1, h: 1 } },
  { id: "4", tiles: 4, cols: 2, big: { w: 1 / 2, h: 1 / 2 } },
  { id: "9", tiles: 9, cols: 3, big: { w: 1 / 3, h: 1 / 3 } },
  { id: "16", tiles: 16, cols: 4, big: { w: 1 / 4, h: 1 / 4 } },
  { id: "25", tiles: 25, cols: 5, big: { w: 1 / 5, h: 1 / 5 } },
  { id: "36", tiles: 36, cols: 6, big: { w: 1 / 6, h: 1 / 6 } },
  { id: "64", tiles: 64, cols: 8, big: { w: 1 / 8, h: 1 / 8 } },
  { id: "1+5", tiles: 6, cols: 3, big: { w: 2 / 3, h: 2 / 3 } },
  { id: "1+7", tiles: 8, cols: 4, big: { w: 3 / 4, h: 3 / 4 } },
  { id: "1+12", tiles: 13, cols: 4, big: { w: 1 / 2, h: 1 / 2 } },
] as const;

describe("layouts", () => {
  it("covers every layout id in the table", () => {
    expect(cases.map((c) => c.id)).toEqual([...layoutIds]);
  });

  it.each(cases)("$id has $tiles tiles on a $cols-cell grid", ({ id, tiles, cols, big }) => {
    const layout = getLayout(id);
    expect(tileCount(id)).toBe(tiles);
    expect(layout.cols).toBe(cols);
    expect(layout.rows).toBe(cols);
    expect(layout.tiles[0]?.w).toBeCloseTo(big.w);
    expect(layout.tiles[0]?.h).toBeCloseTo(big.h);
  });

  it.each(cases)("$id tiles cover the wall exactly once", ({ id }) => {
    const layout = getLayout(id);
    const covered = new Array(layout.cols * layout.rows).fill(0);
    let area = 0;
    for (const t of layout.tiles) {
      area += t.w * t.h;
      expect(t.x).toBeCloseTo(t.col / layout.cols);
      expect(t.y).toBeCloseTo(t.row / layout.rows);
      for (let r = t.row; r < t.row + t.rowSpan; r++) {
        for (let c = t.col; c < t.col + t.colSpan; c++) covered[r * layout.cols + c] += 1;
      }
    }
    expect(area).toBeCloseTo(1);
    expect(covered.every((n) => n === 1)).toBe(true);
  });

  it.each(cases)("$id agrees with the wire's tile count", ({ id }) => {
    expect(tileCount(id)).toBe(layoutTileCount[id]);
  });

  it("puts the 1+12 big tile in the centre", () => {
    expect(getLayout("1+12").tiles[0]).toMatchObject({ col: 1, row: 1, colSpan: 2, rowSpan: 2 });
  });

  it.each([
    ["1", "1"],
    ["2", "4"],
    ["7", "64"],
    ["8", "1+5"],
    ["0", "1+12"],
    ["x", null],
  ])("digit %s picks layout %s", (key, id) => {
    expect(layoutForDigit(key)).toBe(id);
  });

  it.each([
    ["1", 0, false, "main"],
    ["4", 0, false, "main"],
    ["9", 0, false, "sub"],
    ["9", 0, true, "main"],
    ["1+5", 0, false, "main"],
    ["1+5", 1, false, "sub"],
    ["1+12", 0, false, "main"],
  ] as const)("layout %s tile %i maximised=%s uses %s", (id, i, max, variant) => {
    expect(variantForTile(getLayout(id).tiles[i]!, max)).toBe(variant);
  });
});
