// Where the wall state lives outside this tab. The console's store goes through this one interface
// so the gateway sync (GET/PUT /api/v1/wall/screens/{n}) plugs in without touching the UI.
// The local implementation keeps screens in localStorage; the `storage` event makes another tab
// (a big-screen output on the same machine) follow the console.
import type { ScreenState } from "./wallState";

export interface WallClient {
  load(screen: number): Promise<ScreenState | null>;
  save(screen: number, state: ScreenState): Promise<void>;
  /** Changes made elsewhere (another tab, another console via the gateway). */
  subscribe(screen: number, onChange: (state: ScreenState) => void): () => void;
}

const key = (screen: number) => `cw.wall.screen.${screen}`;

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
    },
    subscribe: (screen, onChange) => {
      const listener = (e: StorageEvent) => {
        if (e.key !== key(screen)) return;
        const state = parse(e.newValue);
        if (state) onChange(state);
      };
      window.addEventListener("storage", listener);
      return () => window.removeEventListener("storage", listener);
    },
  };
}
