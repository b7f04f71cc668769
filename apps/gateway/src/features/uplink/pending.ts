// The seqs still to forward, in log order: filled by the start-up scan of the log after the cursor and
// by live events, which are held back while the scan runs (a live event is newer than anything the scan
// will find, so it must not jump the queue). Only numbers are kept (8 bytes a record: a day-long outage
// costs kilobytes); the records are read back from the log when they are sent. Pure.
export class PendingSeqs {
  private seqs: number[] = [];
  private head = 0;
  private scanning = true;
  private held: number[] = [];
  /** The highest seq known to be in the queue or past it (scan or live), for ordering. */
  private last = 0;

  constructor(after: number) {
    this.last = after;
  }

  get size(): number {
    return this.seqs.length - this.head + this.held.length;
  }

  /** A seq found by the start-up scan (ascending). */
  scanned(seq: number): void {
    if (seq <= this.last) return;
    this.seqs.push(seq);
    this.last = seq;
  }

  /** The scan is over: the live seqs held meanwhile join, without the ones the scan already found. */
  scanDone(): void {
    this.scanning = false;
    for (const s of this.held) this.live(s);
    this.held = [];
  }

  /** A forwardable event appended after the start. */
  live(seq: number): void {
    if (this.scanning) {
      this.held.push(seq);
      return;
    }
    if (seq <= this.last) return;
    this.seqs.push(seq);
    this.last = seq;
  }

  /** Up to n seqs from the head, left in the queue. */
  peek(n: number): number[] {
    return this.seqs.slice(this.head, this.head + n);
  }

  /** Removes the head (it was delivered or given up on). */
  shift(): void {
    if (this.head < this.seqs.length) this.head++;
    if (this.head > 4096 && this.head * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
  }
}
