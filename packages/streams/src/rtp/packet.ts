// RTP fixed header (RFC 3550 5.1): version, padding, extension, CSRCs, marker, payload type, sequence
// number, timestamp, SSRC, and the payload between them and the padding. Pure; never throws: a datagram
// that is not RTP is an RtpError as data (the receiver counts it and drops it). The payload is a view of
// the input, never a copy.

export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  /** 16-bit sequence number. */
  seq: number;
  /** 32-bit media timestamp (90 kHz for video). */
  timestamp: number;
  /** 32-bit synchronisation source, unsigned. */
  ssrc: number;
  payload: Buffer;
}

export type RtpErrorCode = "rtp_short" | "rtp_version" | "rtp_layout";

export interface RtpError {
  code: RtpErrorCode;
  message: string;
}

export type RtpParse = { ok: true; packet: RtpPacket } | { ok: false; error: RtpError };

const FIXED = 12;

const bad = (code: RtpErrorCode, message: string): RtpParse => ({ ok: false, error: { code, message } });

export function parseRtp(buf: Buffer): RtpParse {
  if (buf.length < FIXED) return bad("rtp_short", `${buf.length} bytes is shorter than an RTP header`);
  const b0 = buf[0]!;
  if (b0 >> 6 !== 2) return bad("rtp_version", `RTP version ${b0 >> 6}, expected 2`);
  let off = FIXED + (b0 & 0x0f) * 4;
  if (b0 & 0x10) {
    if (off + 4 > buf.length) return bad("rtp_layout", "the RTP header extension is cut off");
    off += 4 + buf.readUInt16BE(off + 2) * 4;
  }
  let end = buf.length;
  if (b0 & 0x20) {
    const pad = buf[buf.length - 1]!;
    if (pad === 0) return bad("rtp_layout", "RTP padding count is 0");
    end -= pad;
  }
  if (off > end) return bad("rtp_layout", "the RTP header, extension and padding overrun the packet");
  const b1 = buf[1]!;
  return {
    ok: true,
    packet: {
      marker: (b1 & 0x80) !== 0,
      payloadType: b1 & 0x7f,
      seq: buf.readUInt16BE(2),
      timestamp: buf.readUInt32BE(4),
      ssrc: buf.readUInt32BE(8),
      payload: buf.subarray(off, end),
    },
  };
}

/** b − a on the 16-bit sequence circle, in −32768..32767. */
export function seqDelta(a: number, b: number): number {
  return ((b - a + 0x8000) & 0xffff) - 0x8000;
}
