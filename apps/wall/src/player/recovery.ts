// What the player does about an hls.js error, and how long it waits before starting again.
// Pure decisions (errors in, action out) so the policy is table-tested; the controller acts on them.

/** transcodeFull: an H.265 camera this browser cannot decode, and the gateway's transcoders are all busy. */
/** `forbidden`: the gateway refuses this camera to the user (camera groups): final, no retry. */
export type PlayerState = "starting" | "live" | "stalled" | "offline" | "unsupported" | "transcodeFull" | "forbidden";

export interface HlsErrorInfo {
  fatal: boolean;
  /** hls.js ErrorTypes value: "networkError" | "mediaError" | "muxError" | "keySystemError" | "otherError" … */
  type: string;
  /** hls.js ErrorDetails value. */
  details: string;
}

export type Recovery =
  | { kind: "ignore" }
  | { kind: "stalled" }
  | { kind: "recoverMedia" }
  | { kind: "restart"; state: PlayerState }
  | { kind: "unsupported" };

const codecDetails = new Set([
  "manifestIncompatibleCodecsError",
  "bufferIncompatibleCodecsError",
  "bufferAddCodecError",
]);

/**
 * `mediaRecoveries` counts recoverMediaError attempts in the current minute: hls.js recommends
 * recoverMediaError first, and a full restart if the media error comes back.
 */
export function decideRecovery(err: HlsErrorInfo, mediaRecoveries: number): Recovery {
  if (codecDetails.has(err.details)) return { kind: "unsupported" };
  if (!err.fatal) return err.details === "bufferStalledError" ? { kind: "stalled" } : { kind: "ignore" };
  switch (err.type) {
    case "networkError":
      // The playlist itself failing means the camera (or its token) is gone: show offline and retry.
      return {
        kind: "restart",
        state: err.details.startsWith("manifest") || err.details.startsWith("level") ? "offline" : "stalled",
      };
    case "mediaError":
      return mediaRecoveries < 2 ? { kind: "recoverMedia" } : { kind: "restart", state: "stalled" };
    default:
      return { kind: "restart", state: "offline" };
  }
}

/** Restart back-off: 1 s doubling to 15 s, so a camera that returns is picked up within 15 s. */
export function restartDelay(attempt: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, Math.min(attempt, 10)));
}

/**
 * Live latency in ms: the wall-clock time of the frame on screen (EXT-X-PROGRAM-DATE-TIME) against
 * the server's clock; without PDT, hls.js's own estimate from the playlist edge.
 */
export function measureLatency(
  playingDate: Date | null,
  nowMs: number,
  clockOffsetMs: number,
  hlsLatencySeconds: number | null,
): number | null {
  if (playingDate && Number.isFinite(playingDate.getTime())) {
    return Math.max(0, nowMs + clockOffsetMs - playingDate.getTime());
  }
  if (hlsLatencySeconds !== null && Number.isFinite(hlsLatencySeconds) && hlsLatencySeconds > 0) {
    return hlsLatencySeconds * 1000;
  }
  return null;
}

/** Watchdog: stalled after this long without the picture moving; restart after the longer one. */
export const stallAfterMs = 3_000;
export const restartAfterStallMs = 20_000;
