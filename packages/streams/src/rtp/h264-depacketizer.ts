// RFC 6184 (RTP payload format for H.264), non-interleaved mode, as GB/T 28181 devices send it when they
// answer an INVITE with `98 H264/90000` instead of PS: single NAL unit packets (types 1–23), STAP-A (24:
// several NALs, each with a 16-bit size) and FU-A (28: one NAL in fragments, start/end bits). Interleaved
// types (STAP-B, MTAP, FU-B) are not used by cameras and are dropped and counted. A lost packet inside a
// fragmented NAL throws that NAL away (gap()). Pure state; never throws; NALs handed out are copies only
// when they had to be joined (fragments), else views of the packet.

export interface H264DepacketizerStats {
  nals: number;
  /** Packets of a type we do not take (interleaved mode, reserved). */
  unsupported: number;
  /** Fragments without their start, or a NAL given up at a gap. */
  brokenFragments: number;
  /** STAP-A packets whose sizes run past their end. */
  malformed: number;
}

export class H264Depacketizer {
  private fragments: Buffer[] | null = null;
  readonly stats: H264DepacketizerStats = { nals: 0, unsupported: 0, brokenFragments: 0, malformed: 0 };

  constructor(private readonly nal: (nal: Buffer) => void) {}

  /** One RTP payload, in sequence order. */
  push(payload: Buffer): void {
    if (payload.length < 1) return;
    const type = payload[0]! & 0x1f;
    if (type >= 1 && type <= 23) {
      this.dropFragments();
      this.emit(payload);
    } else if (type === 24) {
      this.dropFragments();
      this.stapA(payload);
    } else if (type === 28) {
      this.fuA(payload);
    } else {
      this.stats.unsupported++;
    }
  }

  /** Packets were lost before the next push: a NAL being joined is incomplete. */
  gap(): void {
    this.dropFragments();
  }

  private stapA(p: Buffer): void {
    let at = 1;
    while (at + 2 <= p.length) {
      const size = p.readUInt16BE(at);
      at += 2;
      if (size === 0 || at + size > p.length) {
        this.stats.malformed++;
        return;
      }
      this.emit(p.subarray(at, at + size));
      at += size;
    }
  }

  private fuA(p: Buffer): void {
    if (p.length < 2) return;
    const start = (p[1]! & 0x80) !== 0;
    const end = (p[1]! & 0x40) !== 0;
    if (start) {
      this.dropFragments();
      // The NAL header: F and NRI from the FU indicator, the type from the FU header.
      this.fragments = [Buffer.from([(p[0]! & 0xe0) | (p[1]! & 0x1f)]), p.subarray(2)];
    } else if (this.fragments === null) {
      this.stats.brokenFragments++;
      return;
    } else {
      this.fragments.push(p.subarray(2));
    }
    if (end) {
      const whole = Buffer.concat(this.fragments);
      this.fragments = null;
      this.emit(whole);
    }
  }

  private dropFragments(): void {
    if (this.fragments === null) return;
    this.fragments = null;
    this.stats.brokenFragments++;
  }

  private emit(nal: Buffer): void {
    if (nal.length === 0) return;
    this.stats.nals++;
    this.nal(nal);
  }
}
