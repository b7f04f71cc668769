// Synchronised playback of several cameras (an incident crosses camera views): the first camera is the
// clock, the others follow it. Owns the correction rule, pure: a follower far off jumps to the leader's
// time; a little off, it plays slightly faster or slower until it is back within the tolerance; within
// it, it plays at the leader's rate. Seeking costs a rebuffer, so small drifts are never seeked away.
export interface SyncAction {
  /** Jump to this wall time (ms). */
  seekTo?: number;
  /** Play at this rate. */
  rate: number;
}

/** Beyond this a follower jumps (one GOP of the simulator and most cameras). */
export const SEEK_BEYOND_MS = 1000;
/** Within this a follower is in step (half the 0.2 s the page promises). */
export const IN_STEP_MS = 80;
/** Rate correction: the drift is made up over this long, at most ±25 %. */
const CATCH_UP_MS = 2000;
const MAX_NUDGE = 0.25;

export function syncStep(leaderMs: number, followerMs: number, leaderRate: number): SyncAction {
  const drift = followerMs - leaderMs;
  if (Math.abs(drift) > SEEK_BEYOND_MS * Math.max(1, leaderRate)) return { seekTo: leaderMs, rate: leaderRate };
  if (Math.abs(drift) <= IN_STEP_MS) return { rate: leaderRate };
  const nudge = Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, drift / CATCH_UP_MS));
  return { rate: leaderRate * (1 - nudge) };
}
