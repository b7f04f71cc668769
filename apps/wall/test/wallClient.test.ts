import { describe, expect, it } from "vitest";
import { lastViewClient, localWallClient, splitWallClient, type WallClient } from "../src/wall/wallClient";

function recording(name: string, calls: string[]): WallClient {
  return {
    load: async (n) => {
      calls.push(`${name}.load ${n}`);
      return null;
    },
    save: async (n) => {
      calls.push(`${name}.save ${n}`);
      return { status: "saved" };
    },
    subscribe: (n) => {
      calls.push(`${name}.subscribe ${n}`);
      return () => {};
    },
  };
}

describe("splitWallClient", () => {
  it.each([
    { screen: 0, to: "local" },
    { screen: 1, to: "remote" },
    { screen: 16, to: "remote" },
  ])("screen $screen goes to the $to client", async ({ screen, to }) => {
    const calls: string[] = [];
    const client = splitWallClient(recording("local", calls), recording("remote", calls));
    await client.load(screen);
    await client.save(screen, { layoutId: "1", tiles: [null], tourId: null });
    client.subscribe(screen, () => {})();
    expect(calls).toEqual([`${to}.load ${screen}`, `${to}.save ${screen}`, `${to}.subscribe ${screen}`]);
  });
});

/** An in-memory Web Storage for localWallClient. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

describe("lastViewClient", () => {
  const view = { layoutId: "4" as const, tiles: ["a", null, null, null], tourId: null };

  it("starts a new tab from the last view saved on this PC, and keeps both up to date", async () => {
    const pc = memoryStorage();
    const first = lastViewClient(localWallClient(memoryStorage()), localWallClient(pc));
    expect(await first.load(0)).toBeNull();
    await first.save(0, view);
    const newTab = lastViewClient(localWallClient(memoryStorage()), localWallClient(pc));
    expect(await newTab.load(0)).toEqual(view);
  });

  it("prefers the tab's own view over the PC's last one", async () => {
    const pc = memoryStorage();
    const tab = memoryStorage();
    await localWallClient(pc).save(0, view);
    await localWallClient(tab).save(0, { layoutId: "1", tiles: ["b"], tourId: null });
    const client = lastViewClient(localWallClient(tab), localWallClient(pc));
    expect(await client.load(0)).toEqual({ layoutId: "1", tiles: ["b"], tourId: null });
  });
});
