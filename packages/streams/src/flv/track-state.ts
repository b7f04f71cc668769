// Codec state of one FLV stream: turns configuration records into a TrackSet and decides when the
// sink must hear about it. Config is announced lazily, just before the next frame, so a video and an
// audio header arriving back to back become ONE config() call (two would look like a codec change).
// Owns no I/O and no codec parsing (that is ../codec, shared with the packager); errors are data.
import { audioTrackFromConfig, parseVideoConfig } from "../codec/tracks";
import type { AudioTrack, TrackSet, VideoTrack } from "../media/types";
import { type FlvError, flvError } from "./flv-error";
import type { VideoCodec } from "./video-tag";

export class TrackState {
  video: VideoTrack | null = null;
  audio: AudioTrack | null = null;
  /** NAL length size of the source when it is not 4 (the contract's AVCC uses 4-byte lengths). */
  nalLengthSize = 4;
  private dirty = false;

  setVideo(codec: VideoCodec, raw: Buffer): FlvError | null {
    if (this.video && this.video.codec === codec && this.rawVideo?.equals(raw)) return null;
    const parsed = parseVideoConfig(codec, raw);
    if (!parsed.ok) {
      const why = parsed.error.message;
      return flvError("flv_config", `unreadable ${codec} decoder configuration record: ${why}`, "video.config");
    }
    const { width, height, codecString, nalLengthSize: lengthSize } = parsed.value;
    const config = Buffer.from(raw);
    if (lengthSize !== 4) {
      // Rewrite lengthSizeMinusOne to 3: frames are converted to 4-byte lengths on the way out.
      const at = codec === "h264" ? 4 : 21;
      config[at] = config[at]! | 3;
    }
    this.nalLengthSize = lengthSize;
    this.rawVideo = Buffer.from(raw);
    this.video = { codec, config, width, height, codecString };
    this.dirty = true;
    return null;
  }

  setAudio(raw: Buffer): FlvError | null {
    if (this.audio?.config.equals(raw)) return null;
    const track = audioTrackFromConfig(Buffer.from(raw));
    if (!track.ok)
      return flvError("flv_config", `unreadable AAC AudioSpecificConfig: ${track.error.message}`, "audio.config");
    this.audio = track.value;
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
