import type { ScreenPut, ScreenState as WireScreen } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { gatewayWallClient, type ScreenFeed } from "../src/wall/gatewayWallClient";
import type { ScreenState } from "../src/wall/wallState";

const wire = (version: number, tiles: (string | null)[], extra: Partial<WireScreen> = {}): WireScreen => ({
  n: 1,
  layoutId: "4",
  tiles,
  tourId: null,
  tour: null,
  alarmTile: null,
  version,
  updatedAt: 0,
  updatedBy: null,
  ...extra,
});

class Conflict extends Error {}

function fakeGateway(initial: WireScreen) {
  let current = initial;
  const puts: ScreenPut[] = [];
  const gates: Array<() => void> = [];
  let hold = false;
  const listeners = new Set<(s: WireScreen) => void>();
  const feed: ScreenFeed = {
    latest: () => undefined,
    subscribe: (_n, fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  const push = (s: WireScreen) => {
    current = s;
    for (const l of listeners) l(s);
  };
  const api = {
    get: async () => current,
    put: async (_n: number, body: ScreenPut) => {
      puts.push(body);
      if (hold) await new Promise<void>((r) => gates.push(r));
      if (body.ifVersion !== undefined && body.ifVersion !== current.version) throw new Conflict("409");
      const next = wire(current.version + 1, body.tiles, { layoutId: body.layoutId });
      push(next); // the gateway pushes before it answers
      return next;
    },
  };
  const client = gatewayWallClient(api, feed, (e) => e instanceof Conflict);
  return {
    client,
    puts,
    push,
    listeners,
    holdPuts: (on: boolean) => {
      hold = on;
    },
    release: () => {
      for (const g of gates.splice(0)) g();
    },
  };
}

const view = (tiles: (string | null)[]): ScreenState => ({ layoutId: "4", tiles, tourId: null });

describe("gatewayWallClient", () => {
  it("sends the last seen version as ifVersion, and the next save the version the previous one made", async () => {
    const g = fakeGateway(wire(7, [null, null, null, null]));
    await g.client.load(1);
    const a = g.client.save(1, view(["a", null, null, null]));
    const b = g.client.save(1, view(["a", "b", null, null]));
    expect(await a).toEqual({ status: "saved" });
    expect(await b).toEqual({ status: "saved" });
    expect(g.puts.map((p) => p.ifVersion)).toEqual([7, 8]);
  });

  it("reports a conflict with the gateway's latest state", async () => {
    const g = fakeGateway(wire(1, [null, null, null, null]));
    await g.client.load(1);
    g.push(wire(5, ["z", null, null, null])); // someone else, unseen by us (no subscription)
    const r = await g.client.save(1, view(["a", null, null, null]));
    expect(r).toEqual({ status: "conflict", latest: view(["z", null, null, null]) });
  });

  it("delivers live changes, ignores stale ones, and shares one feed subscription", async () => {
    const g = fakeGateway(wire(3, [null, null, null, null]));
    const seen: ScreenState[] = [];
    const stopA = g.client.subscribe(1, (s) => seen.push(s));
    const stopB = g.client.subscribe(1, () => {});
    expect(g.listeners.size).toBe(1);
    g.push(wire(4, ["a", null, null, null]));
    g.push(wire(2, ["old", null, null, null]));
    g.push(wire(4, ["tour-page", null, null, null])); // tour pages keep the version
    expect(seen.map((s) => s.tiles[0])).toEqual(["a", "tour-page"]);
    stopA();
    expect(g.listeners.size).toBe(1);
    stopB();
    expect(g.listeners.size).toBe(0);
  });

  it("holds live echoes while its own saves are in flight, then delivers the newest once", async () => {
    const g = fakeGateway(wire(0, [null, null, null, null]));
    const seen: ScreenState[] = [];
    g.client.subscribe(1, (s) => seen.push(s));
    await g.client.load(1);
    g.holdPuts(true);
    const a = g.client.save(1, view(["a", null, null, null]));
    const b = g.client.save(1, view(["a", "b", null, null]));
    await expect.poll(() => g.puts.length).toBe(1);
    g.release();
    await expect.poll(() => g.puts.length).toBe(2);
    g.release();
    await Promise.all([a, b]);
    expect(seen.map((s) => s.tiles)).toEqual([["a", "b", null, null]]);
  });
});
