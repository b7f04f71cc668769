// Wall time ⇄ media time on a recordings playlist, from its segments' EXT-X-PROGRAM-DATE-TIME (every
// segment of a recordings playlist carries one). Owns that mapping, pure: the segments come in as hls.js
// lists them (start and duration in media seconds, programDateTime in ms). A time inside a gap maps to
// the first segment after it (footage resumes there); after the end, to the end.
export interface MappedSegment {
  /** Media time of the segment's first frame, seconds. */
  start: number;
  duration: number;
  /** Wall time of its first frame, ms. */
  programDateTime: number;
}

function segmentAtMedia(segs: readonly MappedSegment[], t: number): MappedSegment | undefined {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.start <= t) lo = mid;
    else hi = mid - 1;
  }
  return segs[lo];
}

/** Wall time (ms) of media time `t` (s), or null before anything is listed. */
export function wallAt(segs: readonly MappedSegment[], t: number): number | null {
  const s = segmentAtMedia(segs, t);
  if (!s) return null;
  return s.programDateTime + Math.min(Math.max(0, t - s.start), s.duration) * 1000;
}

/** Media time (s) to show wall time `ms`: inside a segment exactly, in a gap the next segment's start. */
export function mediaAt(segs: readonly MappedSegment[], ms: number): number | null {
  if (segs.length === 0) return null;
  for (const s of segs) {
    const end = s.programDateTime + s.duration * 1000;
    if (ms < s.programDateTime) return s.start;
    if (ms < end) return s.start + (ms - s.programDateTime) / 1000;
  }
  const last = segs[segs.length - 1]!;
  return last.start + last.duration;
}

/** Wall time the listed footage ends at, or null when nothing is listed. */
export function listedEnd(segs: readonly MappedSegment[]): number | null {
  const last = segs[segs.length - 1];
  return last ? last.programDateTime + last.duration * 1000 : null;
}
