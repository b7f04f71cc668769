// Test helper: a real clip encoded by ffmpeg (x264 / x265, no B-frames or with them), read back through our
// MPEG-TS demuxer into the media contract's form (config + AVCC access units, ms timestamps) — what a
// camera's ingest hands the registry. Cached per argument set.
import type { AccessUnit, VideoTrack } from "../../src/media/types";
import { TsDemuxer } from "../../src/ts/demuxer";
import { FFMPEG, run } from "../fmp4/media";
import { Recorder } from "./pipeline";

export interface EncodedClip {
  track: VideoTrack;
  units: AccessUnit[];
}

export interface ClipSpec {
  codec: "h264" | "h265";
  seconds: number;
  size?: string;
  gop?: number;
  bframes?: number;
}

const cache = new Map<string, EncodedClip>();

export function encodedClip(spec: ClipSpec): EncodedClip {
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  const bf = spec.bframes ?? 0;
  const enc =
    spec.codec === "h264"
      ? ["-c:v", "libx264", "-preset", "ultrafast", "-bf", String(bf)]
      : ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", `log-level=none:bframes=${bf}`];
  const ts = run(FFMPEG, [
    ...["-hide_banner", "-loglevel", "error", "-f", "lavfi"],
    ...["-i", `testsrc2=size=${spec.size ?? "320x180"}:rate=25`, "-t", String(spec.seconds)],
    ...[...enc, "-g", String(spec.gop ?? 25), "-pix_fmt", "yuv420p", "-f", "mpegts", "-"],
  ]);
  const rec = new Recorder();
  const d = new TsDemuxer(rec);
  d.push(ts);
  d.flush();
  const track = rec.configs[0]?.video;
  if (!track) throw new Error("ffmpeg's clip gave no video config");
  const clip = { track, units: rec.units.filter((u) => u.kind === "video") };
  cache.set(key, clip);
  return clip;
}
