// The province catalogue as the wall sees it: the tree, its index, and the live socket's camera changes
// folded in (treeDelta.ts; a full reload only when a change names a group the tree lacks).
// Owns: fetching /api/v1/tree. Never renders.
import type { Camera, TreeNode } from "@cw/protocol";
import { createStore } from "zustand/vanilla";
import { api } from "../api/endpoints";
import { errorText } from "../api/errorText";
import { applyCameraChanges, type CameraChange } from "../tree/treeDelta";
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

/**
 * Folds camera changes (catalogue.camera) into the tree and the camera details; fetches everything again
 * when the tree is not loaded yet or a change cannot be placed.
 */
export function applyCatalogueChanges(changes: readonly CameraChange[]): void {
  const { index, cameras } = catalogueStore.getState();
  if (changes.length === 0) return;
  const next = index === null || inFlight !== null ? null : applyCameraChanges(index, changes);
  if (next === null) {
    void loadCatalogue();
    return;
  }
  const details = new Map(cameras);
  for (const c of changes) {
    if (c.camera === null) details.delete(c.id);
    else details.set(c.id, c.camera);
  }
  catalogueStore.setState({ tree: next.root, index: next, cameras: details });
}

export function resetCatalogue(): void {
  catalogueStore.setState({ tree: null, index: null, error: null, cameras: new Map() }, true);
}
