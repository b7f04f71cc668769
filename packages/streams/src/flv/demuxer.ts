// Streaming FLV demuxer: bytes in (any chunking, file header optional), TrackSet + AccessUnits out.
// Owns the tag framing and the per-stream codec state. Never throws on input: every problem is
// reported as FlvError data; a framing error stops the demuxer until reset() because the tag
// boundaries are lost. Script tags (onMetaData) are ignored: codec config is the truth.
import type { AccessUnit, TrackSet } from "../media/types";
import { parseAudioTag } from "./audio-tag";
import { type FlvError, flvError } from "./flv-error";
import { TrackState, toFourByteLengths } from "./track-state";
import { parseVideoTag } from "./video-tag";

export interface FlvDemuxerEvents {
  tracks(tracks: TrackSet): void;
  unit(au: AccessUnit): void;
  error?(error: FlvError): void;
  /**
   * The stream's audio codec, once per codec (again after resetTracks): AAC is carried; anything else
   * (a camera's G.711) is dropped frame by frame without an error — health says so through this.
   */
  audio?(audio: { codec: string; carried: boolean }): void;
}

const TAG_AUDIO = 8;
const TAG_VIDEO = 9;
const TAG_SCRIPT = 18;
const TAG_HEADER = 11;
const PREV_SIZE = 4;

export class FlvDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private atStart = true;
  private failed = false;
  private readonly state = new TrackState();
  /** One "no config" report per track until its config arrives, not one per dropped frame. */
  private reportedNoConfig = { video: false, audio: false };
  /** The audio codec last announced through `audio` (null: none yet on this upstream). */
  private audioCodec: string | null = null;

  constructor(private readonly events: FlvDemuxerEvents) {}

  /** Current codec state (null tracks until their configuration records arrive). */
  get tracks(): TrackSet {
    return { video: this.state.video, audio: this.state.audio };
  }

  get isFailed(): boolean {
    return this.failed;
  }

  push(chunk: Buffer): void {
    if (this.failed || chunk.length === 0) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let p = this.atStart ? this.skipFileHeader() : 0;
    if (p < 0) return; // need more bytes to decide
    while (!this.failed && p + TAG_HEADER <= this.pending.length) {
      const b = this.pending;
      const type = b[p]! & 0x1f;
      const size = b.readUIntBE(p + 1, 3);
      const end = p + TAG_HEADER + size + PREV_SIZE;
      if (b[p]! & 0xe0 || (type !== TAG_AUDIO && type !== TAG_VIDEO && type !== TAG_SCRIPT)) {
        this.fail(`byte ${b[p]} is not an FLV tag type (8, 9 or 18)`);
        return;
      }
      if (end > b.length) break;
      const prev = b.readUInt32BE(end - PREV_SIZE);
      if (prev !== TAG_HEADER + size) {
        this.fail(`PreviousTagSize ${prev} does not match tag size ${TAG_HEADER + size}`);
        return;
      }
      // 24-bit timestamp + 8-bit extension holding the upper byte.
      const ts = ((b[p + 7]! << 24) | b.readUIntBE(p + 4, 3)) >>> 0;
      const body = b.subarray(p + TAG_HEADER, p + TAG_HEADER + size);
      p = end;
      if (type === TAG_VIDEO) this.onVideo(ts, body);
      else if (type === TAG_AUDIO) this.onAudio(ts, body);
    }
    this.pending = this.pending.subarray(p);
  }

  /** Forget the codec state: the next configuration is announced again (a new upstream). */
  resetTracks(): void {
    this.state.reset();
    this.reportedNoConfig = { video: false, audio: false };
    this.audioCodec = null;
  }

  /** Back to a fresh demuxer: file header allowed again, framing errors cleared. */
  reset(): void {
    this.pending = Buffer.alloc(0);
    this.atStart = true;
    this.failed = false;
    this.resetTracks();
  }

  /** Returns the offset of the first tag, or -1 while too few bytes are buffered to decide. */
  private skipFileHeader(): number {
    const b = this.pending;
    if (b.length < 3) return -1;
    if (b.toString("latin1", 0, 3) !== "FLV") {
      this.atStart = false;
      return 0;
    }
    if (b.length < 9) return -1;
    const dataOffset = b.readUInt32BE(5);
    if (dataOffset < 9 || dataOffset > 1024) {
      this.fail(`FLV header data offset ${dataOffset} is out of range`);
      return -1;
    }
    if (b.length < dataOffset + PREV_SIZE) return -1;
    this.atStart = false;
    return dataOffset + PREV_SIZE;
  }

  private onVideo(dts: number, body: Buffer): void {
    const tag = parseVideoTag(body);
    if (tag.kind === "error") {
      this.report(tag.error);
      return;
    }
    if (tag.kind === "config") {
      this.configured("video", this.state.setVideo(tag.codec, tag.config));
      return;
    }
    if (tag.kind !== "frame") return;
    if (this.state.video?.codec !== tag.codec) {
      this.noConfig("video");
      return;
    }
    let data: Buffer | null = tag.data;
    if (this.state.nalLengthSize !== 4) data = toFourByteLengths(data, this.state.nalLengthSize);
    if (!data) {
      this.report(flvError("flv_tag", "NAL unit lengths overrun the video tag", "video.data"));
      return;
    }
    this.emit({ kind: "video", dts, pts: dts + tag.cts, key: tag.key, data });
  }

  private onAudio(dts: number, body: Buffer): void {
    const tag = parseAudioTag(body);
    if (tag.kind === "error") {
      this.report(tag.error);
      return;
    }
    if (tag.kind === "other") {
      this.announceAudio(tag.codec, false);
      return;
    }
    if (tag.kind === "config") {
      const err = this.state.setAudio(tag.config);
      this.configured("audio", err);
      if (!err) this.announceAudio("aac", true);
      return;
    }
    if (tag.kind !== "frame") return;
    if (!this.state.audio) {
      this.noConfig("audio");
      return;
    }
    this.emit({ kind: "audio", dts, pts: dts, key: true, data: tag.data });
  }

  private announceAudio(codec: string, carried: boolean): void {
    if (this.audioCodec === codec) return;
    this.audioCodec = codec;
    this.events.audio?.({ codec, carried });
  }

  private emit(au: AccessUnit): void {
    const change = this.state.takeChange();
    if (change) this.events.tracks(change);
    this.events.unit(au);
  }

  /** After a configuration record: report it if unreadable, else re-arm the "no config" report. */
  private configured(track: "video" | "audio", err: FlvError | null): void {
    if (err) this.report(err);
    else this.reportedNoConfig[track] = false;
  }

  private noConfig(track: "video" | "audio"): void {
    if (this.reportedNoConfig[track]) return;
    this.reportedNoConfig[track] = true;
    this.report(flvError("flv_no_config", `${track} frame before its codec configuration: dropped`, track));
  }

  private fail(message: string): void {
    this.failed = true;
    this.pending = Buffer.alloc(0);
    this.report(flvError("flv_framing", message));
  }

  private report(error: FlvError): void {
    this.events.error?.(error);
  }
}
