// Registry lifecycle with a fake SourceFactory and fake timers: on-demand start, idle stop, health states,
// viewers, counters, shared sub stream, close.
import type { StreamHealth } from "@cw/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CameraSpec, MediaSink, Source, StreamRegistry } from "../../src/media/types";
import type { RegistryOptions } from "../../src/registry/options";
import { createStreamRegistry } from "../../src/registry/registry";
import { frames, VIDEO_ONLY } from "../hls/synthetic";

class FakeSource implements Source {
  sink: MediaSink | null = null;
  stopped = 0;
  constructor(
    readonly camera: string,
    readonly variant: string,
  ) {}
  start(sink: MediaSink): void {
    this.sink = sink;
  }
  async stop(): Promise<void> {
    this.stopped++;
  }
  /** Config + `n` frames of 1 s GOPs starting at `fromMs`. */
  play(n: number, fromMs = 0): void {
    this.sink!.config(VIDEO_ONLY);
    for (const u of frames(fromMs, n)) this.sink!.unit(u);
  }
}

const cam = (id: string, hasSubStream = false): CameraSpec => ({
  id,
  name: id,
  label: id,
  source: { kind: "sim" },
  codec: "h264",
  hasSubStream,
});
const cameras: Record<string, CameraSpec> = { a: cam("a"), b: cam("b", true) };

let sources: FakeSource[];
let registry: StreamRegistry;
let events: StreamHealth[][];

function make(extra: Partial<RegistryOptions> = {}): StreamRegistry {
  registry = createStreamRegistry({
    resolve: (id) => cameras[id] ?? null,
    sourceFactory: (c, v) => {
      const s = new FakeSource(c.id, v);
      sources.push(s);
      return s;
    },
    now: () => Date.now(),
    ...extra,
  });
  registry.onHealth((list) => events.push(list));
  return registry;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  sources = [];
  events = [];
});
afterEach(async () => {
  await registry.close();
  vi.useRealTimers();
});

const states = (): string[] => registry.health().map((h) => `${h.cameraId}/${h.variant}:${h.state}`);

describe("on demand", () => {
  it("the first playlist request starts the source and waits for the first complete segment", async () => {
    make();
    const pending = registry.playlist("a", "main", {});
    await vi.advanceTimersByTimeAsync(0);
    expect(sources).toHaveLength(1);
    expect(states()).toEqual(["a/main:starting"]);
    sources[0]!.play(31);
    const r = await pending;
    expect(r.ok && r.value).toContain('URI="p0.0.m4s",INDEPENDENT=YES');
    expect(states()).toEqual(["a/main:live"]);
    expect(registry.health()[0]).toMatchObject({ codec: "h264", width: 320, height: 180, viewers: 1 });
  });

  it("an unknown camera is not_found and starts nothing", async () => {
    make();
    const r = await registry.playlist("zzz", "main", {});
    expect(r.ok ? null : r.error).toMatchObject({ code: "not_found", field: "cameraId" });
    expect(sources).toHaveLength(0);
  });

  it("init/segment/part of a stream that is not running are not_found (they never start one)", async () => {
    make();
    for (const r of [
      await registry.init("a", "main"),
      await registry.segment("a", "main", 0),
      await registry.part("a", "main", 0, 0),
    ])
      expect(r.ok ? null : r.error.code).toBe("not_found");
    expect(sources).toHaveLength(0);
  });

  it("a cold request gives up with 503 after firstPartWaitMs", async () => {
    make({ firstPartWaitMs: 2000 });
    const pending = registry.playlist("a", "main", {});
    await vi.advanceTimersByTimeAsync(2001);
    const r = await pending;
    expect(r.ok ? null : r.error.code).toBe("unavailable");
  });

  it("sub without a sub stream shares the main entry; with one it is its own", async () => {
    make();
    sourcesPlayOnStart();
    await registry.playlist("a", "sub", {});
    await registry.playlist("a", "main", {});
    await registry.playlist("b", "sub", {});
    expect(sources.map((s) => `${s.camera}/${s.variant}`)).toEqual(["a/main", "b/sub"]);
    expect(states().sort()).toEqual(["a/main:live", "b/sub:live"]);
  });

  it("stops after idleMs without requests, and a later request starts it again", async () => {
    make({ idleMs: 30_000 });
    sourcesPlayOnStart();
    await registry.playlist("a", "main", {});
    await vi.advanceTimersByTimeAsync(20_000);
    await registry.part("a", "main", 0, 0); // any request keeps it alive
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sources[0]!.stopped).toBe(0);
    await vi.advanceTimersByTimeAsync(11_000);
    expect(sources[0]!.stopped).toBe(1);
    expect(registry.health()).toEqual([]);
    expect(events.flat().some((h) => h.cameraId === "a" && h.state === "idle")).toBe(true);
    await registry.playlist("a", "main", {});
    expect(sources).toHaveLength(2);
  });

  it("a request waiting for a slow start keeps the stream alive past idleMs (a cold transcode, a short STREAM_IDLE_S)", async () => {
    make({ idleMs: 2_000, firstPartWaitMs: 10_000 });
    const first = registry.playlist("a", "main", {});
    await vi.advanceTimersByTimeAsync(5_000); // the source takes 5 s to send anything
    expect(sources[0]!.stopped).toBe(0);
    sources[0]!.play(50);
    const got = await first;
    expect(got.ok).toBe(true);
    // Once nobody waits or asks, it idles out as before.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sources[0]!.stopped).toBe(1);
  });
});

describe("health", () => {
  it("live → stalled after 3 s without frames → live when they return", async () => {
    make();
    sourcesPlayOnStart();
    await registry.playlist("a", "main", {});
    await vi.advanceTimersByTimeAsync(2000);
    expect(states()).toEqual(["a/main:live"]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(states()).toEqual(["a/main:stalled"]);
    sources[0]!.sink!.unit(frames(2440, 1)[0]!);
    expect(states()).toEqual(["a/main:live"]);
    expect(events.some((l) => l.length === 1 && l[0]!.state === "live")).toBe(true);
  });

  it("end() → offline with the reason; frames returning → live", async () => {
    make();
    sourcesPlayOnStart();
    await registry.playlist("a", "main", {});
    sources[0]!.sink!.end("publisher left");
    expect(registry.health()[0]).toMatchObject({ state: "offline", error: "publisher left" });
    sources[0]!.play(30, 0); // the publisher is back, timestamps restart at 0
    expect(registry.health()[0]).toMatchObject({ state: "live", error: null, discontinuities: 1 });
  });

  it("starting without a frame for startTimeoutMs → offline", async () => {
    make({ startTimeoutMs: 10_000, firstPartWaitMs: 500 });
    const pending = registry.playlist("a", "main", {});
    await vi.advanceTimersByTimeAsync(500);
    expect((await pending).ok).toBe(false);
    expect(states()).toEqual(["a/main:starting"]);
    await vi.advanceTimersByTimeAsync(9_500);
    expect(registry.health()[0]).toMatchObject({ state: "offline", error: "no frame within 10 s of starting" });
  });

  it("a source factory that throws → offline with the error", async () => {
    registry = createStreamRegistry({
      resolve: (id) => cameras[id] ?? null,
      sourceFactory: () => {
        throw new Error("ffmpeg missing");
      },
      firstPartWaitMs: 100,
    });
    const pending = registry.playlist("a", "main", {});
    await vi.advanceTimersByTimeAsync(100);
    expect((await pending).ok).toBe(false);
    expect(registry.health()[0]).toMatchObject({ state: "offline", error: "source failed to start: ffmpeg missing" });
  });

  it("viewers are distinct clients seen in the last 10 s", async () => {
    make();
    sourcesPlayOnStart();
    await registry.playlist("a", "main", { clientId: "x" });
    await registry.playlist("a", "main", { clientId: "y" });
    await registry.playlist("a", "sub", { clientId: "y" });
    expect(registry.health()[0]!.viewers).toBe(2);
    await vi.advanceTimersByTimeAsync(6_000);
    await registry.playlist("a", "main", { clientId: "x" });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(registry.health()[0]!.viewers).toBe(1);
  });

  it("fps and bitrate over the sliding window; a full health tick every second", async () => {
    make();
    sourcesPlayOnStart();
    await registry.playlist("a", "main", {});
    const sink = sources[0]!.sink!;
    let dts = 2440;
    events = [];
    for (let s = 0; s < 4; s++) {
      for (let i = 0; i < 25; i++) {
        sink.unit({ kind: "video", dts, pts: dts, key: false, data: Buffer.alloc(1000) });
        dts += 40;
        await vi.advanceTimersByTimeAsync(40);
      }
    }
    const h = registry.health()[0]!;
    expect(h.fps).toBeCloseTo(25, 0);
    expect(h.bitrateKbps).toBeCloseTo(200, -1);
    expect(events.filter((l) => l.length === 1 && l[0]!.state === "live").length).toBeGreaterThanOrEqual(3);
  });

  it("stats count bytes in and out", async () => {
    make();
    sourcesPlayOnStart();
    const r = await registry.playlist("a", "main", {});
    const part = await registry.part("a", "main", 0, 0);
    const stats = registry.stats();
    expect(stats.bytesIn).toBe(61 * 6);
    expect(stats.bytesOut).toBe((r.ok ? r.value.length : 0) + (part.ok ? part.value.length : 0));
    expect(stats.packagerErrors).toBe(0);
  });
});

describe("stopping", () => {
  it("stopCamera stops that camera's streams only; close() stops the rest and rejects later requests", async () => {
    make();
    sourcesPlayOnStart();
    await registry.playlist("a", "main", {});
    await registry.playlist("b", "main", {});
    await registry.stopCamera("a");
    expect(sources.map((s) => s.stopped)).toEqual([1, 0]);
    expect(states()).toEqual(["b/main:live"]);
    await registry.close();
    expect(sources.map((s) => s.stopped)).toEqual([1, 1]);
    const r = await registry.playlist("a", "main", {});
    expect(r.ok ? null : r.error.code).toBe("unavailable");
  });

  it("a source that keeps writing after stop is ignored", async () => {
    make();
    sourcesPlayOnStart();
    await registry.playlist("a", "main", {});
    const sink = sources[0]!.sink!;
    await registry.stopCamera("a");
    const before = registry.stats().bytesIn;
    sink.unit(frames(2440, 1)[0]!);
    expect(registry.stats().bytesIn).toBe(before);
  });
});

/** Makes every new fake source deliver two GOPs and the next segment's first part synchronously when started (a GOP-cache replay plus a moment of live): enough for a sub stream's first playlist (a complete segment and PART-HOLD-BACK + a part of media). */
function sourcesPlayOnStart(): void {
  const push = sources.push.bind(sources);
  sources.push = (...s: FakeSource[]) => {
    for (const src of s) {
      const start = src.start.bind(src);
      src.start = (sink) => {
        start(sink);
        src.play(61);
      };
    }
    return push(...s);
  };
}

describe("holds and segments (recording)", () => {
  it("a held stream starts without a request, never idles out, restarts after a stop, and idles once released", async () => {
    make({ idleMs: 30_000 });
    const release = registry.hold("a", "main");
    await vi.advanceTimersByTimeAsync(0);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sources[0]!.stopped).toBe(0);
    await registry.stopCamera("a"); // a camera edit stops it; the hold brings it back on the next tick
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources).toHaveLength(2);
    release();
    release(); // idempotent: one release per hold
    await vi.advanceTimersByTimeAsync(31_000);
    expect(sources[1]!.stopped).toBe(1);
  });

  it("two holds keep it running until both are released; sub without a sub stream holds main", async () => {
    make({ idleMs: 5_000 });
    const r1 = registry.hold("a", "sub");
    const r2 = registry.hold("a", "main");
    await vi.advanceTimersByTimeAsync(0);
    expect(sources.map((s) => s.variant)).toEqual(["main"]);
    r1();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sources[0]!.stopped).toBe(0);
    r2();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(sources[0]!.stopped).toBe(1);
  });

  it("every closed segment reaches onSegment with its init and a per-start stream number", async () => {
    make();
    const got: Array<{ camera: string; msn: number; stream: number; init: number; bytes: number }> = [];
    registry.onSegment((e) =>
      got.push({
        camera: e.cameraId,
        msn: e.segment.msn,
        stream: e.stream,
        init: e.init.length,
        bytes: e.segment.bytes?.length ?? 0,
      }),
    );
    sourcesPlayOnStart();
    await registry.playlist("a", "main", {});
    expect(got.map((g) => g.msn)).toEqual([0, 1]);
    expect(got[0]!.init).toBeGreaterThan(0);
    expect(got[0]!.bytes).toBeGreaterThan(0);
    expect(got[1]!.stream).toBe(got[0]!.stream);
    await registry.stopCamera("a");
    await registry.playlist("a", "main", {});
    expect(got.map((g) => g.msn)).toEqual([0, 1, 0, 1]);
    expect(got[2]!.stream).not.toBe(got[0]!.stream);
  });
});
