// A transcoder attaching to a running H.265 stream gets its config and the last two GOPs at once (from
// the key frame before the last), so its first segment does not wait for real time. Fake transcoder:
// this checks what the registry hands it, not ffmpeg (test/transcode does that).
import { expect, it } from "vitest";
import type { AccessUnit, MediaSink, TrackSet } from "../../src/media/types";
import { createStreamRegistry } from "../../src/registry/registry";
import { TRANSCODE_PLANS } from "../../src/transcode/plan";
import { h265Fixture } from "../fmp4/media";
import { testCamera } from "./replay";

it("replays config + the units since the key frame before the last to an attaching transcoder", async () => {
  const hevc = h265Fixture({ seconds: 3 }); // key frames at 0, 25, 50
  let source: MediaSink | null = null;
  const got: Array<TrackSet | AccessUnit> = [];
  const registry = createStreamRegistry({
    resolve: () => ({ ...testCamera("c"), codec: "h265" }),
    sourceFactory: () => ({
      start: (sink) => {
        source = sink;
      },
      stop: async () => {},
    }),
    transcode: {
      max: 1,
      plan: (r) => TRANSCODE_PLANS[r],
      source: (_c, _p, upstream) => ({
        start: () => {
          upstream.attach({
            config: (t) => got.push(t),
            unit: (u) => got.push(u),
            discontinuity() {},
            end() {},
          });
        },
        stop: async () => {},
      }),
    },
  });
  try {
    expect((await registry.start("c", "main")).ok).toBe(true);
    source!.config({ video: hevc.track, audio: null });
    for (const u of hevc.aus.slice(0, 60)) source!.unit(u);
    expect((await registry.start("c", "sub-h264")).ok).toBe(true);
    const units = got.filter((x): x is AccessUnit => "kind" in x);
    expect("video" in got[0]! && got[0].video?.codec).toBe("h265");
    expect(units.map((u) => u.dts)).toEqual(hevc.aus.slice(25, 60).map((u) => u.dts));
    expect(units[0]?.key).toBe(true);
  } finally {
    await registry.close();
  }
});
