// Drag and drop payloads between the tree, the tiles and the tour editor (HTML5 DnD).
import type { NodeKind } from "@cw/protocol";
import type { DragEvent } from "react";

const nodeType = "application/x-cw-node";
const tileType = "application/x-cw-tile";

export type DragPayload = { kind: "node"; id: string; nodeKind: NodeKind } | { kind: "tile"; index: number };

export function startNodeDrag(e: DragEvent, id: string, nodeKind: NodeKind): void {
  e.dataTransfer.setData(nodeType, JSON.stringify({ id, nodeKind }));
  e.dataTransfer.effectAllowed = "copy";
}

export function startTileDrag(e: DragEvent, index: number): void {
  e.dataTransfer.setData(tileType, String(index));
  e.dataTransfer.effectAllowed = "move";
}

export function isWallDrag(e: DragEvent): boolean {
  const types = e.dataTransfer.types;
  return types.includes(nodeType) || types.includes(tileType);
}

export function readDrop(e: DragEvent): DragPayload | null {
  const tile = e.dataTransfer.getData(tileType);
  if (tile !== "") {
    const index = Number(tile);
    return Number.isInteger(index) ? { kind: "tile", index } : null;
  }
  const node = e.dataTransfer.getData(nodeType);
  if (node === "") return null;
  try {
    const v = JSON.parse(node) as { id?: unknown; nodeKind?: unknown };
    if (typeof v.id === "string" && typeof v.nodeKind === "string") {
      return { kind: "node", id: v.id, nodeKind: v.nodeKind as NodeKind };
    }
  } catch {
    // Not ours.
  }
  return null;
}
