// Streaming MPEG-TS demuxer (ISO/IEC 13818-1): bytes in (any chunking), TrackSet + AccessUnits out, like
// the FLV demuxer for RTMP. It is how H.265 reaches the packager from an RTSP camera: Debian 12's ffmpeg
// cannot write HEVC into FLV, so the relay writes MPEG-TS (`-c copy -f mpegts`). Reads PAT and PMT, the
// first H.264 (0x1B) or H.265 (0x24) stream and the first AAC/ADTS (0x0F) stream; PES are reassembled per
// PID and cut into access units by the PS path's assembler (a PES need not hold exactly one frame).
// Owns the per-PID PES buffers and the codec state; never throws: problems go to `error` once each.

import { audioTrackFromConfig } from "../codec/tracks";
import type { AccessUnit, AudioTrack, MediaSink, TrackSet, VideoTrack } from "../media/types";
import { AccessUnitAssembler, type EsUnit } from "../ps/access-units";
import { parsePes } from "../ps/headers";
import { Unwrapper } from "../ps/unwrap";
import { type VideoCodec, VideoEs } from "../ps/video-es";
import { splitAdts } from "./adts";

export const TS_PACKET = 188;
const SYNC = 0x47;
const PAT_PID = 0;
const STREAM_TYPES: Record<number, VideoCodec | "aac"> = { 27: "h264", 36: "h265", 15: "aac" };
/** Video held while the PMT's audio has not shown its configuration (so config() is called once). */
const HOLD_VIDEO_MS = 1500;

export interface TsStats {
  videoFrames: number;
  audioFrames: number;
  /** Stream types seen in the PMT that are not carried (e.g. G.711 as private data). */
  unsupported: number[];
}

export class TsDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private pmtPid: number | null = null;
  private videoPid: number | null = null;
  private audioPid: number | null = null;
  private readonly pes = new Map<number, Buffer[]>();
  private es: VideoEs | null = null;
  private assembler: AccessUnitAssembler | null = null;
  private readonly videoClock = new Unwrapper(33);
  private readonly audioClock = new Unwrapper(33);
  private video: VideoTrack | null = null;
  private audio: AudioTrack | null = null;
  private announced: TrackSet | null = null;
  private held: AccessUnit[] = [];
  private readonly reported = new Set<string>();
  readonly stats: TsStats = { videoFrames: 0, audioFrames: 0, unsupported: [] };

  constructor(
    private readonly sink: MediaSink,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  push(chunk: Buffer): void {
    let b = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let p = 0;
    while (p + TS_PACKET <= b.length) {
      if (b[p] !== SYNC) {
        const next = b.indexOf(SYNC, p + 1); // lost sync: find the next packet start
        this.report("MPEG-TS sync byte missing: resynchronising");
        if (next < 0) {
          p = b.length;
          break;
        }
        p = next;
        continue;
      }
      this.packet(b.subarray(p, p + TS_PACKET));
      p += TS_PACKET;
    }
    b = b.subarray(p);
    this.pending = b.length > 0 ? Buffer.from(b) : Buffer.alloc(0);
  }

  /** The input ended: what is buffered goes out. */
  flush(): void {
    for (const pid of [...this.pes.keys()]) this.endPes(pid);
    this.assembler?.endOfFrame();
    if (this.held.length > 0) this.release();
  }

  private packet(pkt: Buffer): void {
    const start = (pkt[1]! & 0x40) !== 0;
    const pid = ((pkt[1]! & 0x1f) << 8) | pkt[2]!;
    const afc = (pkt[3]! >> 4) & 3;
    if (!(afc & 1)) return; // no payload
    const at = afc & 2 ? 5 + pkt[4]! : 4;
    if (at >= TS_PACKET) return;
    const payload = pkt.subarray(at);
    if (pid === PAT_PID || pid === this.pmtPid) {
      if (start) this.section(pid, payload.subarray(1 + payload[0]!));
      return;
    }
    if (pid !== this.videoPid && pid !== this.audioPid) return;
    if (start) this.endPes(pid);
    const parts = this.pes.get(pid) ?? [];
    if (!start && parts.length === 0) return; // joined mid-PES: wait for the next start
    parts.push(payload);
    this.pes.set(pid, parts);
    // A bounded PES (audio) goes out as soon as it is whole; video PES (length 0) at the next start.
    const first = parts[0]!;
    const declared = first.length >= 6 ? first.readUInt16BE(4) : 0;
    if (declared > 0 && parts.reduce((n, x) => n + x.length, 0) >= declared + 6) this.endPes(pid);
  }

  private section(pid: number, s: Buffer): void {
    if (s.length < 12) return;
    const length = ((s[1]! & 0x0f) << 8) | s[2]!;
    const end = Math.min(s.length, 3 + length - 4); // without the CRC
    if (pid === PAT_PID && s[0] === 0x00) {
      for (let p = 8; p + 4 <= end; p += 4) {
        if (s.readUInt16BE(p) === 0) continue; // the network PID
        this.pmtPid = s.readUInt16BE(p + 2) & 0x1fff;
        return;
      }
    } else if (s[0] === 0x02) {
      let p = 12 + (s.readUInt16BE(10) & 0x0fff);
      while (p + 5 <= end) {
        const type = s[p]!;
        const esPid = s.readUInt16BE(p + 1) & 0x1fff;
        const kind = STREAM_TYPES[type];
        if ((kind === "h264" || kind === "h265") && this.videoPid === null) {
          this.videoPid = esPid;
          this.es = new VideoEs(kind);
          this.assembler = new AccessUnitAssembler(kind, (u) => this.onVideo(u));
        } else if (kind === "aac" && this.audioPid === null) this.audioPid = esPid;
        else if (!kind && !this.stats.unsupported.includes(type)) {
          this.stats.unsupported.push(type);
          this.report(`MPEG-TS stream type 0x${type.toString(16)} is not carried (H.264, H.265 and AAC are)`);
        }
        p += 5 + (s.readUInt16BE(p + 3) & 0x0fff);
      }
    }
  }

  private endPes(pid: number): void {
    const parts = this.pes.get(pid);
    this.pes.delete(pid);
    if (!parts || parts.length === 0) return;
    const parsed = parsePes(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
    if (!parsed.ok) {
      this.report(`MPEG-TS PES: ${parsed.error.message}`);
      return;
    }
    const { pts, dts, payload } = parsed.value;
    if (pid === this.videoPid) {
      const p = pts === null ? null : this.videoClock.next(pts);
      const d = dts === null ? p : p === null ? null : this.videoClock.near(dts);
      this.assembler?.pes(payload, p, d);
    } else if (pts !== null) this.onAudio(payload, this.audioClock.next(pts));
  }

  private onVideo(unit: EsUnit): void {
    const f = this.es!.frame(unit.nals);
    if (f.kind === "skip") {
      if (f.error) this.report(f.error.message);
      return;
    }
    this.video = f.track;
    this.stats.videoFrames++;
    const dts = Math.round(unit.dts / 90);
    const au: AccessUnit = { kind: "video", dts, pts: Math.round(unit.pts / 90), key: f.key, data: f.data };
    const first = this.held[0];
    if (this.audioPid !== null && !this.audio && (!first || dts - first.dts < HOLD_VIDEO_MS)) {
      this.held.push(au); // the audio's first ADTS header is on its way: announce both at once
      return;
    }
    this.release();
    this.sink.unit(au);
  }

  /** Announces the tracks and sends the video held for them. */
  private release(): void {
    this.announce();
    const held = this.held;
    this.held = [];
    for (const au of held) this.sink.unit(au);
  }

  private onAudio(payload: Buffer, pts90k: number): void {
    const frames = splitAdts(payload);
    if (frames.length === 0) {
      this.report("MPEG-TS: an AAC PES without whole ADTS frames");
      return;
    }
    const first = frames[0]!;
    if (!this.audio?.config.equals(first.asc)) {
      const t = audioTrackFromConfig(first.asc);
      if (!t.ok) {
        this.report(`AAC: ${t.error.message}`);
        return;
      }
      this.audio = t.value;
    }
    // Audio waits for the video's first configuration when there is video (one config for both).
    if (this.videoPid !== null && !this.video) return;
    this.release();
    frames.forEach((f, i) => {
      this.stats.audioFrames++;
      const dts = Math.round((pts90k + (i * 1024 * 90_000) / f.sampleRate) / 90);
      this.sink.unit({ kind: "audio", dts, pts: dts, key: true, data: f.data });
    });
  }

  /** One config() for both tracks, and again only when one of them changes. */
  private announce(): void {
    const a = this.announced;
    if (a && a.video === this.video && a.audio === this.audio) return;
    this.announced = { video: this.video, audio: this.audio };
    this.sink.config(this.announced);
  }

  private report(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.onError(message);
  }
}
