// MSB-first bit reader with Exp-Golomb codes, for the few SPS fields the media plane needs.
// Owns: reading bits out of an RBSP. Never throws past its boundary: reading beyond the end
// sets `overrun` and yields zeros, so callers check one flag instead of wrapping every read.

/** Removes emulation-prevention bytes (00 00 03 → 00 00) so the payload can be read as RBSP. */
export function unescapeRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let n = 0;
  let zeros = 0;
  for (const b of nal) {
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    zeros = b === 0 ? zeros + 1 : 0;
    out[n++] = b;
  }
  return out.subarray(0, n);
}

export class BitReader {
  private pos = 0;
  overrun = false;

  constructor(private readonly bytes: Uint8Array) {}

  bit(): number {
    const byte = this.bytes[this.pos >> 3];
    if (byte === undefined) {
      this.overrun = true;
      return 0;
    }
    const v = (byte >> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return v;
  }

  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 2 + this.bit();
    return v;
  }

  skip(n: number): void {
    for (let i = 0; i < n && !this.overrun; i++) this.bit();
  }

  /** ue(v). Capped at 31 leading zeros: longer prefixes only appear in corrupt data. */
  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (this.overrun || ++zeros > 31) {
        this.overrun = true;
        return 0;
      }
    }
    return 2 ** zeros - 1 + this.bits(zeros);
  }

  /** se(v). */
  se(): number {
    const k = this.ue();
    return k & 1 ? (k + 1) / 2 : -(k / 2);
  }
}
