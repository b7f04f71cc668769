// Console commands that combine the catalogue, live health and the wall store: place a tree node,
// random recall, tour pages. Kept out of components so keyboard, clicks and drops share them.
import { cameraKinds, type LayoutPreset } from "@cw/protocol";
import { cameraState } from "../live/health";
import { liveStore } from "../live/liveStore";
import { camerasUnder, expandToCameras, pathOf, prisonOf } from "../tree/treeModel";
import { tileCount } from "../wall/layouts";
import { clickTarget } from "../wall/placement";
import { pickRecall } from "../wall/recall";
import { startTour, stepTour, tourPages } from "../wall/tour";
import { screenOf } from "../wall/wallState";
import { catalogueStore } from "./catalogueStore";
import { consoleStore, wallStore } from "./consoleStore";
import { presetsStore } from "./presetsStore";
import { controlScreenTour, isOutput } from "./screenActions";

function current() {
  const screen = consoleStore.getState().screen;
  return { screen, state: screenOf(wallStore.getState().screens, screen) };
}

/** Drops or clicks a tree node: a camera goes to the tile (or the selected/first free one); a group fills free tiles. */
export function placeNode(nodeId: string, tile?: number): void {
  const index = catalogueStore.getState().index;
  const node = index?.byId.get(nodeId);
  if (!node) return;
  if (node.kind === "camera") placeCamera(node.id, tile);
  else placeCameras(camerasUnder(node));
}

/** A camera to the tile (or the selected/first free one); a search hit needs no tree to be loaded. */
export function placeCamera(cameraId: string, tile?: number): void {
  const { screen, state } = current();
  const target = tile ?? clickTarget(state.tiles, consoleStore.getState().selectedTile);
  wallStore.getState().dispatch({ type: "place", screen, tile: target, cameraId });
  consoleStore.setState({ selectedTile: target });
}

/** Fills the current screen's free tiles with these cameras (a group the tree panel made itself). */
export function placeCameras(cameraIds: string[]): void {
  const { screen } = current();
  wallStore.getState().dispatch({ type: "fill", screen, cameraIds });
}

export function randomRecall(rng: () => number = Math.random): number {
  const { index } = catalogueStore.getState();
  if (!index) return 0;
  const health = liveStore.getState().health;
  const { recallKind: kind, recallPrisons } = consoleStore.getState();
  const candidates = [];
  for (const node of index.byId.values()) {
    if (node.kind !== "camera") continue;
    candidates.push({
      id: node.id,
      prisonId: prisonOf(index, node.id) ?? "",
      kind: node.cameraKind ?? "other",
      state: cameraState(health[node.id]),
    });
  }
  const { screen, state } = current();
  const picked = pickRecall(candidates, {
    count: tileCount(state.layoutId),
    rng,
    ...(kind !== "" && (cameraKinds as readonly string[]).includes(kind) ? { kinds: [kind] } : {}),
    ...(recallPrisons.length > 0 ? { prisonIds: recallPrisons } : {}),
  });
  stopTour();
  wallStore.getState().dispatch({ type: "setTiles", screen, cameraIds: picked });
  return picked.length;
}

/** "Prison › block › sub-block" and the camera name, for tile captions. */
/** A camera's name, its prison's name and the units between (block, sub-block), for captions. */
export function cameraCaption(cameraId: string): { name: string; prison: string; path: string } {
  const index = catalogueStore.getState().index;
  if (!index) return { name: cameraId, prison: "", path: "" };
  const path = pathOf(index, cameraId);
  const node = path[path.length - 1];
  return {
    name: node?.name ?? cameraId,
    prison: path.length > 1 ? (path[0]?.name ?? "") : "",
    path: path
      .slice(1, -1)
      .map((n) => n.name)
      .join(" › "),
  };
}

function showTourPage(): void {
  const run = consoleStore.getState().tourRun;
  if (!run) return;
  const { screen, state } = current();
  const page = tourPages(run.cameraIds, tileCount(state.layoutId))[run.state.page] ?? [];
  wallStore.getState().dispatch({ type: "setTiles", screen, cameraIds: page });
}

/** Starts a saved tour: in the gateway on a followed screen, else locally on the console's view. */
export function startTourById(tourId: string, now = Date.now()): void {
  const followed = consoleStore.getState().screen;
  if (isOutput(followed)) {
    void controlScreenTour(followed, { action: "start", tourId });
    return;
  }
  const tour = presetsStore.getState().tours.find((t) => t.id === tourId);
  const index = catalogueStore.getState().index;
  if (!tour || !index) return;
  const cameraIds = expandToCameras(
    index,
    tour.items.map((i) => i.id),
  );
  const { screen, state } = current();
  const pages = tourPages(cameraIds, tileCount(state.layoutId)).length;
  consoleStore.setState({ tourRun: { tourId, cameraIds, state: startTour(pages, now) } });
  wallStore.getState().dispatch({ type: "setTour", screen, tourId });
  showTourPage();
}

/** Stops the tour of the view: a screen's (gateway) tour by clearing its tourId, or the local one. */
export function stopTour(): void {
  const { screen, state } = current();
  if (isOutput(screen)) {
    if (state.tourId !== null) wallStore.getState().dispatch({ type: "setTour", screen, tourId: null });
    return;
  }
  if (!consoleStore.getState().tourRun) return;
  consoleStore.setState({ tourRun: null });
  wallStore.getState().dispatch({ type: "setTour", screen, tourId: null });
}

export type TourCommand = "tick" | "next" | "prev" | "pause" | "resume";

export function stepRunningTour(command: TourCommand, now = Date.now()): void {
  const run = consoleStore.getState().tourRun;
  if (!run) return;
  const tour = presetsStore.getState().tours.find((t) => t.id === run.tourId);
  if (!tour) {
    stopTour();
    return;
  }
  const { state } = current();
  const pageCount = tourPages(run.cameraIds, tileCount(state.layoutId)).length;
  let next = run.state;
  if (pageCount !== next.pageCount) next = stepTour(next, { type: "resize", now, pageCount }, tour.dwellMs);
  next = stepTour(next, { type: command, now }, tour.dwellMs);
  if (next === run.state) return;
  const turned = next.page !== run.state.page || next.pageCount !== run.state.pageCount;
  consoleStore.setState({ tourRun: { ...run, state: next } });
  if (turned) showTourPage();
}

/** After a layout change the pages are cut again. */
export function refreshTourPage(): void {
  if (!consoleStore.getState().tourRun) return;
  stepRunningTour("tick");
  showTourPage();
}

/** Shows a layout preset on the console's view (stopping any tour there). */
export function applyLayoutPreset(preset: LayoutPreset): void {
  stopTour();
  const { screen } = current();
  wallStore.getState().dispatch({ type: "setView", screen, layoutId: preset.layoutId, cameraIds: preset.tiles });
}

/** Arrow keys: step the tour of the view — the gateway's on a followed screen, else the local one. */
export function stepViewTour(command: "next" | "prev"): void {
  const screen = consoleStore.getState().screen;
  if (!isOutput(screen)) {
    stepRunningTour(command);
    return;
  }
  if (liveStore.getState().wallScreens[screen]?.tour) void controlScreenTour(screen, { action: command });
}
