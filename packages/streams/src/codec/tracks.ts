// Codec config record → the media contract's track descriptions. Sources call these with the bytes from
// FLV/RTSP so every track reaching the packager carries a parsed size and codec string.
import type { Result } from "@cw/protocol";
import type { AudioTrack, VideoTrack } from "../media/types";
import { parseAudioSpecificConfig } from "./aac";
import { parseAvcC } from "./avc";
import { parseHvcC } from "./hevc";
import { ok } from "./result";

export function videoTrackFromConfig(codec: "h264" | "h265", config: Buffer): Result<VideoTrack> {
  const parsed = codec === "h264" ? parseAvcC(config) : parseHvcC(config);
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
