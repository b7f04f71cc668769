// The media port range (GB_MEDIA_PORTS, e.g. 30000-30999): one even port per GB stream (RTP convention; the
// odd one above stays free for RTCP), handed out round-robin so a port just released is not reused at once
// (late packets of the old stream would land in the new one). Pure; an empty pool says so (null).

export class PortPool {
  private readonly free: number[] = [];
  private readonly usedSet = new Set<number>();

  constructor(from: number, to: number) {
    for (let p = from % 2 === 0 ? from : from + 1; p <= to; p += 2) this.free.push(p);
  }

  /** Parses "30000-30999". */
  static parse(range: string): PortPool | null {
    const m = /^(\d{1,5})-(\d{1,5})$/.exec(range.trim());
    if (!m) return null;
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (from < 1024 || to > 65535 || to <= from) return null;
    return new PortPool(from, to);
  }

  take(): number | null {
    const p = this.free.shift();
    if (p === undefined) return null;
    this.usedSet.add(p);
    return p;
  }

  release(port: number): void {
    if (!this.usedSet.delete(port)) return;
    this.free.push(port);
  }

  /** Ports handed out and not yet released. */
  get used(): number[] {
    return [...this.usedSet];
  }

  get inUse(): number {
    return this.usedSet.size;
  }

  get available(): number {
    return this.free.length;
  }
}
