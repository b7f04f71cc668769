// What the wall needs from the catalogue: does a camera exist, which cameras a unit holds (in the tree
// order the console shows) and which prison a unit belongs to (operator scoping of presets). Reads the
// CatalogueStore; never changes it.
import type { TreeNode } from "@cw/protocol";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { TourCatalogue } from "./tour";

export interface WallCatalogue extends TourCatalogue {
  /** The camera's prison, or undefined when there is no such camera. */
  cameraPrison(id: string): string | undefined;
  /** The unit's prison; null for the bureau (the whole province); undefined: no such unit. */
  unitPrison(unitId: string): string | null | undefined;
}

function findNode(node: TreeNode, id: string): TreeNode | null {
  if (node.id === id && node.kind !== "camera") return node;
  for (const child of node.children) {
    const hit = findNode(child, id);
    if (hit) return hit;
  }
  return null;
}

function cameraLeaves(node: TreeNode, out: string[]): string[] {
  for (const child of node.children) {
    if (child.kind === "camera") out.push(child.id);
    else cameraLeaves(child, out);
  }
  return out;
}

/** `access`: a unit's cameras leave out restricted ones (a camera group's camera enters a tour or a
 *  screen only by name, from someone who sees it). */
export function wallCatalogue(store: CatalogueStore, access: Pick<CameraAccess, "restricted">): WallCatalogue {
  return {
    hasCamera: (id) => store.camera(id) !== undefined,
    cameraPrison: (id) => store.camera(id)?.prisonId,
    unitCameras(unitId) {
      const node = findNode(store.tree(null), unitId);
      return node ? cameraLeaves(node, []).filter((id) => !access.restricted(id)) : null;
    },
    unitPrison(unitId) {
      if (unitId === store.bureau.id) return null;
      return store.prison(unitId)?.id ?? store.block(unitId)?.prisonId ?? store.subBlock(unitId)?.prisonId;
    },
  };
}
