// Test helper: a Source that replays fixture access units in real time, looping with continuous timestamps
// (stands in for the RTMP/RTSP sources, which another module owns). Its stop() clears its only timer.
import type { AccessUnit, CameraSpec, MediaSink, Source, TrackSet } from "../../src/media/types";

/** A camera spec for registry tests. */
export const testCamera = (id: string, source: CameraSpec["source"] = { kind: "rtmp" }): CameraSpec => ({
  id,
  name: id,
  label: id,
  source,
  codec: "h264",
  hasSubStream: false,
});

export function replaySource(tracks: TrackSet, aus: AccessUnit[], loopMs: number): Source & { started: number } {
  let timer: NodeJS.Timeout | null = null;
  const self = {
    started: 0,
    start(sink: MediaSink) {
      self.started++;
      sink.config(tracks);
      const t0 = Date.now();
      let i = 0;
      let loop = 0;
      const pump = (): void => {
        const elapsed = Date.now() - t0;
        for (;;) {
          const u = aus[i];
          if (!u) {
            i = 0;
            loop++;
            continue;
          }
          const dts = u.dts + loop * loopMs;
          if (dts > elapsed) break;
          sink.unit({ ...u, dts, pts: u.pts + loop * loopMs });
          i++;
        }
        timer = setTimeout(pump, 10);
      };
      pump();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return self;
}
