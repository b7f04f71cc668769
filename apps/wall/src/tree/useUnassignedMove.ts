// Moving a 未分配 (unassigned) GB channel into place, for cameras.manage holders: drag its row onto a block or
// sub-block of the same prison, or press M / its 移至 button and pick the place from a menu (the keyboard's
// way). Either way it is `PATCH /api/v1/cameras/{id}` {blockId, subBlockId} (docs/api/gb28181.md: a later
// catalogue keeps the manual move); the tree then moves the row when the live socket's catalogue.camera
// change arrives. Owns: the drag in progress, the open menu and the last error. Never edits the tree itself.
import type { DragEvent } from "react";
import { useMemo, useState } from "react";
import { errorText } from "../api/errorText";
import { request } from "../api/http";
import { readDrop } from "../console/dnd";
import type { TreeIndex } from "./treeModel";
import type { TreeRow } from "./treeRows";

const UNASSIGNED = "unassigned:";

/** Where a camera goes: a block (no sub-block) or a sub-block and its block. */
export interface MoveTarget {
  blockId: string;
  subBlockId: string | null;
}

/** The prison of a camera row waiting under 未分配, or null for any other row. */
export function waitingPrison(row: TreeRow): string | null {
  if (row.node.kind !== "camera" || !row.parentId?.startsWith(UNASSIGNED)) return null;
  return row.parentId.slice(UNASSIGNED.length);
}

/** The place a block or sub-block row stands for, in `prisonId`, or null (another prison, not a group). */
export function targetOf(index: TreeIndex, id: string, prisonId: string): MoveTarget | null {
  const node = index.byId.get(id);
  if (node?.kind === "block") return index.parentOf.get(id) === prisonId ? { blockId: id, subBlockId: null } : null;
  if (node?.kind !== "subBlock") return null;
  const blockId = index.parentOf.get(id);
  if (blockId === undefined || index.parentOf.get(blockId) !== prisonId) return null;
  return { blockId, subBlockId: id };
}

/** Every place in a prison, in tree order, with its name as the menu shows it (一监区 › 一分监区). */
export function targetsIn(index: TreeIndex, prisonId: string): Array<MoveTarget & { id: string; label: string }> {
  const out: Array<MoveTarget & { id: string; label: string }> = [];
  for (const b of index.byId.get(prisonId)?.children ?? []) {
    if (b.kind !== "block") continue;
    out.push({ id: b.id, label: b.name, blockId: b.id, subBlockId: null });
    for (const s of b.children) {
      if (s.kind === "subBlock")
        out.push({ id: s.id, label: `${b.name} › ${s.name}`, blockId: b.id, subBlockId: s.id });
    }
  }
  return out;
}

export interface UnassignedMove {
  waiting(row: TreeRow): boolean;
  dragStart(e: DragEvent, row: TreeRow): void;
  dragEnd(): void;
  /** The place a drop on this row would move the dragged camera to, or null. */
  accepts(row: TreeRow): MoveTarget | null;
  moveTo(cameraId: string, target: MoveTarget): void;
  /** Opens the menu of places for this waiting camera. */
  pick(row: TreeRow): void;
}

export interface MoveState {
  move: UnassignedMove | null;
  /** The waiting camera whose menu is open, and its prison. */
  menu: { cameraId: string; name: string; prisonId: string } | null;
  closeMenu: () => void;
  error: string | null;
}

export function useUnassignedMove(index: TreeIndex | null, enabled: boolean): MoveState {
  const [menu, setMenu] = useState<MoveState["menu"]>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState<{ cameraId: string; prisonId: string } | null>(null);
  const move = useMemo((): UnassignedMove | null => {
    if (!enabled || index === null) return null;
    return {
      waiting: (row) => waitingPrison(row) !== null,
      dragStart: (e, row) => {
        const prisonId = waitingPrison(row);
        // Onto a tile it is a copy (the wall plays it), onto a block a move.
        e.dataTransfer.effectAllowed = "copyMove";
        if (prisonId !== null) setDragging({ cameraId: row.node.id, prisonId });
      },
      dragEnd: () => setDragging(null),
      accepts: (row) => (dragging === null ? null : targetOf(index, row.node.id, dragging.prisonId)),
      moveTo: (cameraId, target) => {
        setMenu(null);
        setDragging(null);
        const body: MoveTarget = { blockId: target.blockId, subBlockId: target.subBlockId };
        request(`/api/v1/cameras/${encodeURIComponent(cameraId)}`, { method: "PATCH", body })
          .then(() => setError(null))
          .catch((err: unknown) => setError(errorText(err)));
      },
      pick: (row) => {
        const prisonId = waitingPrison(row);
        if (prisonId !== null) setMenu({ cameraId: row.node.id, name: row.node.name, prisonId });
      },
    };
  }, [enabled, index, dragging]);
  return { move, menu, closeMenu: () => setMenu(null), error };
}

/** A row as a drop target of a waiting camera: highlighted while one is over it, moves it on drop. */
export function useDropTarget(move: UnassignedMove | null, row: TreeRow) {
  const [over, setOver] = useState(false);
  const target = move?.accepts(row) ?? null;
  if (move === null || target === null) return { over: false, handlers: {} };
  return {
    over,
    handlers: {
      onDragOver: (e: DragEvent) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        if (!over) setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        const cameraId = draggedCamera(e);
        if (cameraId !== null) move.moveTo(cameraId, target);
      },
    },
  };
}

/** The camera id the tree row's drag carries (startNodeDrag's payload). */
function draggedCamera(e: DragEvent): string | null {
  const drop = readDrop(e);
  return drop?.kind === "node" && drop.nodeKind === "camera" ? drop.id : null;
}
