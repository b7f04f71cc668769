import { describe, expect, it } from "vitest";
import { fitCount } from "../src/shell/navFit";

const items = (widths: number[], starts: number[] = [0]) =>
  widths.map((width, i) => ({ width, groupStart: starts.includes(i) }));

describe("which navigation links fit the bar", () => {
  it("keeps every link when they all fit, without a 'more' button", () => {
    expect(fitCount(items([80, 80, 80]), 280, 4, 17, 60)).toBe(3);
  });

  it("moves links from the end under 'more', leaving room for the button", () => {
    // 17+80 + 4+80 + 4+80 = 265 > 250; with the button (60): 17+80+4+80 = 181 + 60 = 241 ≤ 250 → 2.
    expect(fitCount(items([80, 80, 80]), 250, 4, 17, 60)).toBe(2);
  });

  it("counts a group's padding before its first link", () => {
    // Groups [80] [80, 80]: 17+80 + 17+80 + 4+80 = 278.
    expect(fitCount(items([80, 80, 80], [0, 1]), 278, 4, 17, 60)).toBe(3);
    expect(fitCount(items([80, 80, 80], [0, 1]), 277, 4, 17, 60)).toBe(2);
  });

  it("shows none inline when even one does not fit beside the button", () => {
    expect(fitCount(items([200, 80]), 100, 4, 17, 60)).toBe(0);
  });
});
