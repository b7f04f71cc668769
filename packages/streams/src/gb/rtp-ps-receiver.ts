// One GB/T 28181 media stream on the receiving side: RTP packets (UDP datagrams, or RFC 4571 frames from
// TCP) carrying MPEG-PS → checks the SSRC the INVITE asked for, puts packets back in order (a small jitter
// buffer; loss counted and announced to the demuxer so it resynchronises) → PS demux → MediaSink.
// No socket here: the transport edge hands in packets and calls tick() on a timer; time is injected.
// Never throws on input; foreign SSRCs and non-RTP bytes are dropped and counted.
import type { MediaSink } from "../media/types";
import { type PsError, type PsStats, PsToSink } from "../ps/index";
import { parseRtp, type RtpPacket } from "../rtp/packet";
import { ReorderBuffer, type ReorderOptions, type ReorderStats } from "../rtp/reorder";

export interface RtpPsReceiverOptions {
  /** The SSRC written in the SDP (`y=`); packets of any other are dropped. null: the first one seen. */
  ssrc: number | null;
  /** Payload type the SDP answer chose for PS (96 by default); other payload types are dropped. */
  payloadType?: number;
  now: () => number;
  reorder?: ReorderOptions;
  onError?: (e: PsError) => void;
}

export interface RtpPsStats {
  packets: number;
  bytes: number;
  notRtp: number;
  foreignSsrc: number;
  foreignPayloadType: number;
  rtp: ReorderStats;
  ps: PsStats;
  /** When the last accepted packet arrived (ms, the injected clock), or null. */
  lastPacketAt: number | null;
}

export class RtpPsReceiver {
  private readonly ps: PsToSink;
  private readonly reorder: ReorderBuffer<RtpPacket>;
  private ssrc: number | null;
  private readonly payloadType: number;
  private counts = { packets: 0, bytes: 0, notRtp: 0, foreignSsrc: 0, foreignPayloadType: 0 };
  private lastPacketAt: number | null = null;

  constructor(
    sink: MediaSink,
    private readonly opts: RtpPsReceiverOptions,
  ) {
    this.ssrc = opts.ssrc;
    this.payloadType = opts.payloadType ?? 96;
    this.ps = new PsToSink(sink, opts.onError);
    this.reorder = new ReorderBuffer<RtpPacket>(
      {
        packet: (p) => this.ps.push(p.payload, p),
        gap: () => this.ps.gap(),
      },
      opts.reorder,
    );
  }

  /** One RTP packet (a UDP datagram or one RFC 4571 frame). */
  packet(datagram: Buffer): void {
    const parsed = parseRtp(datagram);
    if (!parsed.ok) {
      this.counts.notRtp++;
      return;
    }
    const p = parsed.packet;
    this.ssrc ??= p.ssrc;
    if (p.ssrc !== this.ssrc) {
      this.counts.foreignSsrc++;
      return;
    }
    if (p.payloadType !== this.payloadType) {
      this.counts.foreignPayloadType++;
      return;
    }
    const now = this.opts.now();
    this.counts.packets++;
    this.counts.bytes += datagram.length;
    this.lastPacketAt = now;
    this.reorder.push(p, now);
  }

  /** Gives up on gaps that waited too long; call every few tens of ms while the stream runs. */
  tick(): void {
    this.reorder.tick(this.opts.now());
  }

  stats(): RtpPsStats {
    return {
      ...this.counts,
      rtp: { ...this.reorder.stats },
      ps: { ...this.ps.stats },
      lastPacketAt: this.lastPacketAt,
    };
  }
}
