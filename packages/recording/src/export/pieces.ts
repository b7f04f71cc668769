// The pieces of a recorded span: per recording file that overlaps it, the init segment and the byte range
// of the stored segments that overlap the span — each piece is a small fragmented MP4 on its own (init +
// fragments), so a piece can be handed to a muxer without knowing the file format. Whole stored segments
// only: a piece starts on the key frame at or before `from`. Owns nothing; reads through the store.
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { RecordingStore } from "../store/store";

export interface Piece {
  fileStart: number;
  initLength: number;
  offset: number;
  length: number;
  /** Wall time the piece covers. */
  from: number;
  to: number;
}

export async function piecesOf(store: RecordingStore, key: string, from: number, to: number): Promise<Piece[]> {
  const out: Piece[] = [];
  for (const f of store.files(key, from, to)) {
    const records = (await store.records(key, f)).filter((r) => r.startMs + r.durationMs > from && r.startMs < to);
    const first = records[0];
    const last = records.at(-1);
    const all = await store.records(key, f);
    if (!first || !last || !all[0]) continue;
    out.push({
      fileStart: f.start,
      initLength: all[0].offset,
      offset: first.offset,
      length: last.offset + last.length - first.offset,
      from: first.startMs,
      to: last.startMs + last.durationMs,
    });
  }
  return out;
}

/** Writes a piece as a standalone fragmented MP4 (its init, then its fragments), streaming. */
export async function writePiece(store: RecordingStore, key: string, p: Piece, path: string): Promise<void> {
  const src = store.mediaPath(key, p.fileStart);
  const out = createWriteStream(path);
  await pipeline(createReadStream(src, { start: 0, end: p.initLength - 1 }), out, { end: false });
  await pipeline(createReadStream(src, { start: p.offset, end: p.offset + p.length - 1 }), out);
}
