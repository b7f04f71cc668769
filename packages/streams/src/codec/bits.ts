// Bit-level reading of codec headers (SPS, AudioSpecificConfig). Owns the exp-Golomb and emulation-prevention
// details; never allocates per bit and never throws past its caller: reading past the end sets `overrun`
// (the parsers turn it into an error as data).

/** Removes H.264/H.265 emulation-prevention bytes (00 00 03 → 00 00) so the RBSP can be read bit by bit. */
export function unescapeRbsp(nal: Buffer): Buffer {
  let zeros = 0;
  let needed = false;
  for (let i = 0; i < nal.length; i++) {
    const b = nal[i]!;
    if (zeros >= 2 && b === 3) {
      needed = true;
      break;
    }
    zeros = b === 0 ? zeros + 1 : 0;
  }
  if (!needed) return nal;
  const out = Buffer.allocUnsafe(nal.length);
  let n = 0;
  zeros = 0;
  for (let i = 0; i < nal.length; i++) {
    const b = nal[i]!;
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    out[n++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, n);
}

export class BitReader {
  private pos = 0;
  /** Set once a read went past the end; values read after that are 0. */
  overrun = false;
  constructor(private readonly buf: Buffer) {}

  get bitsLeft(): number {
    return this.buf.length * 8 - this.pos;
  }

  bit(): number {
    if (this.pos >= this.buf.length * 8) {
      this.overrun = true;
      return 0;
    }
    const byte = this.buf[this.pos >> 3]!;
    const v = (byte >> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return v;
  }

  /** Up to 32 bits, unsigned. */
  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 2 + this.bit();
    return v;
  }

  skip(n: number): void {
    this.pos += n;
    if (this.pos > this.buf.length * 8) {
      this.overrun = true;
      this.pos = this.buf.length * 8;
    }
  }

  /** Unsigned exp-Golomb. Capped at 31 leading zeros: longer prefixes only occur in corrupt data. */
  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (this.overrun || zeros >= 31) {
        this.overrun = true;
        return 0;
      }
      zeros++;
    }
    return 2 ** zeros - 1 + this.bits(zeros);
  }

  /** Signed exp-Golomb. */
  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }
}
