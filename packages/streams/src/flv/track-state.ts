// Codec state of one FLV stream: turns configuration records into a TrackSet and decides when the
// sink must hear about it. Config is announced lazily, just before the next frame, so a video and an
// audio header arriving back to back become ONE config() call (two would look like a codec change).
// Owns no I/O; errors are data.
import type { AudioTrack, TrackSet, VideoTrack } from "../media/types";
import { parseAudioSpecificConfig } from "./aac-info";
import { avcNalLengthSize, parseAvcConfig } from "./avc-info";
import { type FlvError, flvError } from "./flv-error";
import { parseHevcConfig } from "./hevc-info";
import type { VideoCodec } from "./video-tag";

export class TrackState {
  video: VideoTrack | null = null;
  audio: AudioTrack | null = null;
  /** NAL length size of the source when it is not 4 (the contract's AVCC uses 4-byte lengths). */
  nalLengthSize = 4;
  private dirty = false;

  setVideo(codec: VideoCodec, raw: Buffer): FlvError | null {
    if (this.video && this.video.codec === codec && this.rawVideo?.equals(raw)) return null;
    const info = codec === "h264" ? parseAvcConfig(raw) : parseHevcConfig(raw);
    if (!info) return flvError("flv_config", `unreadable ${codec} decoder configuration record`, "video.config");
    const config = Buffer.from(raw);
    const lengthSize = codec === "h264" ? (avcNalLengthSize(raw) ?? 4) : ((raw[21] ?? 3) & 3) + 1;
    if (lengthSize !== 4) {
      // Rewrite lengthSizeMinusOne to 3: frames are converted to 4-byte lengths on the way out.
      const at = codec === "h264" ? 4 : 21;
      config[at] = config[at]! | 3;
    }
    this.nalLengthSize = lengthSize;
    this.rawVideo = Buffer.from(raw);
    this.video = { codec, config, ...info };
    this.dirty = true;
    return null;
  }

  setAudio(raw: Buffer): FlvError | null {
    if (this.audio?.config.equals(raw)) return null;
    const info = parseAudioSpecificConfig(raw);
    if (!info) return flvError("flv_config", "unreadable AAC AudioSpecificConfig", "audio.config");
    this.audio = { codec: "aac", config: Buffer.from(raw), ...info };
    this.dirty = true;
    return null;
  }

  /** The TrackSet to announce before the next frame, or null when nothing changed. */
  takeChange(): TrackSet | null {
    if (!this.dirty) return null;
    this.dirty = false;
    return { video: this.video, audio: this.audio };
  }

  reset(): void {
    this.video = null;
    this.audio = null;
    this.rawVideo = null;
    this.nalLengthSize = 4;
    this.dirty = false;
  }

  private rawVideo: Buffer | null = null;
}

/** Re-frames length-prefixed NAL units from 1- or 2-byte lengths to 4-byte lengths; null if malformed. */
export function toFourByteLengths(data: Buffer, lengthSize: number): Buffer | null {
  const parts: Buffer[] = [];
  let p = 0;
  while (p < data.length) {
    if (p + lengthSize > data.length) return null;
    const len = data.readUIntBE(p, lengthSize);
    p += lengthSize;
    if (p + len > data.length) return null;
    const head = Buffer.alloc(4);
    head.writeUInt32BE(len);
    parts.push(head, data.subarray(p, p + len));
    p += len;
  }
  return Buffer.concat(parts);
}
