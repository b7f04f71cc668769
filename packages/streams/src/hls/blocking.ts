// The LL-HLS blocking-request rules of RFC 8216bis 6.2.5.2 as pure functions of the live edge: which
// _HLS_msn/_HLS_part requests are malformed (400) and when one can be answered. No timers, no state.
import type { ApiError } from "@cw/protocol";
import type { SegmentInfo } from "./types";

export interface LiveEdge {
  /** msn of the segment being filled (open) or of the next one to start. */
  msn: number;
  /** Parts the open segment has so far (0 when none is open). */
  parts: number;
  open: boolean;
}

export function checkBlockingRequest(
  edge: LiveEdge,
  partTargetMs: number,
  msn: number,
  part?: number,
): ApiError | null {
  if (!Number.isInteger(msn) || msn < 0) return bad("_HLS_msn", "_HLS_msn must be a non-negative integer");
  if (msn > edge.msn + 2) return bad("_HLS_msn", `_HLS_msn=${msn} is more than two segments ahead of ${edge.msn}`);
  if (part === undefined) return null;
  if (!Number.isInteger(part) || part < 0) return bad("_HLS_part", "_HLS_part must be a non-negative integer");
  // The spec's Advance Part Limit: three seconds' worth of parts (at least three).
  const limit = Math.max(3, Math.ceil(3000 / partTargetMs));
  const have = msn === edge.msn ? edge.parts : 0;
  if (msn >= edge.msn && part - have >= limit) return bad("_HLS_part", `_HLS_part=${part} is too far ahead`);
  return null;
}

export function isAvailable(
  edge: LiveEdge,
  find: (msn: number) => SegmentInfo | undefined,
  msn: number,
  part?: number,
): boolean {
  const lastComplete = edge.msn - 1;
  if (part === undefined) return msn <= lastComplete;
  if (msn <= lastComplete) {
    const seg = find(msn);
    // A part index past the segment's last part means part 0 of the next segment.
    return !seg || part < seg.parts.length || isAvailable(edge, find, msn + 1, 0);
  }
  return edge.open && msn === edge.msn && part < edge.parts;
}

function bad(field: string, message: string): ApiError {
  return { code: "bad_request", message, field };
}
