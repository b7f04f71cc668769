// The HLS media playlist over recording files (RFC 8216bis): each file is one EXT-X-MAP (its init segment,
// by byte range at offset 0) and its stored segments, grouped into HLS segments of ~groupMs that are byte
// ranges of the same file (`EXT-X-BYTERANGE`) — a segment's bytes follow the previous one's, and every
// stored segment starts on a key frame, so a run of them is one independent HLS segment. Files are
// separated by EXT-X-DISCONTINUITY; every HLS segment carries its EXT-X-PROGRAM-DATE-TIME, so a player
// maps wall time to media time exactly (seek, synchronised playback). Pure: same input, same text.
//
// A window whose end is still to come is an EVENT playlist without EXT-X-ENDLIST: the player reloads it and
// finds new segments appended. Only complete groups are listed then, so a segment once listed never
// changes (EVENT playlists may only grow).
import type { IndexRecord } from "../store/indexRecord";

export interface PlaylistFile {
  /** URI of the media file, relative to the playlist. */
  uri: string;
  /** Its records (any order of files is accepted; records are in file order). */
  records: readonly IndexRecord[];
  /** Still being written: its last, incomplete group is held back from a growing playlist. */
  open: boolean;
}

export interface VodPlaylistInput {
  files: readonly PlaylistFile[];
  from: number;
  to: number;
  /** More may still be recorded inside [from, to): EVENT, no ENDLIST. */
  growing: boolean;
  /** HLS segment duration to aim for. Default 2 000 ms. */
  groupMs?: number;
}

interface Group {
  uri: string;
  startMs: number;
  durationMs: number;
  offset: number;
  length: number;
  firstInFile: boolean;
  initLength: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function groupSegments(input: VodPlaylistInput): Group[] {
  const groupMs = input.groupMs ?? 2000;
  const out: Group[] = [];
  for (const file of [...input.files].sort((a, b) => (a.records[0]?.startMs ?? 0) - (b.records[0]?.startMs ?? 0))) {
    const initLength = file.records[0]?.offset ?? 0;
    let g: Group | null = null;
    let first = true;
    for (const r of file.records) {
      if (r.startMs + r.durationMs <= input.from || r.startMs >= input.to) continue;
      if (!g) {
        g = {
          uri: file.uri,
          startMs: r.startMs,
          durationMs: 0,
          offset: r.offset,
          length: 0,
          firstInFile: first,
          initLength,
        };
        first = false;
      }
      g.durationMs = r.startMs + r.durationMs - g.startMs;
      g.length = r.offset + r.length - g.offset;
      if (g.durationMs >= groupMs) {
        out.push(g);
        g = null;
      }
    }
    // A sealed file's last group is final however short; an open file's may still grow.
    if (g && !(input.growing && file.open)) out.push(g);
  }
  return out;
}

export function renderVodPlaylist(input: VodPlaylistInput): string {
  const groups = groupSegments(input);
  const groupMs = input.groupMs ?? 2000;
  // A growing playlist's target may not change between reloads: a group is at most groupMs plus one
  // stored segment, and a stored segment at most the packager's gap threshold (5 s) long.
  let maxMs = input.growing ? groupMs + 5000 : groupMs;
  for (const g of groups) if (g.durationMs > maxMs) maxMs = g.durationMs;
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:7",
    `#EXT-X-TARGETDURATION:${Math.ceil(maxMs / 1000)}`,
    `#EXT-X-PLAYLIST-TYPE:${input.growing ? "EVENT" : "VOD"}`,
    "#EXT-X-MEDIA-SEQUENCE:0",
    "#EXT-X-INDEPENDENT-SEGMENTS",
  ];
  let i = 0;
  for (const g of groups) {
    if (g.firstInFile) {
      if (i > 0) lines.push("#EXT-X-DISCONTINUITY");
      lines.push(`#EXT-X-MAP:URI="${g.uri}",BYTERANGE="${g.initLength}@0"`);
    }
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(g.startMs).toISOString()}`,
      `#EXTINF:${seconds(g.durationMs)},`,
      `#EXT-X-BYTERANGE:${g.length}@${g.offset}`,
      g.uri,
    );
    i++;
  }
  if (!input.growing) lines.push("#EXT-X-ENDLIST");
  return `${lines.join("\n")}\n`;
}
