// One GB/T 28181 media stream on the sending side (an edge answering its upper platform's INVITE): a
// MediaSink fed with a camera's access units (a registry tap) → MPEG-PS per frame (ps/muxer.ts) → RTP
// packets (rtp/packetizer.ts) → `send`, one call per frame (a TCP transport frames them with RFC 4571 and
// writes once). Sending starts at a key frame with its parameter sets (nothing before it decodes) and
// restarts at one after a codec change or when the transport says it fell behind (`resync`). Audio is not
// sent (the media plane carries AAC; GB receivers expect G.711). Pure: the SSRC and first sequence number
// come in; no socket, no clock. Never throws into the media path.
import type { AccessUnit, MediaSink, TrackSet, VideoTrack } from "../media/types";
import { PsMuxer, type PsMuxerOptions } from "../ps/muxer";
import { RtpPacketizer } from "../rtp/packetizer";

export interface PsRtpSenderOptions {
  ssrc: number;
  firstSeq: number;
  payloadType?: number;
  mtu?: number;
  mux?: PsMuxerOptions;
  /** One frame's RTP packets, in order. */
  send(packets: Buffer[]): void;
}

export interface PsRtpSenderStats {
  frames: number;
  keyFrames: number;
  packets: number;
  bytes: number;
  /** Frames not sent: before the first key frame, after a resync until the next one. */
  skipped: number;
}

export class PsRtpSender implements MediaSink {
  private readonly rtp: RtpPacketizer;
  private muxer: PsMuxer | null = null;
  private track: VideoTrack | null = null;
  private needKey = true;
  readonly stats: PsRtpSenderStats = { frames: 0, keyFrames: 0, packets: 0, bytes: 0, skipped: 0 };

  constructor(private readonly o: PsRtpSenderOptions) {
    this.rtp = new RtpPacketizer({
      ssrc: o.ssrc,
      firstSeq: o.firstSeq,
      payloadType: o.payloadType ?? 96,
      mtu: o.mtu ?? 1400,
    });
  }

  config(tracks: TrackSet): void {
    const video = tracks.video;
    if (!video) return;
    if (this.track && !this.track.config.equals(video.config)) this.needKey = true;
    this.track = video;
    if (this.muxer) this.muxer.setTrack(video);
    else this.muxer = new PsMuxer(video, this.o.mux);
  }

  unit(au: AccessUnit): void {
    if (au.kind !== "video" || !this.muxer) return;
    if (this.needKey && !au.key) {
      this.stats.skipped++;
      return;
    }
    this.needKey = false;
    const frame = this.muxer.frame({ pts: au.pts * 90, dts: au.dts * 90, key: au.key, data: au.data });
    // The RTP timestamp is the decoding time: it rises with every frame (a presentation time would step
    // back at B-frames), and the PES inside carries the presentation time.
    const packets = this.rtp.packets(frame, au.dts * 90);
    this.stats.frames++;
    if (au.key) this.stats.keyFrames++;
    this.stats.packets += packets.length;
    for (const p of packets) this.stats.bytes += p.length;
    this.o.send(packets);
  }

  /** The upstream restarted: timestamps jump; keep sending from its next key frame. */
  discontinuity(_reason: string): void {
    this.needKey = true;
  }

  end(_reason: string): void {
    this.needKey = true;
  }

  /** The transport dropped frames (a slow TCP peer): wait for a key frame before sending again. */
  resync(): void {
    this.needKey = true;
  }
}
