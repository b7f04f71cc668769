// A small jitter buffer for RTP over UDP: packets come out in sequence order; a packet that arrives early
// waits until the gap before it fills, for at most `maxWaitMs` or until `capacity` packets wait, and then
// the gap is declared lost (counted, and announced so the depacketiser resynchronises). Duplicates and
// packets older than what was already delivered are dropped and counted. A jump of more than `resetJump`
// (a sender that restarted its numbering) starts over instead of waiting.
// Pure: time is an argument (`now`, ms), output goes to the callbacks. Never throws, never allocates per
// in-order packet (the fast path delivers at once).
import { seqDelta } from "./packet";

export interface ReorderOptions {
  /** Most packets held while waiting for a gap to fill. Default 128 (a 2 Mbps I-frame is ~60 packets). */
  capacity?: number;
  /** Longest wait for a missing packet, ms. Default 80. */
  maxWaitMs?: number;
  /** A forward or backward jump larger than this is a new numbering, not loss. Default 3000. */
  resetJump?: number;
}

export interface ReorderStats {
  delivered: number;
  /** Sequence numbers never received (gaps given up on). */
  lost: number;
  /** Packets that arrived after a later one (and were put back in order). */
  reordered: number;
  duplicates: number;
  /** Packets older than what was already delivered (too late to use). */
  late: number;
  resets: number;
}

export interface ReorderOutput<T> {
  packet(p: T): void;
  /** Packets before the next one are missing (`lost` of them; 0 on a renumbering). */
  gap(lost: number): void;
}

export class ReorderBuffer<T extends { seq: number }> {
  private readonly capacity: number;
  private readonly maxWaitMs: number;
  private readonly resetJump: number;
  private readonly slots: (T | undefined)[];
  /** When each held packet arrived: a gap waits from the arrival of the first packet after it. */
  private readonly arrivals: Float64Array;
  private readonly mask: number;
  private next: number | null = null;
  private held = 0;
  private waitingSince = 0;
  readonly stats: ReorderStats = { delivered: 0, lost: 0, reordered: 0, duplicates: 0, late: 0, resets: 0 };

  constructor(
    private readonly out: ReorderOutput<T>,
    opts: ReorderOptions = {},
  ) {
    this.capacity = Math.max(1, opts.capacity ?? 128);
    this.maxWaitMs = opts.maxWaitMs ?? 80;
    this.resetJump = opts.resetJump ?? 3000;
    let size = 1;
    while (size < this.capacity * 2) size *= 2;
    this.slots = new Array<T | undefined>(size);
    this.arrivals = new Float64Array(size);
    this.mask = size - 1;
  }

  push(p: T, now: number): void {
    if (this.next === null) this.next = p.seq;
    const d = seqDelta(this.next, p.seq);
    if (d > this.resetJump || d < -this.resetJump) {
      this.restart(p);
      return;
    }
    if (d < 0) {
      this.stats.late++;
      return;
    }
    if (d === 0) {
      if (this.held > 0) this.stats.reordered++;
      this.deliver(p);
      this.drain();
      if (this.held > 0) this.waitingSince = this.arrivals[this.firstHeld() & this.mask]!;
    } else {
      const slot = p.seq & this.mask;
      if (d >= this.slots.length) {
        // Further ahead than the ring holds: deliver what waits, give up on everything missing before it.
        this.flush();
        this.skipTo(p.seq);
        this.deliver(p);
        this.drain();
      } else if (this.slots[slot] !== undefined) {
        this.stats.duplicates++;
      } else {
        if (this.held === 0) this.waitingSince = now;
        this.slots[slot] = p;
        this.arrivals[slot] = now;
        this.held++;
      }
    }
    this.tick(now);
  }

  /** Gives up on a gap that waited too long or when too many packets wait. Call on a timer too. */
  tick(now: number): void {
    while (this.held > 0 && (this.held >= this.capacity || now - this.waitingSince >= this.maxWaitMs)) {
      this.skipTo(this.firstHeld());
      this.drain();
      if (this.held > 0) this.waitingSince = this.arrivals[this.firstHeld() & this.mask]!;
    }
  }

  /** Delivers everything held, in order, declaring the gaps between (end of stream). */
  flush(): void {
    while (this.held > 0) {
      this.skipTo(this.firstHeld());
      this.drain();
    }
  }

  private deliver(p: T): void {
    this.next = (p.seq + 1) & 0xffff;
    this.stats.delivered++;
    this.out.packet(p);
  }

  private drain(): void {
    while (this.held > 0 && this.next !== null) {
      const slot = this.next & this.mask;
      const p = this.slots[slot];
      if (p === undefined || p.seq !== this.next) return;
      this.slots[slot] = undefined;
      this.held--;
      this.deliver(p);
    }
  }

  /** The held packet nearest after `next`. */
  private firstHeld(): number {
    const start = this.next ?? 0;
    for (let i = 1; i < this.slots.length; i++) {
      const seq = (start + i) & 0xffff;
      if (this.slots[seq & this.mask]?.seq === seq) return seq;
    }
    return start;
  }

  /** Declares next..seq−1 lost; packets held in that range (none, normally) are dropped as late. */
  private skipTo(seq: number): void {
    if (this.next === null) return;
    const lost = seqDelta(this.next, seq);
    if (lost <= 0) return;
    for (let i = 0; i < Math.min(lost, this.slots.length); i++) {
      const s: number = (this.next + i) & 0xffff;
      const slot = s & this.mask;
      if (this.slots[slot]?.seq === s) {
        this.slots[slot] = undefined;
        this.held--;
      }
    }
    this.stats.lost += lost;
    this.next = seq;
    this.out.gap(lost);
  }

  private restart(p: T): void {
    this.flush();
    this.stats.resets++;
    this.out.gap(0);
    this.next = p.seq;
    this.deliver(p);
  }
}
