// One GB/T 28181 media stream on the receiving side: RTP packets (UDP datagrams, or RFC 4571 frames from
// TCP) carrying MPEG-PS → checks the SSRC the INVITE asked for, puts packets back in order (a small jitter
// buffer; loss counted and announced to the demuxer so it resynchronises) → PS demux → MediaSink. A device
// that answered raw H.264 (RFC 6184) instead is depacketised into the same sink (`configure`); packets
// that arrive before the answer says which (UDP media can overtake the SIP 200) wait for it.
// No socket here: the transport edge hands in packets and calls tick() on a timer; time is injected.
// Never throws on input; foreign SSRCs and non-RTP bytes are dropped and counted.
import type { MediaSink } from "../media/types";
import { type PsError, type PsPacketInfo, type PsStats, PsToSink } from "../ps/index";
import { H264RtpToSink } from "../rtp/h264-to-sink";
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
  /** Hold packets until `configure()` names the payload (the INVITE's answer); default: PS on `payloadType`. */
  awaitAnswer?: boolean;
}

/** What the device's answer chose: PS, or raw H.264 (RFC 6184), on this payload type. */
export interface RtpPayload {
  kind: "ps" | "h264";
  payloadType: number;
}

interface Unpacker {
  push(payload: Buffer, info: PsPacketInfo): void;
  gap(): void;
  readonly stats: PsStats;
}

/** Packets held before the answer: a key frame's worth at 8 Mbps. */
const HOLD_MAX = 1024;

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
  private ps: Unpacker;
  private readonly reorder: ReorderBuffer<RtpPacket>;
  private ssrc: number | null;
  private payloadType: number;
  private held: Buffer[] | null;
  private counts = { packets: 0, bytes: 0, notRtp: 0, foreignSsrc: 0, foreignPayloadType: 0 };
  private lastPacketAt: number | null = null;

  constructor(
    private readonly sink: MediaSink,
    private readonly opts: RtpPsReceiverOptions,
  ) {
    this.ssrc = opts.ssrc;
    this.payloadType = opts.payloadType ?? 96;
    this.ps = new PsToSink(sink, opts.onError);
    this.held = opts.awaitAnswer ? [] : null;
    this.reorder = new ReorderBuffer<RtpPacket>(
      {
        packet: (p) => this.ps.push(p.payload, p),
        gap: () => this.ps.gap(),
      },
      opts.reorder,
    );
  }

  /** The answer's choice; packets held until now go through it. Call once, before or after packets arrive. */
  configure(payload: RtpPayload): void {
    this.payloadType = payload.payloadType;
    if (payload.kind === "h264") this.ps = new H264RtpToSink(this.sink, this.opts.onError);
    const held = this.held ?? [];
    this.held = null;
    for (const d of held) this.packet(d);
  }

  /** One RTP packet (a UDP datagram or one RFC 4571 frame). */
  packet(datagram: Buffer): void {
    if (this.held !== null) {
      if (this.held.length < HOLD_MAX) this.held.push(Buffer.from(datagram)); // the caller may reuse its buffer
      return;
    }
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
