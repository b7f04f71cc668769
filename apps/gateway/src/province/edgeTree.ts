// An edge's catalogue as its upper platform sees it (pure): the prison is the platform itself (the root),
// its blocks business groups (215), their sub-blocks virtual organisations (216, ParentID the block), its
// cameras channels (131; ParentID their sub-block, block, or the platform for prison-level cameras such as
// the perimeter and gates), ON unless the camera's stream is known to be down. Names are the catalogue's,
// so the bureau places the cameras by name under its own copy of the prison's blocks and sub-blocks.
import type { LowerItem } from "@cw/gb28181";
import type { Camera, TreeNode } from "@cw/protocol";
import type { GbKind } from "./channelIds";

export interface EdgeTreeInput {
  platformId: string;
  /** The prison's node of the catalogue tree. */
  prison: TreeNode;
  camera(id: string): Camera | undefined;
  idOf(kind: GbKind, id: string): string;
  /** Cameras whose stream is offline or in error now. */
  down: ReadonlySet<string>;
}

export function edgeTree(t: EdgeTreeInput): LowerItem[] {
  const items: LowerItem[] = [];
  const camera = (node: TreeNode, parentId: string) => {
    const cam = t.camera(node.id);
    const id = cam?.source.kind === "gb28181" ? cam.source.channelId : t.idOf("camera", node.id);
    items.push({
      id,
      name: node.name,
      parentId,
      kind: "camera",
      status: t.down.has(node.id) ? "OFF" : "ON",
      ptz: cam?.ptz === true,
    });
  };
  for (const child of t.prison.children) {
    if (child.kind === "camera") camera(child, t.platformId);
    if (child.kind !== "block") continue;
    const blockId = t.idOf("block", child.id);
    items.push({ id: blockId, name: child.name, parentId: t.platformId, kind: "group" });
    for (const grand of child.children) {
      if (grand.kind === "camera") camera(grand, blockId);
      if (grand.kind !== "subBlock") continue;
      const subId = t.idOf("subBlock", grand.id);
      items.push({ id: subId, name: grand.name, parentId: blockId, kind: "org" });
      for (const cam of grand.children) if (cam.kind === "camera") camera(cam, subId);
    }
  }
  return items;
}

/** What changed between two listings, for the catalogue NOTIFY. */
export function treeChanges(
  before: LowerItem[],
  after: LowerItem[],
): { item: LowerItem; event: "ADD" | "DEL" | "UPDATE" }[] {
  const old = new Map(before.map((i) => [i.id, i]));
  const out: { item: LowerItem; event: "ADD" | "DEL" | "UPDATE" }[] = [];
  for (const i of after) {
    const o = old.get(i.id);
    if (!o) out.push({ item: i, event: "ADD" });
    else if (o.name !== i.name || o.parentId !== i.parentId || o.status !== i.status)
      out.push({ item: i, event: "UPDATE" });
    old.delete(i.id);
  }
  for (const o of old.values()) out.push({ item: o, event: "DEL" });
  return out;
}
