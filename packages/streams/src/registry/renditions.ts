// What a running rendition carries, as a multivariant playlist names it: CODECS, RESOLUTION, BANDWIDTH.
// Pure: reads the entry's packager and health, changes nothing.
import type { Variant } from "@cw/protocol";
import type { RenditionInfo } from "../hls/multivariant";
import type { TrackSet } from "../media/types";
import type { TranscodePlan } from "../transcode/plan";
import type { Entry } from "./entry";

/** Before a complete segment gives a measured peak, BANDWIDTH is the health bit rate or a typical one. */
const TYPICAL_BPS: Record<Variant, number> = { main: 4_000_000, sub: 1_000_000 };

export function renditionOf(variant: Variant, e: Entry): RenditionInfo | null {
  const tracks = e.packager.trackSet;
  const video = tracks?.video;
  if (!tracks || !video) return null;
  const health = e.health.snapshot(0, 0);
  const measured = e.packager.peakBitrate() || health.bitrateKbps * 1000;
  return {
    uri: `${variant}/index.m3u8`,
    codecs: tracks.audio ? [video.codecString, tracks.audio.codecString] : [video.codecString],
    width: video.width,
    height: video.height,
    bandwidth: measured > 0 ? measured : TYPICAL_BPS[variant],
    frameRate: health.fps > 0 ? health.fps : null,
  };
}

/** An H.264 transcode's entry in the multivariant, from its plan (it starts on its first request). */
export function transcodeRenditionOf(plan: TranscodePlan, source: TrackSet): RenditionInfo {
  const video = source.video;
  const audio = source.audio ? [source.audio.codecString] : [];
  return {
    uri: `${plan.rendition}/index.m3u8`,
    codecs: [plan.codecString, ...audio],
    width: plan.width ?? video?.width ?? 0,
    height: plan.height ?? video?.height ?? 0,
    bandwidth: plan.rendition === "sub-h264" ? 500_000 : 1_500_000,
    frameRate: plan.fps,
  };
}
