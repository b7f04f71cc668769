// A cold transcode takes seconds before its first part (ffmpeg starts, decodes a GOP, encodes): while a
// player's first playlist request waits for it, neither the transcode nor the camera stream it reads is
// idle — with a short idle time (STREAM_IDLE_S=3) both used to be stopped mid-start and the tile got a 503.
// Fake source and transcoder, fake timers.
import { afterEach, expect, it, vi } from "vitest";
import type { MediaSink } from "../../src/media/types";
import { createStreamRegistry } from "../../src/registry/registry";
import { TRANSCODE_PLANS } from "../../src/transcode/plan";
import { frames, VIDEO_ONLY } from "../hls/synthetic";
import { testCamera } from "./replay";

afterEach(() => {
  vi.useRealTimers();
});

it("keeps a cold transcode and its source running while its first playlist waits, then idles both out", async () => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  const stopped: string[] = [];
  let transcoded: MediaSink | null = null;
  const registry = createStreamRegistry({
    resolve: () => ({ ...testCamera("c"), codec: "h265" }),
    sourceFactory: () => ({ start: () => {}, stop: async () => void stopped.push("source") }),
    transcode: {
      max: 1,
      plan: (r) => TRANSCODE_PLANS[r],
      source: () => ({
        start: (sink) => {
          transcoded = sink;
        },
        stop: async () => void stopped.push("transcode"),
      }),
    },
    idleMs: 2_000,
    firstPartWaitMs: 10_000,
    now: () => Date.now(),
  });
  try {
    const first = registry.playlist("c", "main-h264", {});
    await vi.advanceTimersByTimeAsync(6_000); // ffmpeg takes 6 s to produce anything
    expect(stopped).toEqual([]);
    transcoded!.config(VIDEO_ONLY);
    for (const u of frames(0, 60)) transcoded!.unit(u);
    expect((await first).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(4_000); // nobody asks any more
    expect(stopped.sort()).toEqual(["source", "transcode"]);
  } finally {
    await registry.close();
  }
});
