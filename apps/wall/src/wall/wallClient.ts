// Where the wall state lives outside this tab. The console's store goes through this one interface
// so where a screen is kept (this tab, or the gateway: gatewayWallClient.ts) never reaches the UI.
// The local implementation keeps a screen in Web Storage; the console uses it, in sessionStorage, for
// its own working view (screen 0), which belongs to one tab and survives its reload.
import type { ScreenState } from "./wallState";

/** What a save came to: kept, or refused because someone changed the screen first (`latest`). */
export type SaveResult = { status: "saved" } | { status: "conflict"; latest: ScreenState };

export interface WallClient {
  load(screen: number): Promise<ScreenState | null>;
  save(screen: number, state: ScreenState): Promise<SaveResult>;
  /** Changes made elsewhere (another tab, another console via the gateway). */
  subscribe(screen: number, onChange: (state: ScreenState) => void): () => void;
}

const key = (screen: number) => `cw.wall.screen.${screen}`;
const saved: SaveResult = { status: "saved" };

function parse(raw: string | null): ScreenState | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<ScreenState>;
    if (typeof v !== "object" || v === null || typeof v.layoutId !== "string" || !Array.isArray(v.tiles)) return null;
    return { layoutId: v.layoutId, tiles: v.tiles, tourId: v.tourId ?? null } as ScreenState;
  } catch {
    return null;
  }
}

export function localWallClient(storage: Storage = localStorage): WallClient {
  return {
    load: async (screen) => parse(storage.getItem(key(screen))),
    save: async (screen, state) => {
      storage.setItem(key(screen), JSON.stringify(state));
      return saved;
    },
    subscribe: (screen, onChange) => {
      const listener = (e: StorageEvent) => {
        if (e.storageArea !== storage || e.key !== key(screen)) return;
        const state = parse(e.newValue);
        if (state) onChange(state);
      };
      window.addEventListener("storage", listener);
      return () => window.removeEventListener("storage", listener);
    },
  };
}

/**
 * This tab's view first, else the last view saved on this PC: a new console tab (or the browser opened
 * tomorrow) starts from the wall its operator last looked at instead of an empty black wall. Saves go
 * to both; only this tab's changes are followed.
 */
export function lastViewClient(tab: WallClient, pc: WallClient): WallClient {
  return {
    load: async (screen) => (await tab.load(screen)) ?? (await pc.load(screen)),
    save: async (screen, state) => {
      await pc.save(screen, state);
      return tab.save(screen, state);
    },
    subscribe: (screen, onChange) => tab.subscribe(screen, onChange),
  };
}

/** Screen 0 (the console's own view) goes to `local`; output screens 1…N go to `remote`. */
export function splitWallClient(local: WallClient, remote: WallClient): WallClient {
  const pick = (screen: number) => (screen === 0 ? local : remote);
  return {
    load: (screen) => pick(screen).load(screen),
    save: (screen, state) => pick(screen).save(screen, state),
    subscribe: (screen, onChange) => pick(screen).subscribe(screen, onChange),
  };
}
