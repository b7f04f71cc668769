// Closing a segment: its duration, its PROGRAM-DATE-TIME from the settled anchor, and its bytes as one
// buffer with the parts as views into it (a segment costs its bytes once). Pure but for filling in
// `segment`, which the segmenter hands over right after.
import type { SegmentInfo } from "./types";

export function sealSegment(segment: SegmentInfo, endMs: number, anchorMs: number): void {
  segment.durationMs = endMs - segment.startMs;
  // The anchor only falls; it fell during this segment when the segment began with frames that arrived
  // late in a burst (a pre-rolled GOP, a source catching up): date the segment by the settled anchor so
  // it does not overlap the next one.
  segment.programDateTime = Math.round(anchorMs + segment.startMs);
  const bytes = Buffer.concat(segment.parts.map((p) => p.bytes));
  let off = 0;
  for (const p of segment.parts) {
    const len = p.bytes.length;
    p.bytes = bytes.subarray(off, off + len);
    off += len;
  }
  segment.bytes = bytes;
}
