// Cuts one video elementary stream into access units. PES boundaries are not frame boundaries in general
// (ffmpeg's PS muxer packs 2 KB units that start mid-frame; devices split a frame over several PES or put
// each NAL in its own), so frames are found where the codec says a new picture starts (H.264 7.4.1.2.3,
// H.265 7.4.2.4.4: AUD, parameter sets, SEI, or the first slice of a picture after a picture's slices).
// A PES PTS belongs to the first access unit that starts in that PES (ISO/IEC 13818-1 2.4.3.7); a unit
// without one is extrapolated from the previous frame duration. `endOfFrame()` says the bytes so far end a
// frame (a trusted RTP marker), so it goes out now instead of when the next frame's first NAL arrives.
// Owns the ES bytes of the unit being built; NAL views handed to `emit` are valid only during the call.

export interface EsUnit {
  /** NAL units without start codes (views, valid during the emit call only). */
  nals: Buffer[];
  /** Unwrapped 90 kHz timestamps. */
  pts: number;
  dts: number;
  /** Bytes went missing while this unit was built. */
  damaged: boolean;
}

/** Where a PES payload began in the ES, and its timestamps when its header had them. */
interface PesMark {
  offset: number;
  pts: number | null;
  dts: number;
  used: boolean;
}

const START = Buffer.from([0, 0, 1]);
const DEFAULT_FRAME = 3600; // 40 ms at 90 kHz until two frames tell the real duration
/** A unit this large is not a frame (no start codes, or a stream we cannot cut): dropped. */
const MAX_UNIT = 8 * 1024 * 1024;

export class AccessUnitAssembler {
  private buf = Buffer.allocUnsafe(64 * 1024);
  private len = 0;
  /** ES offset of buf[0] (offsets only ever grow, so PES marks can be matched to bytes). */
  private base = 0;
  /** Indexes in buf of the 00 00 01 of each NAL of the unit being built, in order. */
  private starts: number[] = [];
  /** buf[0..scanned) has been searched for start codes. */
  private scanned = 0;
  private unitHasVcl = false;
  private damaged = false;
  private marks: PesMark[] = [];
  private lastDts: number | null = null;
  private lastPts = 0;
  private frameTicks = DEFAULT_FRAME;

  constructor(
    private readonly codec: "h264" | "h265",
    private readonly emit: (unit: EsUnit) => void,
  ) {}

  /** One PES payload; pts/dts (unwrapped 90 kHz) when its header carried them. */
  pes(payload: Buffer, pts: number | null, dts: number | null): void {
    if (this.len + payload.length > MAX_UNIT) this.reset();
    this.marks.push({ offset: this.base + this.len, pts, dts: dts ?? pts ?? 0, used: false });
    this.append(payload);
    this.scan();
  }

  /** The bytes so far end a frame: emit the unit being built. */
  endOfFrame(): void {
    this.cut(Math.min(this.scanned, this.len));
  }

  /** Bytes were lost: the unit being built is damaged. */
  gap(): void {
    this.damaged = true;
  }

  private append(payload: Buffer): void {
    if (this.len + payload.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + payload.length));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    payload.copy(this.buf, this.len);
    this.len += payload.length;
  }

  private scan(): void {
    let from = Math.max(0, this.scanned - 2); // a start code may straddle two payloads
    for (;;) {
      const at = this.buf.subarray(0, this.len).indexOf(START, from);
      if (at < 0) {
        this.scanned = this.len;
        return;
      }
      if (at + 6 > this.len) {
        // A NAL is classified by its first bytes: look at this one again when they are here.
        this.scanned = at;
        return;
      }
      let idx = at;
      if ((this.starts[this.starts.length - 1] ?? -1) < at) {
        if (this.unitHasVcl && this.startsUnit(at + 3)) {
          this.cut(at);
          idx = 0;
        }
        this.starts.push(idx);
        if (this.isVcl(this.buf[idx + 3]!)) this.unitHasVcl = true;
      }
      from = idx + 3;
    }
  }

  /** Emits buf[0..end) as one unit (when it holds a picture) and keeps the rest as the next unit's start. */
  private cut(end: number): void {
    const first = this.starts[0];
    if (first !== undefined && this.unitHasVcl) {
      const nals: Buffer[] = [];
      for (let i = 0; i < this.starts.length; i++) {
        const s = this.starts[i]! + 3;
        const next = this.starts[i + 1];
        let e = next === undefined || next > end ? end : next;
        while (e > s && this.buf[e - 1] === 0) e--;
        if (e > s) nals.push(this.buf.subarray(s, e));
      }
      const { pts, dts } = this.stampFor(this.base + (first > 0 && this.buf[first - 1] === 0 ? first - 1 : first));
      this.emit({ nals, pts, dts, damaged: this.damaged });
    }
    this.buf.copy(this.buf, 0, end, this.len);
    this.base += end;
    this.len -= end;
    this.scanned = Math.max(0, this.scanned - end);
    this.starts = [];
    this.unitHasVcl = false;
    this.damaged = false;
    // Keep the mark of the PES holding the next unit's first byte, and every later one.
    let keep = 0;
    for (let i = 0; i < this.marks.length; i++) if (this.marks[i]!.offset <= this.base) keep = i;
    if (keep > 0) this.marks = this.marks.slice(keep);
  }

  /** The PTS of the PES holding the unit's first byte, if it has one not yet used; else extrapolated. */
  private stampFor(offset: number): { pts: number; dts: number } {
    let mark: PesMark | null = null;
    for (const m of this.marks) if (m.offset <= offset) mark = m;
    let pts: number;
    let dts: number;
    if (mark && mark.pts !== null && !mark.used) {
      mark.used = true;
      pts = mark.pts;
      dts = mark.dts;
    } else {
      dts = (this.lastDts ?? 0) + this.frameTicks;
      pts = dts + (this.lastPts - (this.lastDts ?? 0));
    }
    if (this.lastDts !== null && dts > this.lastDts && dts - this.lastDts < 90_000)
      this.frameTicks = dts - this.lastDts;
    this.lastDts = dts;
    this.lastPts = pts;
    return { pts, dts };
  }

  private reset(): void {
    this.base += this.len;
    this.len = 0;
    this.scanned = 0;
    this.starts = [];
    this.unitHasVcl = false;
    this.marks = [];
  }

  private isVcl(header: number): boolean {
    if (this.codec === "h264") {
      const t = header & 0x1f;
      return t >= 1 && t <= 5;
    }
    return ((header >> 1) & 0x3f) < 32;
  }

  /** Does the NAL whose header is at buf[i] begin a new access unit (when the current one has a picture)? */
  private startsUnit(i: number): boolean {
    const b = this.buf;
    if (this.codec === "h264") {
      const t = b[i]! & 0x1f;
      if (t >= 1 && t <= 5) return (b[i + 1]! & 0x80) !== 0; // first_mb_in_slice == 0 (ue(v) "1")
      return t === 6 || t === 7 || t === 8 || t === 9 || (t >= 14 && t <= 18);
    }
    const t = (b[i]! >> 1) & 0x3f;
    if (t < 32) return (b[i + 2]! & 0x80) !== 0; // first_slice_segment_in_pic_flag
    return t === 32 || t === 33 || t === 34 || t === 35 || t === 39 || (t >= 41 && t <= 44) || (t >= 48 && t <= 55);
  }
}
