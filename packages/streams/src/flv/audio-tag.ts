// Parses the body of one FLV audio tag. Only AAC is carried (legacy sound format 10, or enhanced
// FourCC "mp4a"); any other codec is named (`other`) so the caller can drop it and say which — a camera's
// G.711 (sound formats 7 and 8) is a camera setting, not a broken stream. Pure.
import { type FlvError, flvError } from "./flv-error";

export type AudioTag =
  | { kind: "config"; config: Buffer }
  | { kind: "frame"; data: Buffer }
  | { kind: "skip" }
  /** Audio in a codec we do not carry, by ffmpeg's name for it (`pcm_alaw`, `pcm_mulaw`, `mp3`, …). */
  | { kind: "other"; codec: string }
  | { kind: "error"; error: FlvError };

const FORMAT_AAC = 10;
/** FLV SoundFormat → ffmpeg's codec name (FLV spec, audio tags; 7 and 8 are G.711 at 8 kHz). */
const SOUND_FORMATS: Readonly<Record<number, string>> = {
  0: "pcm",
  1: "adpcm_swf",
  2: "mp3",
  3: "pcm_s16le",
  4: "nellymoser",
  5: "nellymoser",
  6: "nellymoser",
  7: "pcm_alaw",
  8: "pcm_mulaw",
  11: "speex",
  14: "mp3",
  15: "device-specific",
};
const FORMAT_EX_HEADER = 9;

export function parseAudioTag(body: Buffer): AudioTag {
  const b0 = body[0];
  if (b0 === undefined) return { kind: "error", error: flvError("flv_tag", "empty audio tag", "audio") };
  const format = b0 >> 4;
  if (format === FORMAT_EX_HEADER) {
    if (body.length < 5) return { kind: "error", error: flvError("flv_tag", "enhanced audio tag too short", "audio") };
    const fourcc = body.toString("latin1", 1, 5);
    if (fourcc !== "mp4a") return { kind: "other", codec: fourcc.trim() || "unknown" };
    const packetType = b0 & 0x0f;
    if (packetType === 0) return { kind: "config", config: body.subarray(5) };
    if (packetType === 1) return { kind: "frame", data: body.subarray(5) };
    return { kind: "skip" };
  }
  if (format !== FORMAT_AAC) return { kind: "other", codec: SOUND_FORMATS[format] ?? `flv-sound-${format}` };
  if (body.length < 2) return { kind: "error", error: flvError("flv_tag", "AAC tag shorter than 2 bytes", "audio") };
  if (body[1] === 0) return { kind: "config", config: body.subarray(2) };
  if (body[1] === 1) return { kind: "frame", data: body.subarray(2) };
  return { kind: "error", error: flvError("flv_tag", `unknown AAC packet type ${body[1]}`, "audio.packetType") };
}
