// The packager's output model: segments made of parts, as the playlist renderer and the HTTP edge see them.
// Times are milliseconds on the packager's continuous output timeline (never the source's).

export interface PartInfo {
  /** Index within the parent segment, from 0. */
  index: number;
  durationMs: number;
  /** Starts with a key frame (EXT-X-PART INDEPENDENT=YES). */
  independent: boolean;
  /** One CMAF fragment (moof+mdat). Once the segment closes this is a view into the segment's bytes. */
  bytes: Buffer;
}

export interface SegmentInfo {
  msn: number;
  startMs: number;
  /** 0 while the segment is open. */
  durationMs: number;
  /** An EXT-X-DISCONTINUITY precedes this segment. */
  discontinuity: boolean;
  /** Which init segment (init-<v>.mp4) decodes it. */
  initVersion: number;
  /** Unix ms of the segment's first frame (EXT-X-PROGRAM-DATE-TIME). */
  programDateTime: number;
  parts: PartInfo[];
  /** The concatenation of the parts' bytes; null while the segment is open. */
  bytes: Buffer | null;
}

/** Everything the playlist text is a function of. */
export interface PlaylistView {
  targetDurationS: number;
  partTargetMs: number;
  partHoldBackMs: number;
  mediaSequence: number;
  discontinuitySequence: number;
  /** Complete segments, oldest first. */
  segments: readonly SegmentInfo[];
  /** The segment being filled (its parts so far), or null between segments. */
  open: SegmentInfo | null;
  /** The segment the next part belongs to when `open` is null (the preload hint names its part 0). */
  nextMsn: number;
}
