import { describe, expect, it } from "vitest";
import { topWithOthers } from "../src/overview/chartOptions";
import { cellNote } from "../src/rollcall/boardModel";

describe("a roll-call cell says why it has its colour", () => {
  it.each([
    [{ status: "reported", light: "green", mismatch: false }, "onTime"],
    [{ status: "reported", light: "red", mismatch: false }, "late"],
    [{ status: "reported", light: "yellow", mismatch: false }, "late"],
    [{ status: "reported", light: "green", mismatch: true }, "mismatch"],
    [{ status: "due", light: "yellow", mismatch: false }, "reminder"],
    [{ status: "due", light: "red", mismatch: false }, "overdue"],
    [{ status: "upcoming", light: "green", mismatch: false }, "notYet"],
  ] as const)("%o → %s", (cell, note) => {
    expect(cellNote(cell)).toBe(note);
  });
});

describe("charts of named units show the top ones and sum the rest", () => {
  it("keeps short lists as they are and folds long ones into 'others'", () => {
    const few: Array<[string, number]> = [
      ["a", 3],
      ["b", 1],
    ];
    expect(topWithOthers(few, (n) => `其余${n}项`)).toEqual(few);
    const many: Array<[string, number]> = Array.from({ length: 16 }, (_, i) => [`p${i}`, 16 - i]);
    const out = topWithOthers(many, (n) => `其余${n}项`);
    expect(out).toHaveLength(6);
    expect(out[5]).toEqual(["其余11项", many.slice(5).reduce((s, [, v]) => s + v, 0)]);
    expect(out.reduce((s, [, v]) => s + v, 0)).toBe(many.reduce((s, [, v]) => s + v, 0));
  });
});
