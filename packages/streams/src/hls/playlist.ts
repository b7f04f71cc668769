// Renders the LL-HLS media playlist text (RFC 8216bis) from a PlaylistView. A pure function: the same view
// always gives the same text. URIs are relative and fixed (init-<v>.mp4, s<msn>.m4s, p<msn>.<part>.m4s) so
// a token in the playlist's path is inherited by every resource.
import type { PartInfo, PlaylistView, SegmentInfo } from "./types";

export const initUri = (version: number): string => `init-${version}.mp4`;
export const segmentUri = (msn: number): string => `s${msn}.m4s`;
export const partUri = (msn: number, part: number): string => `p${msn}.${part}.m4s`;

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function renderPlaylist(v: PlaylistView): string {
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:9",
    `#EXT-X-TARGETDURATION:${v.targetDurationS}`,
    `#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${seconds(v.partHoldBackMs)}`,
    `#EXT-X-PART-INF:PART-TARGET=${seconds(v.partTargetMs)}`,
    `#EXT-X-MEDIA-SEQUENCE:${v.segments[0]?.msn ?? v.open?.msn ?? v.nextMsn}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${v.discontinuitySequence}`,
  ];
  // An open segment without parts has nothing to list yet (its tags come with its first part).
  const all = v.open && v.open.parts.length > 0 ? [...v.segments, v.open] : v.segments;
  const last = all[all.length - 1];
  const edgeMs = last ? last.startMs + (last.bytes ? last.durationMs : sumParts(last.parts)) : 0;
  // Parts are listed only near the live edge (the spec's three target durations, and at most the last
  // three segments, as strict checkers such as hls-parser read that rule); older segments are whole.
  const partsFromMs = edgeMs - 3 * v.targetDurationS * 1000;
  // (The preload hint of a segment not yet listed counts as one more, as those checkers parse it.)
  const partsFromIndex = all.length + (all.at(-1) === v.open ? 0 : 1) - 3;
  let initVersion: number | null = null;
  for (const [i, s] of all.entries()) {
    if (s.discontinuity) lines.push("#EXT-X-DISCONTINUITY");
    if (s.initVersion !== initVersion) {
      lines.push(`#EXT-X-MAP:URI="${initUri(s.initVersion)}"`);
      initVersion = s.initVersion;
    }
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(s.programDateTime).toISOString()}`);
    const complete = s.bytes !== null;
    if (!complete || (i >= partsFromIndex && s.startMs + s.durationMs > partsFromMs))
      for (const p of s.parts) lines.push(partLine(s, p));
    if (complete) lines.push(`#EXTINF:${seconds(s.durationMs)},`, segmentUri(s.msn));
  }
  const hintMsn = v.open ? v.open.msn : v.nextMsn;
  const hintPart = v.open ? v.open.parts.length : 0;
  lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${partUri(hintMsn, hintPart)}"`);
  return `${lines.join("\n")}\n`;
}

function partLine(s: SegmentInfo, p: PartInfo): string {
  const independent = p.independent ? ",INDEPENDENT=YES" : "";
  return `#EXT-X-PART:DURATION=${seconds(p.durationMs)},URI="${partUri(s.msn, p.index)}"${independent}`;
}

function sumParts(parts: readonly PartInfo[]): number {
  let ms = 0;
  for (const p of parts) ms += p.durationMs;
  return ms;
}
