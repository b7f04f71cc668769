// Parses the body of one FLV video tag: legacy AVC (codec id 7), the legacy Chinese HEVC extension
// (codec id 12) and enhanced RTMP/FLV (FourCC "avc1"/"hvc1"). Pure; errors are data.
import { type FlvError, flvError } from "./flv-error";

export type VideoCodec = "h264" | "h265";

export type VideoTag =
  | { kind: "config"; codec: VideoCodec; config: Buffer }
  | { kind: "frame"; codec: VideoCodec; key: boolean; cts: number; data: Buffer }
  | { kind: "skip" }
  | { kind: "error"; error: FlvError };

const CODEC_AVC = 7;
const CODEC_HEVC_LEGACY = 12;
const FRAME_KEY = 1;
const FRAME_COMMAND = 5;

// Enhanced RTMP packet types.
const EX_SEQUENCE_START = 0;
const EX_CODED_FRAMES = 1;
const EX_SEQUENCE_END = 2;
const EX_CODED_FRAMES_X = 3;
const EX_METADATA = 4;
const EX_MPEG2TS_SEQUENCE_START = 5;

const FOURCC: Record<string, VideoCodec> = { avc1: "h264", hvc1: "h265" };

const readSi24 = (b: Buffer, at: number): number => {
  const v = b.readUIntBE(at, 3);
  return v & 0x800000 ? v - 0x1000000 : v;
};

export function parseVideoTag(body: Buffer): VideoTag {
  const b0 = body[0];
  if (b0 === undefined) return { kind: "error", error: flvError("flv_tag", "empty video tag", "video") };
  const frameType = (b0 >> 4) & 7;
  if (frameType === FRAME_COMMAND) return { kind: "skip" };
  return b0 & 0x80 ? parseEnhanced(body, frameType, b0 & 0x0f) : parseLegacy(body, frameType, b0 & 0x0f);
}

function parseLegacy(body: Buffer, frameType: number, codecId: number): VideoTag {
  const codec = codecId === CODEC_AVC ? "h264" : codecId === CODEC_HEVC_LEGACY ? "h265" : null;
  if (!codec) {
    return {
      kind: "error",
      error: flvError("flv_unsupported", `video codec id ${codecId} is not H.264/H.265`, "video.codecId"),
    };
  }
  if (body.length < 5) return { kind: "error", error: flvError("flv_tag", "video tag shorter than 5 bytes", "video") };
  const packetType = body[1]!;
  if (packetType === 0) return { kind: "config", codec, config: body.subarray(5) };
  if (packetType === 1) {
    return { kind: "frame", codec, key: frameType === FRAME_KEY, cts: readSi24(body, 2), data: body.subarray(5) };
  }
  if (packetType === 2) return { kind: "skip" };
  return { kind: "error", error: flvError("flv_tag", `unknown AVC packet type ${packetType}`, "video.packetType") };
}

function parseEnhanced(body: Buffer, frameType: number, packetType: number): VideoTag {
  if (body.length < 5)
    return { kind: "error", error: flvError("flv_tag", "enhanced video tag shorter than 5 bytes", "video") };
  const fourcc = body.toString("latin1", 1, 5);
  const codec = FOURCC[fourcc];
  if (!codec) {
    return {
      kind: "error",
      error: flvError("flv_unsupported", `video FourCC "${fourcc}" is not avc1/hvc1`, "video.fourcc"),
    };
  }
  switch (packetType) {
    case EX_SEQUENCE_START:
      return { kind: "config", codec, config: body.subarray(5) };
    case EX_CODED_FRAMES:
      if (body.length < 8)
        return { kind: "error", error: flvError("flv_tag", "coded frames without composition time", "video") };
      return { kind: "frame", codec, key: frameType === FRAME_KEY, cts: readSi24(body, 5), data: body.subarray(8) };
    case EX_CODED_FRAMES_X:
      return { kind: "frame", codec, key: frameType === FRAME_KEY, cts: 0, data: body.subarray(5) };
    case EX_SEQUENCE_END:
    case EX_METADATA:
    case EX_MPEG2TS_SEQUENCE_START:
      return { kind: "skip" };
    default:
      return {
        kind: "error",
        error: flvError("flv_unsupported", `enhanced video packet type ${packetType}`, "video.packetType"),
      };
  }
}
