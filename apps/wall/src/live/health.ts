// Stream health folded per camera: the tree dot and the tiles read one state per camera.
// Pure: no store, no React.
import type { StreamHealth, StreamState } from "@cw/protocol";

export type HealthByCamera = Record<string, { main?: StreamHealth; sub?: StreamHealth }>;

/** Merges health updates; `replace` (the snapshot sent on connect) drops what it does not name. */
export function mergeHealth(prev: HealthByCamera, updates: readonly StreamHealth[], replace: boolean): HealthByCamera {
  const next: HealthByCamera = replace ? {} : { ...prev };
  // An H.264 transcode's health says nothing of the camera itself (its own streams do).
  for (const h of updates) if (!h.rendition) next[h.cameraId] = { ...next[h.cameraId], [h.variant]: h };
  return next;
}

const rank: Record<StreamState, number> = { live: 4, starting: 3, stalled: 2, error: 1.5, offline: 1, idle: 0 };

/** The best state over a camera's variants; a camera nobody watches is "idle". */
export function cameraState(entry: HealthByCamera[string] | undefined): StreamState {
  if (!entry) return "idle";
  const states = [entry.main?.state, entry.sub?.state].filter((s): s is StreamState => s !== undefined);
  return states.reduce<StreamState>((best, s) => (rank[s] > rank[best] ? s : best), "idle");
}
