// Live push of the wall: a snapshot of every screen on connect (a screen that lost the gateway takes
// it again on reconnect), a PUT reaching two consoles at once, tour pages pushed as they come due,
// preset edits, and nothing of the wall for operators.
import type { LiveMessage, ScreenState } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";
import { connectLive, isScreen } from "./liveClient";

let t: TestGateway;
let commander: string;
beforeAll(async () => {
  t = await startTestGateway({ config: { wallScreens: 2 } });
  commander = await t.login("commander");
});
afterAll(() => t.close());

describe("wall live push", () => {
  it("sends every screen on connect, then a PUT to two clients in the same tick", async () => {
    const a = await connectLive(t.gw.url, commander);
    const b = await connectLive(t.gw.url, await t.login("viewer"));
    for (const c of [a, b]) {
      await c.next(isScreen(1, (s) => s.version === 0));
      await c.next(isScreen(2));
    }
    const cams = ["pj-gate", "pj-gate-ab", "pj-perimeter-e", "pj-perimeter-s", "pj-perimeter-w"];
    const latencies: number[] = [];
    for (const [i, cam] of [...cams, ...cams].entries()) {
      const tiles = [cam, null, null, null];
      const sent = performance.now();
      const res = await t.req("/api/v1/wall/screens/1", {
        method: "PUT",
        cookie: commander,
        json: { layoutId: "4", tiles, tourId: null },
      });
      const answered = performance.now();
      expect(res.status).toBe(200);
      const [ma, mb] = await Promise.all([a, b].map((c) => c.next(isScreen(1, (s) => s.version === i + 1))));
      expect(ma!.msg.data).toMatchObject({ tiles, updatedBy: "commander" });
      expect(mb!.msg.data).toEqual(ma!.msg.data);
      // Pushed before the PUT's answer left: the screens hear it no later than the console does (the slack
      // absorbs this test process's own scheduling on a loaded CI machine; the bench measures latency).
      expect(Math.max(ma!.at, mb!.at)).toBeLessThan(answered + 1000);
      latencies.push(Math.max(ma!.at, mb!.at) - sent);
    }
    latencies.sort((x, y) => x - y);
    const worst = latencies[latencies.length - 1]!;
    console.info(
      `wall PUT → live on 2 clients, 10 PUTs: median ${latencies[5]!.toFixed(1)} ms, max ${worst.toFixed(1)} ms`,
    );
    // Latency is a benchmark figure (docs/benchmarks.md), not a pass/fail here: a timed assertion flakes
    // on a loaded machine. Delivery to both clients, in order, is what this test checks.
    await Promise.all([a.close(), b.close()]);
  });

  it("pushes each tour page as it comes due, without logging it", async () => {
    const c = await connectLive(t.gw.url, commander);
    await c.next(isScreen(2)); // the snapshot
    await t.req("/api/v1/presets", {
      method: "POST",
      cookie: commander,
      json: {
        id: "live-tour",
        name: "轮巡",
        kind: "tour",
        layoutId: "1",
        tour: { dwellS: 5, steps: [{ cameraIds: ["pj-gate", "pj-gate-ab"] }] },
      },
    });
    await c.next((m) => m.topic === "preset" && m.data.id === "live-tour" && m.data.preset !== null);
    await t.req("/api/v1/wall/screens/2/tour", {
      method: "POST",
      cookie: commander,
      json: { action: "start", tourId: "live-tour" },
    });
    const first = await c.next(isScreen(2, (s) => s.tourId === "live-tour"));
    expect(first.msg.data).toMatchObject({ tiles: ["pj-gate"], tour: { step: 0, steps: 2 } });
    const lastSeq = t.gw.core.eventLog.lastSeq;
    t.clock.now += 5_000;
    t.gw.core.features.wall.service.refresh(); // what the scheduler's timer does when the page is due
    const second = await c.next(isScreen(2));
    expect(second.msg.data).toMatchObject({
      tiles: ["pj-gate-ab"],
      tour: { step: 1 },
      version: (first.msg.data as ScreenState).version,
    });
    expect(t.gw.core.eventLog.lastSeq).toBe(lastSeq);
    t.gw.core.features.wall.service.refresh(); // nothing moved: nothing pushed
    await t.req("/api/v1/presets/live-tour", { method: "DELETE", cookie: commander });
    const removed = await c.next((m) => m.topic === "preset" && m.data.id === "live-tour");
    expect(removed.msg.data).toEqual({ id: "live-tour", preset: null });
    const stopped = await c.next(isScreen(2));
    expect(stopped.msg.data).toMatchObject({ tourId: null, tiles: ["pj-gate-ab"] });
    await c.close();
  });

  it("gives operators presets (scoped) but no screens", async () => {
    const op = await connectLive(t.gw.url, await t.login("operator-jz"));
    await op.next((m) => m.topic === "hello");
    await t.req("/api/v1/presets", {
      method: "POST",
      cookie: commander,
      json: { id: "mix", name: "混合", kind: "layout", layoutId: "4", tiles: ["pj-gate", "jz-b1-s1-cell", null, null] },
    });
    await t.req("/api/v1/wall/screens/1", {
      method: "PUT",
      cookie: commander,
      json: { layoutId: "1", tiles: [null], tourId: null },
    });
    const p = await op.next((m) => m.topic === "preset");
    expect(p.msg.data).toMatchObject({ id: "mix", preset: { tiles: [null, "jz-b1-s1-cell", null, null] } });
    expect(op.messages.some((m: { msg: LiveMessage }) => m.msg.topic === "wall.screen")).toBe(false);
    await op.close();
  });
});
