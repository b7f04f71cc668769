// Builds the HLS playlist of one stream's recordings over a time window from the store: the files that
// overlap it, their records (from memory or the index cache), relative URIs `<start>.mp4`. Owns nothing.
import { mediaName } from "../store/fileNames";
import type { RecordingStore } from "../store/store";
import { type PlaylistFile, renderVodPlaylist } from "./vod";

export interface PlaylistWindow {
  from: number;
  to: number;
  /** The wall clock now: a window ending later is still growing (EVENT playlist). */
  now: number;
  groupMs?: number;
}

/** The playlist text, or null when nothing is recorded in the window. */
export async function playlistFromStore(store: RecordingStore, key: string, w: PlaylistWindow): Promise<string | null> {
  const files: PlaylistFile[] = [];
  for (const f of store.files(key, w.from, w.to)) {
    const records = await store.records(key, f);
    if (records.length > 0) files.push({ uri: mediaName(f.start), records, open: !f.sealed });
  }
  const growing = w.to > w.now;
  if (files.length === 0 && !growing) return null;
  return renderVodPlaylist({ files, from: w.from, to: w.to, growing, ...(w.groupMs ? { groupMs: w.groupMs } : {}) });
}
