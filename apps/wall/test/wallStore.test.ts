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
      return { status: "saved" };
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

  it("on a conflict adopts the other console's state and applies the same edit on top", async () => {
    const theirs: ScreenState = { layoutId: "4", tiles: ["x", null, null, null], tourId: null };
    const saved: ScreenState[] = [];
    let conflicts = 1;
    const client: WallClient = {
      load: async () => theirs,
      save: async (_n, s) => {
        saved.push(s);
        if (conflicts-- > 0) return { status: "conflict", latest: theirs };
        return { status: "saved" };
      },
      subscribe: () => () => {},
    };
    const store = createWallStore(client);
    store.getState().dispatch({ type: "load", screen: 1, state: { layoutId: "4", tiles: [], tourId: null } });
    store.getState().dispatch({ type: "place", screen: 1, tile: 2, cameraId: "c" });
    await expect.poll(() => saved.length).toBe(2);
    expect(saved[1]?.tiles).toEqual(["x", null, "c", null]);
    expect(store.getState().screens[1]?.tiles).toEqual(["x", null, "c", null]);
  });

  it("gives up after a bounded number of conflicts", async () => {
    const theirs: ScreenState = { layoutId: "1", tiles: [null], tourId: null };
    let saves = 0;
    const client: WallClient = {
      load: async () => theirs,
      save: async () => {
        saves += 1;
        return { status: "conflict", latest: theirs };
      },
      subscribe: () => () => {},
    };
    const store = createWallStore(client);
    store.getState().dispatch({ type: "place", screen: 1, tile: 0, cameraId: "c" });
    await expect.poll(() => saves).toBe(3);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(saves).toBe(3);
  });
});
