// registry.tap: a sink reads a camera's source events beside the packager — started on demand, held while
// tapped (not idled out), re-attached when the source restarts, released once. Fake source, fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CameraSpec, MediaSink, Source, StreamRegistry } from "../../src/media/types";
import { createStreamRegistry } from "../../src/registry/registry";
import { frames, VIDEO_ONLY } from "../hls/synthetic";
import { Recorder } from "../ps/pipeline";

class FakeSource implements Source {
  sink: MediaSink | null = null;
  stopped = false;
  start(sink: MediaSink): void {
    this.sink = sink;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  play(n: number, fromMs = 0): void {
    this.sink!.config(VIDEO_ONLY);
    for (const u of frames(fromMs, n)) this.sink!.unit(u);
  }
}

const camera: CameraSpec = {
  id: "a",
  name: "a",
  label: "a",
  source: { kind: "sim" },
  codec: "h264",
  hasSubStream: false,
};
let sources: FakeSource[];
let registry: StreamRegistry;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  sources = [];
  registry = createStreamRegistry({
    resolve: (id) => (id === "a" ? camera : null),
    sourceFactory: () => {
      const s = new FakeSource();
      sources.push(s);
      return s;
    },
    idleMs: 5_000,
    tickMs: 1_000,
    now: () => Date.now(),
  });
});

afterEach(async () => {
  await registry.close();
  vi.useRealTimers();
});

describe("registry.tap", () => {
  it("starts the source, delivers config and units, holds it past idle, re-attaches after a restart", async () => {
    const sink = new Recorder();
    const t = await registry.tap("a", "sub", sink); // no sub stream: the main one
    expect(t.ok).toBe(true);
    expect(sources).toHaveLength(1);
    sources[0]!.play(10);
    expect(sink.configs).toHaveLength(1);
    expect(sink.units).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sources[0]!.stopped).toBe(false);
    await registry.stopCamera("a");
    await vi.advanceTimersByTimeAsync(1_500); // the housekeeping tick restarts what is held
    expect(sources).toHaveLength(2);
    sources[1]!.play(5, 10_000);
    expect(sink.units).toHaveLength(15);
    if (t.ok) {
      t.value();
      t.value(); // twice is once
    }
    sources[1]!.play(1, 20_000);
    expect(sink.units).toHaveLength(15);
    await vi.advanceTimersByTimeAsync(7_000);
    expect(sources[1]!.stopped).toBe(true);
    expect(registry.health()).toEqual([]);
  });

  it("an unknown camera is not_found as data", async () => {
    const t = await registry.tap("zz", "main", new Recorder());
    expect(t).toMatchObject({ ok: false, error: { code: "not_found", field: "cameraId" } });
  });
});
