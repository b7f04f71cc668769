import { describe, expect, it } from "vitest";
import type { WallClient } from "../src/wall/wallClient";
import type { ScreenState } from "../src/wall/wallState";
import { createWallStore } from "../src/wall/wallStore";

function memoryClient(initial: Record<number, ScreenState> = {}) {
  const saved: [number, ScreenState][] = [];
  const listeners = new Map<number, (s: ScreenState) => void>();
  const client: WallClient = {
    load: async (n) => initial[n] ?? null,
    save: async (n, s) => {
      saved.push([n, s]);
    },
    subscribe: (n, fn) => {
      listeners.set(n, fn);
      return () => listeners.delete(n);
    },
  };
  return { client, saved, listeners };
}

describe("wallStore", () => {
  it("saves changed screens through the client, and nothing for no-ops", () => {
    const m = memoryClient();
    const store = createWallStore(m.client);
    store.getState().dispatch({ type: "setLayout", screen: 1, layoutId: "4" });
    store.getState().dispatch({ type: "place", screen: 1, tile: 1, cameraId: "c1" });
    store.getState().dispatch({ type: "place", screen: 1, tile: 1, cameraId: "c1" });
    expect(m.saved.map(([, s]) => s.tiles)).toEqual([
      [null, null, null, null],
      [null, "c1", null, null],
    ]);
  });

  it("follows a screen: loads it, applies remote changes without echoing them", async () => {
    const m = memoryClient({ 2: { layoutId: "4", tiles: ["a"], tourId: null } });
    const store = createWallStore(m.client);
    const stop = store.getState().follow(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().screens[2]?.tiles).toEqual(["a", null, null, null]);
    m.listeners.get(2)?.({ layoutId: "1", tiles: ["b"], tourId: null });
    expect(store.getState().screens[2]?.tiles).toEqual(["b"]);
    expect(m.saved).toHaveLength(0);
    stop();
    expect(m.listeners.size).toBe(0);
  });
});
