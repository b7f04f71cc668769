// One video elementary stream of a PS: turns an access unit's NAL units into the media contract's form —
// parameter sets kept out of band in a decoder configuration record (rebuilt when they change), the rest
// length-prefixed (AVCC) with AUDs dropped, and the key flag (H.264 IDR, H.265 IRAP). Owns the codec
// state of the stream; never throws (errors as data). Slices are never parsed.
import { buildAvcC, buildHvcC } from "../codec/records";
import { videoTrackFromConfig } from "../codec/tracks";
import type { VideoTrack } from "../media/types";
import { type PsError, psError } from "./ps-error";

export type VideoCodec = "h264" | "h265";

export type EsFrame =
  | { kind: "frame"; key: boolean; data: Buffer; track: VideoTrack; changed: boolean }
  | { kind: "skip"; error: PsError | null };

interface NalKinds {
  type(n: Buffer): number;
  /** Parameter set slot (0 VPS, 1 SPS, 2 PPS) or -1. */
  paramSet(type: number): number;
  isAud(type: number): boolean;
  isKey(type: number): boolean;
}

const AVC: NalKinds = {
  type: (n) => n[0]! & 0x1f,
  paramSet: (t) => (t === 7 ? 1 : t === 8 ? 2 : -1),
  isAud: (t) => t === 9,
  isKey: (t) => t === 5,
};

const HEVC: NalKinds = {
  type: (n) => (n[0]! >> 1) & 0x3f,
  paramSet: (t) => (t === 32 ? 0 : t === 33 ? 1 : t === 34 ? 2 : -1),
  isAud: (t) => t === 35,
  isKey: (t) => t >= 16 && t <= 23,
};

export class VideoEs {
  private readonly kinds: NalKinds;
  /** Latest parameter sets by slot; one of each (cameras send one SPS/PPS, repeated before key frames). */
  private readonly sets: (Buffer | null)[] = [null, null, null];
  private track: VideoTrack | null = null;
  private dirty = false;
  private reported = new Set<string>();

  constructor(readonly codec: VideoCodec) {
    this.kinds = codec === "h264" ? AVC : HEVC;
  }

  get current(): VideoTrack | null {
    return this.track;
  }

  /** One access unit's NAL units (without start codes). */
  frame(nals: Buffer[]): EsFrame {
    const k = this.kinds;
    const keep: Buffer[] = [];
    let key = false;
    let size = 0;
    for (const nal of nals) {
      const type = k.type(nal);
      const slot = k.paramSet(type);
      if (slot >= 0) {
        const known = this.sets[slot];
        if (!known?.equals(nal)) {
          this.sets[slot] = Buffer.from(nal); // a copy: the AU buffer is short-lived
          this.dirty = true;
        }
        continue;
      }
      if (k.isAud(type)) continue;
      if (k.isKey(type)) key = true;
      keep.push(nal);
      size += 4 + nal.length;
    }
    if (keep.length === 0) return { kind: "skip", error: null };
    let changed = false;
    if (this.dirty && key) {
      const rebuilt = this.rebuild();
      if (!rebuilt.ok) return { kind: "skip", error: rebuilt.error };
      changed = rebuilt.changed;
    }
    if (!this.track) {
      const e = psError("ps_no_config", "frame before the first key frame with parameter sets: dropped");
      return { kind: "skip", error: this.once(e) };
    }
    const data = Buffer.allocUnsafe(size);
    let off = 0;
    for (const nal of keep) {
      data.writeUInt32BE(nal.length, off);
      nal.copy(data, off + 4);
      off += 4 + nal.length;
    }
    return { kind: "frame", key, data, track: this.track, changed };
  }

  /** New parameter sets take effect at a key frame (a decoder cannot switch mid-GOP). */
  private rebuild(): { ok: true; changed: boolean } | { ok: false; error: PsError | null } {
    const [vps, sps, pps] = this.sets;
    const record =
      this.codec === "h264"
        ? buildAvcC(sps ? [sps] : [], pps ? [pps] : [])
        : buildHvcC(vps ? [vps] : [], sps ? [sps] : [], pps ? [pps] : []);
    if (!record.ok)
      return { ok: false, error: this.once(psError("ps_config", record.error.message, record.error.field)) };
    const track = videoTrackFromConfig(this.codec, record.value);
    if (!track.ok) return { ok: false, error: this.once(psError("ps_config", track.error.message, track.error.field)) };
    this.dirty = false;
    if (this.track?.config.equals(track.value.config)) return { ok: true, changed: false };
    this.track = track.value;
    return { ok: true, changed: true };
  }

  /** Each kind of problem is reported once per stream, not once per frame. */
  private once(e: PsError): PsError | null {
    if (this.reported.has(e.message)) return null;
    this.reported.add(e.message);
    return e;
  }
}
