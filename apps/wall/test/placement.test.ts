import { describe, expect, it } from "vitest";
import { clickTarget } from "../src/wall/placement";

describe("clickTarget", () => {
  it.each([
    { tiles: [null], selected: null, target: 0 },
    { tiles: ["a"], selected: 0, target: 0 },
    { tiles: ["a", null, null, null], selected: 0, target: 1 },
    { tiles: ["a", null, null, null], selected: 3, target: 3 },
    { tiles: ["a", "b", "c", "d"], selected: 2, target: 2 },
    { tiles: ["a", "b", "c", "d"], selected: null, target: 0 },
    { tiles: ["a", "b", null, "d"], selected: 9, target: 2 },
  ])("$tiles selected=$selected → $target", ({ tiles, selected, target }) => {
    expect(clickTarget(tiles, selected)).toBe(target);
  });
});
