// A sub transcode's first playlist waits for one closed segment (listed once the next segment's first part
// is out) of transcoded media, not for the 0.44 s parts of a camera's own sub stream (PART-HOLD-BACK + a
// part = 1.54 s, listed at ~1.9 s): every second of media a cold transcode must make first is a second of
// HEVC to decode. Fake transcoder (1.4 s of H.264 at once): this checks the registry's parts, not ffmpeg
// (test/transcode does that).
import { expect, it } from "vitest";
import { createStreamRegistry } from "../../src/registry/registry";
import { TRANSCODE_PLANS } from "../../src/transcode/plan";
import { h264Fixture } from "../fmp4/media";
import { testCamera } from "./replay";

it("sub-h264: main's short parts, and a first playlist once its first segment closed", async () => {
  const out = h264Fixture({ seconds: 2 }); // key frames at 0 and 1000 ms, 25 fps
  const registry = createStreamRegistry({
    resolve: () => ({ ...testCamera("c"), codec: "h265" }),
    sourceFactory: () => ({ start() {}, stop: async () => {} }),
    firstPartWaitMs: 2_000,
    transcode: {
      max: 1,
      plan: (r) => TRANSCODE_PLANS[r],
      source: () => ({
        start: (sink) => {
          sink.config({ video: out.track, audio: null });
          for (const u of out.aus.filter((a) => a.dts <= 1400)) sink.unit(u);
        },
        stop: async () => {},
      }),
    },
  });
  try {
    expect((await registry.start("c", "main")).ok).toBe(true);
    const first = await registry.playlist("c", "sub-h264", {});
    expect(first.ok).toBe(true);
    const text = first.ok ? first.value : "";
    expect(text.match(/#EXTINF/g)).toHaveLength(1);
    const partTarget = Number(/PART-TARGET=([\d.]+)/.exec(text)?.[1]);
    expect(partTarget).toBeLessThan(0.3);
  } finally {
    await registry.close();
  }
});
