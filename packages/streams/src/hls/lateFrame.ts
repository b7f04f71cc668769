// A frame later than its part allows (see segmenter.ts's header): jitter (within 1.5 expected intervals
// and one part) keeps its time and is split off later; a longer wait (dropped frames, a stalled encoder)
// ends the part exactly at the target and the output timeline skips the rest. Pure.

export interface LateFit {
  /** The frame's time on the output timeline. */
  outMs: number;
  /** Output time skipped (0 when the frame keeps its time). */
  excessMs: number;
}

export function fitLate(
  partStartMs: number,
  partTargetMs: number,
  prevMs: number,
  outMs: number,
  expectedMs: number,
): LateFit {
  if (outMs - partStartMs <= partTargetMs) return { outMs, excessMs: 0 };
  const interval = outMs - prevMs;
  if (interval <= 1.5 * expectedMs && interval <= partTargetMs) return { outMs, excessMs: 0 };
  const at = Math.max(partStartMs + partTargetMs, prevMs + 1);
  const excess = outMs - at;
  if (excess <= 0) return { outMs, excessMs: 0 };
  return { outMs: at, excessMs: excess };
}
