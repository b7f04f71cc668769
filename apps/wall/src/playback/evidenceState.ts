// What an evidence clip's row says about where its footage stands, pure: a device clip (footage fetched
// from a GB camera's NVR) is 取回中 while it is fetched, then ready (exportable) or failed with the
// gateway's reason; gateway clips are always ready. And whether the list must be asked again soon (a clip
// is still being fetched) — the panel polls only then, so a pending row always settles on screen.
import type { Evidence } from "@cw/protocol";

export type EvidenceBadge =
  | { key: "pb.fetching"; tone: "light-yellow"; detail: null }
  | { key: "pb.fetchFailed"; tone: "light-red"; detail: string | null }
  | { key: "pb.deviceClip"; tone: "light-green"; detail: string | null }
  | null;

type Row = Pick<Evidence, "source" | "state" | "reason">;

export function evidenceBadge(ev: Row): EvidenceBadge {
  if (ev.state === "pending") return { key: "pb.fetching", tone: "light-yellow", detail: null };
  if (ev.state === "failed") return { key: "pb.fetchFailed", tone: "light-red", detail: ev.reason };
  // A ready device clip whose device stopped early keeps the reason beside it.
  return ev.source === "device" ? { key: "pb.deviceClip", tone: "light-green", detail: ev.reason } : null;
}

export const canExport = (ev: Row): boolean => ev.state === "ready";

/** Poll the list while any clip is still being fetched. */
export const needsPoll = (list: readonly Row[]): boolean => list.some((ev) => ev.state === "pending");

export const EVIDENCE_POLL_MS = 2000;
