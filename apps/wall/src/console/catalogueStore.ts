// The province catalogue as the wall sees it: the tree, its index, and the live socket's camera changes
// folded in (treeDelta.ts; a full reload only when a change names a group the tree lacks).
// Owns: fetching /api/v1/tree. Never renders.
import type { Camera, TreeNode } from "@cw/protocol";
import { createStore } from "zustand/vanilla";
import { api } from "../api/endpoints";
import { errorText } from "../api/errorText";
import { applyCameraChanges, type CameraChange } from "../tree/treeDelta";
import type { TreeIndex } from "../tree/treeModel";

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
/**
 * Camera changes heard while a load is in flight: its answers may predate them (a camera added just after
 * the tree was asked for), so they are folded on top of what it brings (folding is idempotent).
 */
let heard: CameraChange[] = [];

/** When the last load asked for the tree (performance.now()), or null before the first. */
let requestedAt: number | null = null;

/**
 * The live socket (re)connected at `t`: camera changes are heard only while connected, so a tree asked for
 * before then may lack a camera added in between (one added just after the page loaded) — load it again.
 */
export function catalogueConnected(t: number): void {
  if (requestedAt !== null && requestedAt <= t) void reloadCatalogue();
}

/** Loads again, after the load in flight if there is one (its answer may predate what we know now). */
function reloadCatalogue(): Promise<void> {
  return inFlight ? inFlight.then(() => loadCatalogue()) : loadCatalogue();
}

export function loadCatalogue(): Promise<void> {
  if (inFlight) return inFlight;
  heard = [];
  requestedAt = performance.now();
  inFlight = api
    .tree()
    .then(async (fresh) => {
      const index = applyCameraChanges(fresh, heard) ?? fresh;
      catalogueStore.setState({ tree: index.root, index, error: null });
      try {
        const cameras = await api.cameras();
        const details = new Map(cameras.map((c) => [c.id, c]));
        catalogueStore.setState({ cameras: withDetails(details, heard) });
      } catch (err) {
        // Details only refine stream choice (sub stream present?); the tree still works without them.
        console.warn("camera details not loaded:", errorText(err));
      }
    })
    .catch((err: unknown) => catalogueStore.setState({ error: errorText(err) }))
    .finally(() => {
      inFlight = null;
      heard = [];
    });
  return inFlight;
}

function withDetails(details: Map<string, Camera>, changes: readonly CameraChange[]): Map<string, Camera> {
  for (const c of changes) {
    if (c.camera === null) details.delete(c.id);
    else details.set(c.id, c.camera);
  }
  return details;
}

/**
 * Folds camera changes (catalogue.camera) into the tree and the camera details; fetches everything again
 * when the tree is not loaded yet or a change cannot be placed.
 */
export function applyCatalogueChanges(changes: readonly CameraChange[]): void {
  if (changes.length === 0) return;
  if (inFlight !== null) heard.push(...changes);
  const { index, cameras } = catalogueStore.getState();
  if (index === null) {
    void loadCatalogue();
    return;
  }
  const next = applyCameraChanges(index, changes);
  if (next === null) {
    // A group this tree lacks: fetch again — after a load in flight, whose answer may predate the group.
    void reloadCatalogue();
    return;
  }
  catalogueStore.setState({ tree: next.root, index: next, cameras: withDetails(new Map(cameras), changes) });
}

export function resetCatalogue(): void {
  catalogueStore.setState({ tree: null, index: null, error: null, cameras: new Map() }, true);
}
