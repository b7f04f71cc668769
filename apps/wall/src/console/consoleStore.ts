// The console's own UI state (not shared with the screens): which view it edits (0: its own working
// view; N: following output screen N), the selected and the maximised tile, recall filters and the
// locally running tour; and the wall store wired to where each view lives.
import type { ScreenState as WireScreen } from "@cw/protocol";
import { createStore } from "zustand/vanilla";
import { liveStore } from "../live/liveStore";
import { gatewayWallClient, type ScreenFeed } from "../wall/gatewayWallClient";
import type { TourState } from "../wall/tour";
import { lastViewClient, localWallClient, splitWallClient } from "../wall/wallClient";
import { createWallStore } from "../wall/wallStore";
import { isConflict, wallApi } from "./wallApi";

export interface TourRun {
  tourId: string;
  cameraIds: string[];
  state: TourState;
}

/** The console's own working view, as opposed to output screens 1…N. */
export const ownView = 0;

export interface ConsoleState {
  /** The view the console shows and edits: `ownView`, or the output screen it follows. */
  screen: number;
  selectedTile: number | null;
  maximisedTile: number | null;
  recallKind: string;
  /** Random recall restricted to these prisons (empty: all). */
  recallPrisons: string[];
  /** A tour run by this console on its own view (output screens tour in the gateway). */
  tourRun: TourRun | null;
}

export const consoleStore = createStore<ConsoleState>(() => ({
  screen: ownView,
  selectedTile: null,
  maximisedTile: null,
  recallKind: "",
  recallPrisons: [],
  tourRun: null,
}));

/** The `wall.screen` topic of the live store, per screen. */
const liveScreens: ScreenFeed = {
  latest: (n) => liveStore.getState().wallScreens[n],
  subscribe: (n, onScreen: (s: WireScreen) => void) =>
    liveStore.subscribe((s, prev) => {
      const next = s.wallScreens[n];
      if (next && next !== prev.wallScreens[n]) onScreen(next);
    }),
};

const gatewayScreens = gatewayWallClient(
  { get: (n) => wallApi.screen(n), put: (n, body) => wallApi.putScreen(n, body) },
  liveScreens,
  isConflict,
);

/**
 * The wall state. The console's own view lives in this tab (sessionStorage: another console tab has
 * its own), and a new tab starts from the last view of this PC (localStorage); output screens live in
 * the gateway and arrive live.
 */
export const wallStore = createWallStore(
  splitWallClient(lastViewClient(localWallClient(sessionStorage), localWallClient(localStorage)), gatewayScreens),
);
