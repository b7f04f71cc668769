// RTP over TCP framing (RFC 4571 §2, the framing GB/T 28181-2016 names for TCP media): each packet is
// preceded by its length as a 16-bit big-endian integer. The deframer takes the byte stream in any
// chunking and hands out whole packets (views of the input where a packet lies in one chunk); the framer
// writes one. Pure. The deframer never throws on input; the framer throws only on a packet over 65535
// bytes (a programming error: a packetiser never makes one). A zero length carries nothing and is skipped.

export class Rfc4571Deframer {
  private rest: Buffer = Buffer.alloc(0);

  constructor(private readonly onPacket: (packet: Buffer) => void) {}

  /** Bytes waiting for the rest of their frame. */
  get buffered(): number {
    return this.rest.length;
  }

  push(chunk: Buffer): void {
    let buf = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    let off = 0;
    while (off + 2 <= buf.length) {
      const len = buf.readUInt16BE(off);
      if (off + 2 + len > buf.length) break;
      if (len > 0) this.onPacket(buf.subarray(off + 2, off + 2 + len));
      off += 2 + len;
    }
    buf = buf.subarray(off);
    // Keep a copy of a tail that views a caller's chunk: the caller may reuse its buffer.
    this.rest = buf.length === 0 ? Buffer.alloc(0) : Buffer.from(buf);
  }
}

/** One packet with its RFC 4571 length prefix. */
export function frame4571(packet: Buffer): Buffer {
  if (packet.length > 0xffff) throw new RangeError(`an RFC 4571 frame holds at most 65535 bytes, not ${packet.length}`);
  const head = Buffer.allocUnsafe(2);
  head.writeUInt16BE(packet.length, 0);
  return Buffer.concat([head, packet]);
}
