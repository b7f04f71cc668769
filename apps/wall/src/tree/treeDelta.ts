// Camera changes from the live socket (catalogue.camera: added, moved, renamed, removed) folded into the
// tree the wall holds, instead of fetching 15 000 cameras again. Only the groups on the way to a changed
// camera are copied (the rest of the tree is shared), so React sees new objects exactly where rows change.
// Owns: pure tree arithmetic. Never fetches; a change naming a group the tree lacks answers null (reload).
import type { Camera, TreeNode } from "@cw/protocol";
import type { TreeIndex } from "./treeModel";
import { ancestorsOf } from "./treeRows";

export interface CameraChange {
  id: string;
  /** null: removed (or no longer visible to this user). */
  camera: Camera | null;
}

/**
 * The index after `changes`, in order, or null when one places a camera under a group this tree does not
 * have (a catalogue file changed under us): the caller fetches the tree again. A camera lands at the end of
 * its group, as the gateway's tree lists it; a rename keeps its place.
 */
export function applyCameraChanges(index: TreeIndex, changes: readonly CameraChange[]): TreeIndex | null {
  const byId = new Map(index.byId);
  const parentOf = new Map(index.parentOf);
  let rootId = index.root.id;

  /** Replaces a group's children, copying the group and every group above it. */
  const edit = (groupId: string, f: (children: TreeNode[]) => TreeNode[]) => {
    const path = [...ancestorsOf(parentOf, groupId), groupId];
    let below: TreeNode | null = null;
    for (let i = path.length - 1; i >= 0; i--) {
      const old = byId.get(path[i] as string);
      if (!old) return;
      const child = below;
      const next: TreeNode =
        child === null
          ? { ...old, children: f(old.children) }
          : { ...old, children: old.children.map((c) => (c.id === child.id ? child : c)) };
      byId.set(next.id, next);
      below = next;
    }
    if (below) rootId = below.id;
  };

  for (const { id, camera } of changes) {
    const oldParent = byId.get(id)?.kind === "camera" ? parentOf.get(id) : undefined;
    if (camera === null) {
      if (oldParent === undefined) continue;
      edit(oldParent, (cs) => cs.filter((c) => c.id !== id));
      byId.delete(id);
      parentOf.delete(id);
      continue;
    }
    const parent = camera.subBlockId ?? camera.blockId ?? camera.prisonId;
    if (byId.get(parent)?.kind === "camera" || !byId.has(parent)) return null;
    const node: TreeNode = { id, kind: "camera", name: camera.name, children: [], cameraKind: camera.kind };
    if (oldParent === parent) edit(parent, (cs) => cs.map((c) => (c.id === id ? node : c)));
    else {
      if (oldParent !== undefined) edit(oldParent, (cs) => cs.filter((c) => c.id !== id));
      edit(parent, (cs) => [...cs, node]);
      parentOf.set(id, parent);
    }
    byId.set(id, node);
  }
  const root = byId.get(rootId);
  return root ? { root, byId, parentOf } : null;
}
