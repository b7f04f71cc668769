// RTP packetiser for a PS stream as GB/T 28181 sends it (RFC 3550 fixed header, payload type 96 = PS):
// one frame's program-stream bytes → packets of at most `mtu` bytes, all with the frame's 90 kHz
// timestamp, consecutive sequence numbers (16-bit, wrapping) and the marker on the frame's last packet
// (receivers may end the frame there without waiting for the next one). TCP carries the same packets,
// each behind an RFC 4571 length (`framed`). Pure: the SSRC and the first sequence number come in (the
// SSRC from the INVITE's `y=` line, the sequence number random per RFC 3550 — the caller's randomness).
import { frame4571 } from "./rfc4571";

export interface RtpPacketizerOptions {
  ssrc: number;
  /** Default 96 (PS, GB/T 28181's rtpmap `96 PS/90000`). */
  payloadType?: number;
  /** Largest packet, RTP header included. Default 1400 (below a 1500-byte Ethernet MTU with IP/UDP). */
  mtu?: number;
  /** First sequence number. Default 0. */
  firstSeq?: number;
}

const HEADER = 12;

export class RtpPacketizer {
  private seq: number;
  private readonly ssrc: number;
  private readonly payloadType: number;
  private readonly room: number;

  constructor(opts: RtpPacketizerOptions) {
    this.ssrc = opts.ssrc >>> 0;
    this.payloadType = (opts.payloadType ?? 96) & 0x7f;
    this.room = Math.max(1, (opts.mtu ?? 1400) - HEADER);
    this.seq = (opts.firstSeq ?? 0) & 0xffff;
  }

  /** The sequence number the next packet will carry. */
  get nextSeq(): number {
    return this.seq;
  }

  /** One frame's payload → its packets; `timestamp` is 90 kHz (taken modulo 2^32). */
  packets(payload: Buffer, timestamp: number): Buffer[] {
    const ts = ((Math.round(timestamp) % 2 ** 32) + 2 ** 32) % 2 ** 32;
    const out: Buffer[] = [];
    let off = 0;
    do {
      const n = Math.min(this.room, payload.length - off);
      const last = off + n >= payload.length;
      const p = Buffer.allocUnsafe(HEADER + n);
      p[0] = 0x80; // version 2, no padding, no extension, no CSRC
      p[1] = (last ? 0x80 : 0) | this.payloadType;
      p.writeUInt16BE(this.seq, 2);
      p.writeUInt32BE(ts, 4);
      p.writeUInt32BE(this.ssrc, 8);
      payload.copy(p, HEADER, off, off + n);
      out.push(p);
      this.seq = (this.seq + 1) & 0xffff;
      off += n;
    } while (off < payload.length);
    return out;
  }
}

/** Packets for a TCP connection: each behind its RFC 4571 length, joined into one write. */
export function framed(packets: Buffer[]): Buffer {
  return Buffer.concat(packets.map(frame4571));
}
