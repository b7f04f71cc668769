// The province catalogue as the wall sees it: the tree, its index, and reload on catalogue changes.
// Owns: fetching /api/v1/tree. Never renders.
import type { Camera, TreeNode } from "@cw/protocol";
import { createStore } from "zustand/vanilla";
import { api } from "../api/endpoints";
import { errorText } from "../api/errorText";
import { indexTree, type TreeIndex } from "../tree/treeModel";

export interface CatalogueState {
  tree: TreeNode | null;
  index: TreeIndex | null;
  error: string | null;
  /** Camera details (sub stream, codec) by id; filled after the tree, optional for rendering. */
  cameras: ReadonlyMap<string, Camera>;
}

export const catalogueStore = createStore<CatalogueState>(() => ({
  tree: null,
  index: null,
  error: null,
  cameras: new Map(),
}));

let inFlight: Promise<void> | null = null;

export function loadCatalogue(): Promise<void> {
  if (inFlight) return inFlight;
  inFlight = api
    .tree()
    .then(async (tree) => {
      catalogueStore.setState({ tree, index: indexTree(tree), error: null });
      try {
        const cameras = await api.cameras();
        catalogueStore.setState({ cameras: new Map(cameras.map((c) => [c.id, c])) });
      } catch (err) {
        // Details only refine stream choice (sub stream present?); the tree still works without them.
        console.warn("camera details not loaded:", errorText(err));
      }
    })
    .catch((err: unknown) => catalogueStore.setState({ error: errorText(err) }))
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

export function resetCatalogue(): void {
  catalogueStore.setState({ tree: null, index: null, error: null, cameras: new Map() }, true);
}
