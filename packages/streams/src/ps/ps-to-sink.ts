// MPEG-PS (as carried by RTP from GB/T 28181 devices) → the media contract: demuxes the program stream,
// cuts the video elementary stream into access units, and delivers codec config + frames with
// millisecond timestamps to a MediaSink, like the FLV demuxer does for RTMP. The video codec comes from
// the program stream map (sent with key frames) or, without one (ffmpeg's muxers), from the parameter sets.
// RTP markers end a frame early only once they have been seen to fall on frame ends (some devices mark
// every packet). Audio is not carried: GB devices send G.711, which fMP4/HLS players do not take — it is
// dropped and said once through `sink.note` (health `audio: {codec, handling: "dropped"}`), never an error.
// Owns the demuxer and the per-stream codec state; never throws; problems go to `onError` as data.
import type { MediaSink } from "../media/types";
import { AccessUnitAssembler, type EsUnit } from "./access-units";
import { probeVideoCodec, splitNals } from "./annexb";
import { PsDemuxer } from "./demuxer";
import type { Pes, PsmEntry } from "./headers";
import { type PsError, psError } from "./ps-error";
import { audioCodecName, isAudioStreamId, isVideoStreamId, streamTypeName, videoCodecOf } from "./stream-types";
import { Unwrapper } from "./unwrap";
import { type VideoCodec, VideoEs } from "./video-es";

export interface PsPacketInfo {
  /** RTP timestamp (90 kHz): the frame time of PES that carry no PTS. */
  timestamp: number;
  marker: boolean;
}

export interface PsStats {
  frames: number;
  keyFrames: number;
  /** Frames dropped: damaged by loss, before the first key frame, or of a codec we do not carry. */
  droppedFrames: number;
  errors: number;
}

/** Markers that fell on frame ends this many times in a row are trusted to end frames. */
const MARKER_EVIDENCE = 3;

export class PsToSink {
  private readonly demuxer: PsDemuxer;
  private readonly streamTypes = new Map<number, number>();
  private videoId: number | null = null;
  private es: VideoEs | null = null;
  private assembler: AccessUnitAssembler | null = null;
  private readonly pts = new Unwrapper(33);
  private readonly rtpTime = new Unwrapper(32);
  private sawPts = false;
  private lastPts: number | null = null;
  private markerSinceData = false;
  private markerEvidence = 0;
  private markerDistrusted = false;
  private readonly reported = new Set<string>();
  private current: PsPacketInfo = { timestamp: 0, marker: false };
  /** The audio codec last reported as dropped (null: none seen yet). */
  private audioNoted: string | null = null;
  readonly stats: PsStats = { frames: 0, keyFrames: 0, droppedFrames: 0, errors: 0 };

  constructor(
    private readonly sink: MediaSink,
    private readonly onError: (e: PsError) => void = () => {},
  ) {
    this.demuxer = new PsDemuxer({
      psm: (entries) => this.onPsm(entries),
      pes: (pes) => this.onPes(pes),
      error: (e) => this.report(e),
    });
  }

  /** One RTP payload, in sequence order. */
  push(payload: Buffer, info: PsPacketInfo): void {
    this.current = info;
    this.demuxer.push(payload);
    if (!info.marker) return;
    this.markerSinceData = true;
    if (this.markerTrusted && this.demuxer.idle) this.assembler?.endOfFrame();
  }

  /** Packets were lost before the next push. */
  gap(): void {
    this.demuxer.gap();
    this.assembler?.gap();
  }

  private get markerTrusted(): boolean {
    return !this.markerDistrusted && this.markerEvidence >= MARKER_EVIDENCE;
  }

  private onPsm(entries: PsmEntry[]): void {
    for (const e of entries) this.streamTypes.set(e.streamId, e.streamType);
    const audio = entries.find((e) => isAudioStreamId(e.streamId));
    if (audio) this.dropAudio(audioCodecName(audio.streamType));
    const video = entries.find((e) => isVideoStreamId(e.streamId));
    if (!video) return;
    const codec = videoCodecOf(video.streamType);
    if (!codec) {
      const name = streamTypeName(video.streamType);
      this.report(psError("ps_unsupported", `video stream type ${name} is not carried (H.264/H.265 only)`, "psm"));
      return;
    }
    if (this.es?.codec !== codec) this.useCodec(codec);
  }

  private onPes(pes: Pes): void {
    if (isAudioStreamId(pes.streamId)) {
      // Audio without a PSM that names it (ffmpeg's muxers write none): dropped all the same.
      if (this.audioNoted === null) {
        const declared = this.streamTypes.get(pes.streamId);
        this.dropAudio(declared === undefined ? "unknown" : audioCodecName(declared));
      }
      return;
    }
    this.videoId ??= pes.streamId;
    if (pes.streamId !== this.videoId) return;
    const declared = this.streamTypes.get(pes.streamId);
    if (declared !== undefined && !videoCodecOf(declared)) return; // reported with the PSM
    if (!this.assembler) {
      const codec = probeVideoCodec(splitNals(pes.payload));
      if (!codec) {
        this.stats.droppedFrames++;
        return;
      }
      this.useCodec(codec);
    }
    let pts: number | null = null;
    let dts: number | null = null;
    if (pes.pts !== null) {
      this.sawPts = true;
      pts = this.pts.next(pes.pts);
      dts = pes.dts === null ? pts : this.pts.near(pes.dts);
    } else if (!this.sawPts) {
      pts = this.rtpTime.next(this.current.timestamp);
      dts = pts;
    }
    this.weighMarker(pes, pts);
    this.assembler!.pes(pes.payload, pts, dts);
  }

  /** Did the last marker fall on a frame end? A frame that continues after a marker says no, for good. */
  private weighMarker(pes: Pes, pts: number | null): void {
    const startsFrame = pts !== null && pts !== this.lastPts && pes.payload.indexOf(START) <= 1;
    if (this.markerSinceData) {
      if (startsFrame) this.markerEvidence++;
      else this.markerDistrusted = true;
    } else if (startsFrame && this.lastPts !== null) {
      this.markerEvidence = 0;
    }
    if (pts !== null) this.lastPts = pts;
    this.markerSinceData = false;
  }

  /** Audio is never carried (see the header); health says which codec was dropped, once per codec. */
  private dropAudio(codec: string): void {
    if (this.audioNoted === codec) return;
    this.audioNoted = codec;
    this.sink.note?.({ audio: { codec, handling: "dropped" } });
  }

  private useCodec(codec: VideoCodec): void {
    this.es = new VideoEs(codec);
    this.assembler = new AccessUnitAssembler(codec, (u) => this.onUnit(u));
  }

  private onUnit(unit: EsUnit): void {
    const es = this.es!;
    const f = es.frame(unit.nals);
    if (f.kind === "skip") {
      this.stats.droppedFrames++;
      if (f.error) this.report(f.error);
      return;
    }
    if (unit.damaged && !f.key) {
      this.stats.droppedFrames++;
      this.report(psError("ps_damaged", "a frame lost bytes in transit: dropped until the next complete one"));
      return;
    }
    if (f.changed) this.sink.config({ video: f.track, audio: null });
    this.stats.frames++;
    if (f.key) this.stats.keyFrames++;
    this.sink.unit({
      kind: "video",
      dts: Math.round(unit.dts / 90),
      pts: Math.round(unit.pts / 90),
      key: f.key,
      data: f.data,
    });
  }

  /** Each distinct problem once per stream (a lossy link would otherwise log every frame). */
  private report(e: PsError): void {
    this.stats.errors++;
    if (this.reported.has(e.message)) return;
    this.reported.add(e.message);
    this.onError(e);
  }
}

const START = Buffer.from([0, 0, 1]);
