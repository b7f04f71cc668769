// The roll-call board, pure: merge the fetched board with live cell pushes of the same date, and lay
// it out as prisons → (blocks × that prison's checkpoints) → cell.
import type { BoardCellView, RollCallBoard } from "@cw/protocol";

export interface PrisonGrid {
  prisonId: string;
  checkpoints: RollCallBoard["checkpoints"][string];
  rows: Array<{ blockId: string; name: string; cells: Array<BoardCellView | null> }>;
}

export function mergeCells(
  board: RollCallBoard,
  live: Readonly<Record<string, BoardCellView>>,
): Record<string, BoardCellView> {
  const out: Record<string, BoardCellView> = {};
  for (const c of board.cells) out[c.key] = c;
  for (const c of Object.values(live)) if (c.date === board.date && out[c.key] !== undefined) out[c.key] = c;
  return out;
}

export function gridOf(board: RollCallBoard, cells: Readonly<Record<string, BoardCellView>>): PrisonGrid[] {
  const byPrison = new Map<string, PrisonGrid>();
  const index = new Map<string, BoardCellView>();
  for (const c of Object.values(cells)) index.set(`${c.prisonId}.${c.blockId}.${c.checkpointId}`, c);
  for (const b of board.blocks) {
    const checkpoints = board.checkpoints[b.prisonId] ?? [];
    let g = byPrison.get(b.prisonId);
    if (g === undefined) {
      g = { prisonId: b.prisonId, checkpoints, rows: [] };
      byPrison.set(b.prisonId, g);
    }
    g.rows.push({
      blockId: b.blockId,
      name: b.name,
      cells: checkpoints.map((cp) => index.get(`${b.prisonId}.${b.blockId}.${cp.id}`) ?? null),
    });
  }
  return [...byPrison.values()];
}

export function lightCounts(
  cells: Readonly<Record<string, BoardCellView>>,
): Record<"green" | "yellow" | "red", number> {
  const out = { green: 0, yellow: 0, red: 0 };
  for (const c of Object.values(cells)) if (c.status !== "upcoming") out[c.light]++;
  return out;
}

/** What a cell says in words, beside its colour: why it is green, yellow or red. */
export type CellNote = "onTime" | "late" | "reminder" | "overdue" | "notYet" | "mismatch";

export function cellNote(c: Pick<BoardCellView, "status" | "light" | "mismatch">): CellNote {
  if (c.status === "upcoming") return "notYet";
  if (c.status === "reported") {
    if (c.mismatch) return "mismatch";
    return c.light === "green" ? "onTime" : "late";
  }
  return c.light === "red" ? "overdue" : "reminder";
}
