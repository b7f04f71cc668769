// The wall-state slice: screens and the actions on them, persisted through a WallClient.
// Owns: applying actions with the pure reducer and handing changed screens to the client.
// Framework-free (zustand vanilla); components read it with useStore.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { WallClient } from "./wallClient";
import { reduceWall, type WallAction, type WallState } from "./wallState";

export interface WallStore {
  screens: WallState;
  dispatch: (action: WallAction) => void;
  /** Loads a screen from the client and follows changes made elsewhere; returns the unsubscribe. */
  follow: (screen: number) => () => void;
}

export function createWallStore(client: WallClient): StoreApi<WallStore> {
  return createStore<WallStore>((set, get) => ({
    screens: {},
    dispatch: (action) => {
      const before = get().screens;
      const after = reduceWall(before, action);
      if (after === before) return;
      set({ screens: after });
      const screen = after[action.screen];
      // Loads come from the client already: echoing them back would ping-pong between tabs.
      if (screen && action.type !== "load") {
        client.save(action.screen, screen).catch((err: unknown) => console.warn("wall state not saved", err));
      }
    },
    follow: (screen) => {
      let live = true;
      client
        .load(screen)
        .then((state) => {
          if (live && state) get().dispatch({ type: "load", screen, state });
        })
        .catch((err: unknown) => console.warn("wall state not loaded", err));
      const unsubscribe = client.subscribe(screen, (state) => get().dispatch({ type: "load", screen, state }));
      return () => {
        live = false;
        unsubscribe();
      };
    },
  }));
}
