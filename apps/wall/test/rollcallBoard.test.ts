// The roll-call board's pure layout: prisons → blocks × checkpoints, live cells of the same date over
// fetched ones, and the light counts (upcoming cells do not count).
import type { BoardCellView, RollCallBoard } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { gridOf, lightCounts, mergeCells } from "../src/rollcall/boardModel";

const cell = (blockId: string, checkpointId: string, over: Partial<BoardCellView> = {}): BoardCellView => ({
  key: `2025-06-15.pj.${blockId}.${checkpointId}`,
  date: "2025-06-15",
  prisonId: "pj",
  blockId,
  checkpointId,
  name: checkpointId,
  nameEn: checkpointId,
  scheduledAt: 1,
  status: "due",
  light: "green",
  expected: null,
  present: null,
  absentees: 0,
  reportedAt: null,
  mismatch: false,
  ...over,
});

const board: RollCallBoard = {
  date: "2025-06-15",
  serverTime: 0,
  blocks: [
    { prisonId: "pj", blockId: "b1", name: "一监区" },
    { prisonId: "pj", blockId: "b2", name: "二监区" },
  ],
  checkpoints: {
    pj: [
      { id: "wake", name: "起床", nameEn: "Wake", time: "06:00" },
      { id: "bed", name: "就寝", nameEn: "Bed", time: "21:00" },
    ],
  },
  cells: [
    cell("b1", "wake", { light: "red" }),
    cell("b2", "wake"),
    cell("b1", "bed", { status: "upcoming" }),
    cell("b2", "bed", { status: "upcoming" }),
  ],
};

describe("roll-call board", () => {
  it("lays out blocks × checkpoints per prison", () => {
    const grid = gridOf(board, mergeCells(board, {}));
    expect(grid).toHaveLength(1);
    expect(grid[0]?.rows.map((r) => r.cells.map((c) => c?.checkpointId))).toEqual([
      ["wake", "bed"],
      ["wake", "bed"],
    ]);
  });

  it("takes live cells of the same date only", () => {
    const live = {
      a: cell("b2", "wake", { status: "reported", present: 9, expected: 10, mismatch: true }),
      b: { ...cell("b2", "wake"), key: "2025-06-14.pj.b2.wake", date: "2025-06-14", light: "red" as const },
    };
    const merged = mergeCells(board, { [live.a.key]: live.a, [live.b.key]: live.b });
    expect(merged[live.a.key]?.present).toBe(9);
    expect(merged[live.b.key]).toBeUndefined();
    expect(lightCounts(merged)).toEqual({ green: 1, yellow: 0, red: 1 });
  });
});
