// Parses the body of one FLV audio tag. Only AAC is carried (legacy sound format 10, or enhanced
// FourCC "mp4a"); anything else is reported as unsupported so the caller can drop it. Pure.
import { type FlvError, flvError } from "./flv-error";

export type AudioTag =
  | { kind: "config"; config: Buffer }
  | { kind: "frame"; data: Buffer }
  | { kind: "skip" }
  | { kind: "error"; error: FlvError };

const FORMAT_AAC = 10;
const FORMAT_EX_HEADER = 9;

export function parseAudioTag(body: Buffer): AudioTag {
  const b0 = body[0];
  if (b0 === undefined) return { kind: "error", error: flvError("flv_tag", "empty audio tag", "audio") };
  const format = b0 >> 4;
  if (format === FORMAT_EX_HEADER) {
    if (body.length < 5) return { kind: "error", error: flvError("flv_tag", "enhanced audio tag too short", "audio") };
    const fourcc = body.toString("latin1", 1, 5);
    if (fourcc !== "mp4a") {
      return {
        kind: "error",
        error: flvError("flv_unsupported", `audio FourCC "${fourcc}" is not mp4a`, "audio.fourcc"),
      };
    }
    const packetType = b0 & 0x0f;
    if (packetType === 0) return { kind: "config", config: body.subarray(5) };
    if (packetType === 1) return { kind: "frame", data: body.subarray(5) };
    return { kind: "skip" };
  }
  if (format !== FORMAT_AAC) {
    return {
      kind: "error",
      error: flvError("flv_unsupported", `audio sound format ${format} is not AAC`, "audio.format"),
    };
  }
  if (body.length < 2) return { kind: "error", error: flvError("flv_tag", "AAC tag shorter than 2 bytes", "audio") };
  if (body[1] === 0) return { kind: "config", config: body.subarray(2) };
  if (body[1] === 1) return { kind: "frame", data: body.subarray(2) };
  return { kind: "error", error: flvError("flv_tag", `unknown AAC packet type ${body[1]}`, "audio.packetType") };
}
