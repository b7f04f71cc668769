// Codec config record → the media contract's track descriptions. Sources (the FLV demuxer, RTSP) call
// these with the bytes they received so every track reaching the packager carries a parsed size and
// codec string. The one place that picks the parser for a video codec; never throws.
import type { Result } from "@cw/protocol";
import type { AudioTrack, VideoTrack } from "../media/types";
import { parseAudioSpecificConfig } from "./aac";
import { type AvcConfig, parseAvcC } from "./avc";
import { type HevcConfig, parseHvcC } from "./hevc";
import { ok } from "./result";

/** The decoder configuration record of either video codec (avcC or hvcC). */
export function parseVideoConfig(codec: "h264" | "h265", config: Buffer): Result<AvcConfig | HevcConfig> {
  return codec === "h264" ? parseAvcC(config) : parseHvcC(config);
}

export function videoTrackFromConfig(codec: "h264" | "h265", config: Buffer): Result<VideoTrack> {
  const parsed = parseVideoConfig(codec, config);
  if (!parsed.ok) return parsed;
  const { width, height, codecString } = parsed.value;
  return ok({ codec, config, width, height, codecString });
}

export function audioTrackFromConfig(config: Buffer): Result<AudioTrack> {
  const parsed = parseAudioSpecificConfig(config);
  if (!parsed.ok) return parsed;
  const { sampleRate, channels, codecString } = parsed.value;
  return ok({ codec: "aac", config, sampleRate, channels, codecString });
}
