// Keeps a main-stream player near the live edge. It starts on the key frame of the segment its first part
// belongs to (`startOnSegmentBoundary`: the first picture needs one part, not the rest of a GOP), which is
// up to a GOP behind live − PART-HOLD-BACK; hls.js plays faster to catch up only while more than 1 s is
// buffered, which a low-latency buffer never is, so the tile would stay there (~1 s behind). Once the first
// frame is up, it jumps forward inside what is already buffered to hls.js's live sync position (live − its
// target latency, which hls.js raises after stalls) — not before: a jump costs decoding from the key frame
// to there, which would hold the first picture back. No imports at run time: the benchmarks inject this
// file into their page as it is (bench/lib/browser.ts), so they measure exactly what the wall runs.
import type Hls from "hls.js";

/** Behind the live sync position by more than this (s): jump. Less is left to hls.js's rate control. */
export const jumpMinS = 0.2;
/** Jump only to where at least this much (s) is buffered ahead, so the jump itself does not stall. */
export const keepAheadS = 0.2;
/** At most one jump per this long (ms): a player that keeps falling behind is stalling, not drifting. */
export const jumpEveryMs = 5_000;

export interface EdgeView {
  currentTime: number;
  /** End of the buffered range that holds currentTime; null when currentTime is not buffered. */
  bufferedEnd: number | null;
  /** hls.js's live sync position: live edge − target latency; null before the playlist is known. */
  liveSyncPosition: number | null;
}

/** Where to jump to, or null to stay. Pure. */
export function catchUpTo(v: EdgeView): number | null {
  if (v.liveSyncPosition === null || v.bufferedEnd === null || !Number.isFinite(v.liveSyncPosition)) return null;
  const to = v.liveSyncPosition;
  return to - v.currentTime > jumpMinS && v.bufferedEnd - to >= keepAheadS ? to : null;
}

function bufferedEndAt(video: HTMLVideoElement): number | null {
  const b = video.buffered;
  const t = video.currentTime;
  for (let i = 0; i < b.length; i++) if (b.start(i) <= t && t < b.end(i)) return b.end(i);
  return null;
}

/**
 * Follows the live edge of a live stream: once it has played (its first frame is up), on every
 * `timeupdate` it jumps forward when too far behind (at most once per `jumpEveryMs`). Returns the function
 * that stops it.
 */
export function followLiveEdge(
  hls: Pick<Hls, "liveSyncPosition">,
  video: HTMLVideoElement,
  now: () => number = () => performance.now(),
): () => void {
  let lastJump = Number.NEGATIVE_INFINITY;
  let played = false;
  const playing = (): void => {
    played = true;
  };
  const check = (): void => {
    if (!played || video.paused || video.seeking || now() - lastJump < jumpEveryMs) return;
    const to = catchUpTo({
      currentTime: video.currentTime,
      bufferedEnd: bufferedEndAt(video),
      liveSyncPosition: hls.liveSyncPosition,
    });
    if (to === null) return;
    lastJump = now();
    video.currentTime = to;
  };
  video.addEventListener("playing", playing);
  video.addEventListener("timeupdate", check);
  return () => {
    video.removeEventListener("playing", playing);
    video.removeEventListener("timeupdate", check);
  };
}
