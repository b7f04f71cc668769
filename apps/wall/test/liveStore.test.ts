import type { StreamHealth } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { cameraState, mergeHealth } from "../src/live/health";
import { applyLive, initialLiveState, type LiveState } from "../src/live/liveStore";
import { parseLiveMessage } from "../src/live/topics";

const h = (cameraId: string, state: StreamHealth["state"], variant: "main" | "sub" = "sub"): StreamHealth => ({
  cameraId,
  variant,
  state,
  codec: "h264",
  width: 640,
  height: 360,
  fps: 25,
  bitrateKbps: 500,
  viewers: 1,
  lastFrameAt: 1,
  startedAt: 1,
  discontinuities: 0,
  error: null,
});

describe("parseLiveMessage", () => {
  it.each([
    { raw: "nope", ok: false, topic: undefined },
    { raw: '{"data":1}', ok: false, topic: undefined },
    { raw: '{"topic":"future.topic","data":{}}', ok: true, topic: null },
    { raw: '{"topic":"hello","data":{"username":"u","role":"duty","serverTime":5}}', ok: true, topic: "hello" },
    { raw: '{"topic":"hello","data":{"username":"u"}}', ok: false, topic: undefined },
    { raw: `{"topic":"stream.health","data":[${JSON.stringify(h("c1", "live"))}]}`, ok: true, topic: "stream.health" },
    { raw: '{"topic":"catalogue.camera","data":{"id":"c1","camera":null}}', ok: true, topic: "catalogue.camera" },
  ])("$raw", ({ raw, ok, topic }) => {
    const r = parseLiveMessage(raw);
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.value?.topic ?? null).toBe(topic);
  });
});

describe("health", () => {
  it("first snapshot replaces, later updates merge", () => {
    const a = mergeHealth({ old: { sub: h("old", "live") } }, [h("c1", "live")], true);
    expect(Object.keys(a)).toEqual(["c1"]);
    const b = mergeHealth(a, [h("c1", "offline", "main"), h("c2", "starting")], false);
    expect(Object.keys(b).sort()).toEqual(["c1", "c2"]);
    expect(cameraState(b.c1)).toBe("live");
    expect(cameraState(b.c2)).toBe("starting");
    expect(cameraState(undefined)).toBe("idle");
    expect(cameraState({ main: h("x", "offline", "main") })).toBe("offline");
  });

  it("the store treats the first stream.health after connect as the snapshot", () => {
    let s: LiveState = { ...initialLiveState(), health: { stale: { sub: h("stale", "live") } } };
    s = { ...s, ...applyLive(s, { topic: "stream.health", data: [h("c1", "live")] }, 0) };
    expect(Object.keys(s.health)).toEqual(["c1"]);
    s = { ...s, ...applyLive(s, { topic: "stream.health", data: [h("c2", "live")] }, 0) };
    expect(Object.keys(s.health).sort()).toEqual(["c1", "c2"]);
    s = { ...s, ...applyLive(s, { topic: "hello", data: { username: "u", role: "duty", serverTime: 1_500 } }, 1_000) };
    expect(s.clockOffsetMs).toBe(500);
  });

  it("keeps the newest version of each wall screen", () => {
    const screen = (version: number, tiles: (string | null)[]) => ({
      n: 2,
      layoutId: "4" as const,
      tiles,
      tourId: null,
      tour: null,
      alarmTile: null,
      version,
      updatedAt: 1,
      updatedBy: null,
    });
    let s: LiveState = initialLiveState();
    s = { ...s, ...applyLive(s, { topic: "wall.screen", data: screen(3, ["a", null, null, null]) }, 0) };
    s = { ...s, ...applyLive(s, { topic: "wall.screen", data: screen(2, ["old", null, null, null]) }, 0) };
    expect(s.wallScreens[2]?.tiles[0]).toBe("a");
    s = { ...s, ...applyLive(s, { topic: "wall.screen", data: screen(3, ["tour", null, null, null]) }, 0) };
    expect(s.wallScreens[2]?.tiles[0]).toBe("tour");
    const parsed = parseLiveMessage(JSON.stringify({ topic: "wall.screen", data: screen(1, ["a"]) }));
    expect(parsed.ok).toBe(false);
  });
});
