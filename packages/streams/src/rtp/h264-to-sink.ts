// Raw H.264 over RTP (a GB/T 28181 device that answered `98 H264/90000`) → the media contract: RFC 6184
// depacketising, then the same access-unit cutting and codec handling as the PS path (each NAL goes to the
// assembler behind a start code, stamped with its packet's RTP timestamp, which RFC 6184 makes the frame's
// presentation time). DTS = PTS: the RTP payload carries no decoding time, and cameras that answer H.264
// send no B-frames. Same push/gap/stats surface as PsToSink so one receiver drives either. Never throws.
import type { MediaSink } from "../media/types";
import { AccessUnitAssembler, type EsUnit } from "../ps/access-units";
import { type PsError, psError } from "../ps/ps-error";
import type { PsPacketInfo, PsStats } from "../ps/ps-to-sink";
import { Unwrapper } from "../ps/unwrap";
import { VideoEs } from "../ps/video-es";
import { H264Depacketizer } from "./h264-depacketizer";

const START = Buffer.from([0, 0, 0, 1]);

export class H264RtpToSink {
  private readonly es = new VideoEs("h264");
  private readonly assembler = new AccessUnitAssembler("h264", (u) => this.onUnit(u));
  private readonly depacketizer = new H264Depacketizer((nal) => this.onNal(nal));
  private readonly rtpTime = new Unwrapper(32);
  private readonly reported = new Set<string>();
  private pts = 0;
  private lastPts: number | null = null;
  private afterMarker = false;
  private markerEvidence = 0;
  private markerDistrusted = false;
  readonly stats: PsStats = { frames: 0, keyFrames: 0, droppedFrames: 0, errors: 0 };

  constructor(
    private readonly sink: MediaSink,
    private readonly onError: (e: PsError) => void = () => {},
  ) {}

  /**
   * One RTP payload, in sequence order. All packets of an access unit share its timestamp, so a new
   * timestamp ends the frame before it. RFC 6184 5.1 also sets the marker on an access unit's last packet,
   * which ends it without waiting for the next one — trusted once markers were seen to fall on frame ends
   * three times and never inside a frame (some devices mark every packet).
   */
  push(payload: Buffer, info: PsPacketInfo): void {
    const pts = this.rtpTime.next(info.timestamp);
    if (this.lastPts !== null && pts !== this.lastPts) {
      if (this.afterMarker) this.markerEvidence++;
      this.assembler.endOfFrame();
    } else if (this.lastPts !== null && this.afterMarker) {
      this.markerDistrusted = true;
    }
    this.lastPts = pts;
    this.pts = pts;
    this.depacketizer.push(payload);
    this.afterMarker = info.marker;
    if (info.marker && !this.markerDistrusted && this.markerEvidence >= 3) this.assembler.endOfFrame();
  }

  gap(): void {
    this.depacketizer.gap();
    this.assembler.gap();
  }

  private onNal(nal: Buffer): void {
    this.assembler.pes(Buffer.concat([START, nal]), this.pts, this.pts);
  }

  private onUnit(unit: EsUnit): void {
    const f = this.es.frame(unit.nals);
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

  private report(e: PsError): void {
    this.stats.errors++;
    if (this.reported.has(e.message)) return;
    this.reported.add(e.message);
    this.onError(e);
  }
}
