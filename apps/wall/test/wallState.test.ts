import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutIds, tileCount } from "../src/wall/layouts";
import { emptyScreen, reduceWall, screenOf, type WallAction, type WallState } from "../src/wall/wallState";

const s1 = (tiles: (string | null)[], layoutId: "1" | "4" | "9" = "4"): WallState => ({
  1: { layoutId, tiles, tourId: null },
});

describe("reduceWall", () => {
  it.each<{ name: string; from: WallState; action: WallAction; tiles: (string | null)[] }>([
    {
      name: "place",
      from: s1([null, null, null, null]),
      action: { type: "place", screen: 1, tile: 2, cameraId: "c" },
      tiles: [null, null, "c", null],
    },
    {
      name: "place moves a camera already shown",
      from: s1(["c", null, null, null]),
      action: { type: "place", screen: 1, tile: 3, cameraId: "c" },
      tiles: [null, null, null, "c"],
    },
    {
      name: "place out of range is ignored",
      from: s1([null, null, null, null]),
      action: { type: "place", screen: 1, tile: 4, cameraId: "c" },
      tiles: [null, null, null, null],
    },
    {
      name: "swap",
      from: s1(["a", null, "c", null]),
      action: { type: "swap", screen: 1, a: 0, b: 1 },
      tiles: [null, "a", "c", null],
    },
    {
      name: "clear",
      from: s1(["a", "b", null, null]),
      action: { type: "clear", screen: 1, tile: 1 },
      tiles: ["a", null, null, null],
    },
    {
      name: "clearAll",
      from: s1(["a", "b", null, "d"]),
      action: { type: "clearAll", screen: 1 },
      tiles: [null, null, null, null],
    },
    {
      name: "fill free tiles, skipping cameras shown",
      from: s1(["a", null, "c", null]),
      action: { type: "fill", screen: 1, cameraIds: ["a", "x", "x", "y", "z"] },
      tiles: ["a", "x", "c", "y"],
    },
    {
      name: "setTiles pads and drops duplicates",
      from: s1(["a", "b", "c", "d"]),
      action: { type: "setTiles", screen: 1, cameraIds: ["x", "x", "y"] },
      tiles: ["x", null, "y", null],
    },
    {
      name: "setLayout shrinks",
      from: s1(["a", "b", "c", "d"]),
      action: { type: "setLayout", screen: 1, layoutId: "1" },
      tiles: ["a"],
    },
    {
      name: "setLayout grows",
      from: s1(["a"], "1"),
      action: { type: "setLayout", screen: 1, layoutId: "4" },
      tiles: ["a", null, null, null],
    },
    {
      name: "load normalises",
      from: {},
      action: { type: "load", screen: 1, state: { layoutId: "4", tiles: ["a", "a"], tourId: null } },
      tiles: ["a", null, null, null],
    },
  ])("$name", ({ from, action, tiles }) => {
    expect(screenOf(reduceWall(from, action), 1).tiles).toEqual(tiles);
  });

  it("returns the same state object when nothing changes", () => {
    const st = s1(["a", null, null, null]);
    expect(reduceWall(st, { type: "clear", screen: 1, tile: 1 })).toBe(st);
    expect(reduceWall(st, { type: "swap", screen: 1, a: 2, b: 2 })).toBe(st);
    expect(reduceWall(st, { type: "setLayout", screen: 1, layoutId: "4" })).toBe(st);
  });

  it("starts an unknown screen from an empty layout 1 and ignores bad screen numbers", () => {
    expect(screenOf(reduceWall({}, { type: "place", screen: 3, tile: 0, cameraId: "a" }), 3)).toEqual({
      ...emptyScreen("1"),
      tiles: ["a"],
    });
    expect(reduceWall({}, { type: "place", screen: -1, tile: 0, cameraId: "a" })).toEqual({});
  });

  it("property: invariants hold after any action sequence; swap twice is identity", () => {
    const cam = fc.constantFrom("a", "b", "c", "d", "e", "f");
    const tile = fc.integer({ min: -1, max: 70 });
    const action: fc.Arbitrary<WallAction> = fc.oneof(
      fc.record({
        type: fc.constant("setLayout" as const),
        screen: fc.constant(1),
        layoutId: fc.constantFrom(...layoutIds),
      }),
      fc.record({ type: fc.constant("place" as const), screen: fc.constant(1), tile, cameraId: cam }),
      fc.record({ type: fc.constant("swap" as const), screen: fc.constant(1), a: tile, b: tile }),
      fc.record({ type: fc.constant("clear" as const), screen: fc.constant(1), tile }),
      fc.record({ type: fc.constant("fill" as const), screen: fc.constant(1), cameraIds: fc.array(cam) }),
      fc.record({
        type: fc.constant("setTiles" as const),
        screen: fc.constant(1),
        cameraIds: fc.array(fc.option(cam)),
      }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), tile, tile, (actions, a, b) => {
        let st: WallState = {};
        for (const act of actions) {
          st = reduceWall(st, act);
          const s = screenOf(st, 1);
          expect(s.tiles).toHaveLength(tileCount(s.layoutId));
          const shown = s.tiles.filter((t) => t !== null);
          expect(new Set(shown).size).toBe(shown.length);
        }
        const swapped = reduceWall(reduceWall(st, { type: "swap", screen: 1, a, b }), {
          type: "swap",
          screen: 1,
          a,
          b,
        });
        expect(screenOf(swapped, 1)).toEqual(screenOf(st, 1));
      }),
    );
  });
});
