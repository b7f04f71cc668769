// The console's own UI state (not shared with the screens): which screen it drives, the selected
// and the maximised tile, recall filters and the running tour.
import { createStore } from "zustand/vanilla";
import type { TourState } from "../wall/tour";
import { localWallClient } from "../wall/wallClient";
import { createWallStore } from "../wall/wallStore";

export interface TourRun {
  tourId: string;
  cameraIds: string[];
  state: TourState;
}

export interface ConsoleState {
  screen: number;
  selectedTile: number | null;
  maximisedTile: number | null;
  recallKind: string;
  /** Random recall restricted to these prisons (empty: all). */
  recallPrisons: string[];
  tourRun: TourRun | null;
}

export const consoleStore = createStore<ConsoleState>(() => ({
  screen: 1,
  selectedTile: null,
  maximisedTile: null,
  recallKind: "",
  recallPrisons: [],
  tourRun: null,
}));

/** The wall state. Swap localWallClient for the gateway client to sync screens across machines. */
export const wallStore = createWallStore(localWallClient());
