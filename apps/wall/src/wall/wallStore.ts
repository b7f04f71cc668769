// The wall-state slice: screens and the actions on them, persisted through a WallClient.
// Owns: applying actions with the pure reducer, handing changed screens to the client, and settling
// conflicts: when the client reports that someone else changed the screen first, the store adopts
// their state and applies the same action again on top (an edit is an intent, not a snapshot), so
// two consoles editing one screen both keep their changes. Framework-free (zustand vanilla).
import { createStore, type StoreApi } from "zustand/vanilla";
import type { WallClient } from "./wallClient";
import { reduceWall, type WallAction, type WallState } from "./wallState";

export interface WallStore {
  screens: WallState;
  dispatch: (action: WallAction) => void;
  /** Loads a screen from the client and follows changes made elsewhere; returns the unsubscribe. */
  follow: (screen: number) => () => void;
}

/** Re-applications after a conflict before giving up (each one means another console won a race). */
const maxAttempts = 3;

export function createWallStore(client: WallClient): StoreApi<WallStore> {
  return createStore<WallStore>((set, get) => {
    const reload = (screen: number) =>
      client
        .load(screen)
        .then((state) => {
          if (state) get().dispatch({ type: "load", screen, state });
        })
        .catch((err: unknown) => console.warn("wall state not loaded", err));

    const apply = (action: WallAction, attempt: number): void => {
      const before = get().screens;
      const after = reduceWall(before, action);
      if (after === before) return;
      set({ screens: after });
      const screen = after[action.screen];
      // Loads come from the client already: echoing them back would ping-pong between consoles.
      if (!screen || action.type === "load") return;
      client.save(action.screen, screen).then(
        (result) => {
          if (result.status === "saved") return;
          get().dispatch({ type: "load", screen: action.screen, state: result.latest });
          if (attempt + 1 < maxAttempts) apply(action, attempt + 1);
        },
        (err: unknown) => {
          // Refused (no right, screen gone) or unreachable: show what is really kept, not the failed edit.
          console.warn("wall state not saved", err);
          void reload(action.screen);
        },
      );
    };

    return {
      screens: {},
      dispatch: (action) => apply(action, 0),
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
    };
  });
}
