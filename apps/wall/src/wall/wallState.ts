// The wall state: for each screen, its layout, the camera on each tile and the running tour.
// Owns: the pure reducer and its invariants — tiles.length always equals the layout's tile count,
// and a camera appears at most once per screen (placing it again moves it). Never does I/O; the
// store applies actions and hands the result to a WallClient for persistence/sync.
import { isLayoutId, type LayoutId, tileCount } from "./layouts";

export interface ScreenState {
  layoutId: LayoutId;
  tiles: (string | null)[];
  tourId: string | null;
}

/** Screens by number: 0 is a console's own working view, 1… the outputs (as in /screen/:n). */
export type WallState = Record<number, ScreenState>;

export type WallAction =
  | { type: "setLayout"; screen: number; layoutId: LayoutId }
  | { type: "place"; screen: number; tile: number; cameraId: string }
  | { type: "swap"; screen: number; a: number; b: number }
  | { type: "clear"; screen: number; tile: number }
  | { type: "clearAll"; screen: number }
  /** Fills the free tiles, in order, with cameras not already on the screen. */
  | { type: "fill"; screen: number; cameraIds: readonly string[] }
  /** Replaces every tile (random recall, a tour page); extra ids are dropped, missing ones empty. */
  | { type: "setTiles"; screen: number; cameraIds: readonly (string | null)[] }
  | { type: "setTour"; screen: number; tourId: string | null }
  /** Layout and tiles at once (a layout preset): one change, not two, for whoever follows the screen. */
  | { type: "setView"; screen: number; layoutId: LayoutId; cameraIds: readonly (string | null)[] }
  /** Adopts a screen state from outside (the gateway), normalised. */
  | { type: "load"; screen: number; state: ScreenState };

export function emptyScreen(layoutId: LayoutId = "1"): ScreenState {
  return { layoutId, tiles: new Array<string | null>(tileCount(layoutId)).fill(null), tourId: null };
}

// One shared value for "no state yet", so store selectors return a stable object (a fresh object on
// every call would make React re-render forever). Reducers never mutate it: they copy.
const blankScreen: ScreenState = Object.freeze(emptyScreen("1")) as ScreenState;

export function screenOf(state: WallState, screen: number): ScreenState {
  return state[screen] ?? blankScreen;
}

/** Makes any screen state satisfy the invariants (used on load from storage or the wire). */
export function normaliseScreen(input: ScreenState): ScreenState {
  const layoutId = isLayoutId(input.layoutId) ? input.layoutId : "1";
  const n = tileCount(layoutId);
  const seen = new Set<string>();
  const tiles: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const id = input.tiles[i] ?? null;
    if (typeof id === "string" && id !== "" && !seen.has(id)) {
      seen.add(id);
      tiles.push(id);
    } else tiles.push(null);
  }
  return { layoutId, tiles, tourId: typeof input.tourId === "string" ? input.tourId : null };
}

function withTiles(s: ScreenState, tiles: (string | null)[]): ScreenState {
  return tiles.every((t, i) => t === s.tiles[i]) ? s : { ...s, tiles };
}

function reduceScreen(s: ScreenState, action: WallAction): ScreenState {
  const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < s.tiles.length;
  switch (action.type) {
    case "setLayout": {
      if (action.layoutId === s.layoutId) return s;
      const n = tileCount(action.layoutId);
      const tiles = s.tiles.slice(0, n);
      while (tiles.length < n) tiles.push(null);
      return { ...s, layoutId: action.layoutId, tiles };
    }
    case "place": {
      if (!inRange(action.tile) || action.cameraId === "") return s;
      const tiles = s.tiles.map((t) => (t === action.cameraId ? null : t));
      tiles[action.tile] = action.cameraId;
      return withTiles(s, tiles);
    }
    case "swap": {
      if (!inRange(action.a) || !inRange(action.b) || action.a === action.b) return s;
      const tiles = [...s.tiles];
      tiles[action.a] = s.tiles[action.b] ?? null;
      tiles[action.b] = s.tiles[action.a] ?? null;
      return withTiles(s, tiles);
    }
    case "clear":
      if (!inRange(action.tile)) return s;
      return withTiles(
        s,
        s.tiles.map((t, i) => (i === action.tile ? null : t)),
      );
    case "clearAll":
      return withTiles(
        s,
        s.tiles.map(() => null),
      );
    case "fill": {
      const on = new Set(s.tiles.filter((t): t is string => t !== null));
      const queue = action.cameraIds.filter((id, i) => id !== "" && !on.has(id) && action.cameraIds.indexOf(id) === i);
      const tiles = s.tiles.map((t) => (t === null ? (queue.shift() ?? null) : t));
      return withTiles(s, tiles);
    }
    case "setTiles":
      return withTiles(s, normaliseScreen({ ...s, tiles: [...action.cameraIds] }).tiles);
    case "setView": {
      const next = normaliseScreen({ layoutId: action.layoutId, tiles: [...action.cameraIds], tourId: null });
      return next.layoutId === s.layoutId && s.tourId === null ? withTiles(s, next.tiles) : next;
    }
    case "setTour":
      return action.tourId === s.tourId ? s : { ...s, tourId: action.tourId };
    case "load":
      return normaliseScreen(action.state);
  }
}

/** Returns the same object when the action changes nothing, so subscribers can skip work. */
export function reduceWall(state: WallState, action: WallAction): WallState {
  if (!Number.isInteger(action.screen) || action.screen < 0) return state;
  const before = screenOf(state, action.screen);
  const after = reduceScreen(before, action);
  if (after === before && state[action.screen] !== undefined) return state;
  return { ...state, [action.screen]: after };
}
