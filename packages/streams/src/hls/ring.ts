// The bounded in-memory ring of complete segments (with their parts) for one stream. Owns eviction and the
// counters eviction changes (media sequence, discontinuity sequence). Never writes to disk; its memory is
// the sum of the segments' bytes and is reported.
import type { SegmentInfo } from "./types";

export class SegmentRing {
  private readonly list: SegmentInfo[] = [];
  private evictedDiscontinuities = 0;
  private bytes = 0;
  /** Longest segment ever seen: TARGETDURATION may not shrink while a client might hold an old playlist. */
  maxSegmentMs = 0;

  constructor(private readonly capacity: number) {}

  add(segment: SegmentInfo): void {
    this.list.push(segment);
    this.bytes += segment.bytes?.length ?? 0;
    if (segment.durationMs > this.maxSegmentMs) this.maxSegmentMs = segment.durationMs;
    while (this.list.length > this.capacity) {
      const old = this.list.shift()!;
      this.bytes -= old.bytes?.length ?? 0;
      if (old.discontinuity) this.evictedDiscontinuities++;
    }
  }

  get segments(): readonly SegmentInfo[] {
    return this.list;
  }

  get discontinuitySequence(): number {
    return this.evictedDiscontinuities;
  }

  /** msn of the oldest segment kept (what EXT-X-MEDIA-SEQUENCE says), or null when empty. */
  get firstMsn(): number | null {
    return this.list[0]?.msn ?? null;
  }

  get memoryBytes(): number {
    return this.bytes;
  }

  find(msn: number): SegmentInfo | undefined {
    const first = this.list[0];
    if (!first) return undefined;
    const s = this.list[msn - first.msn];
    return s?.msn === msn ? s : this.list.find((x) => x.msn === msn);
  }

  /** Init versions any kept segment still needs. */
  initVersions(): Set<number> {
    return new Set(this.list.map((s) => s.initVersion));
  }
}
