// The index of one recording file: a sidecar of fixed-size binary records, one per stored segment, each
// saying when the segment starts (wall ms), how long it lasts and where its bytes are in the media file.
// Owns the record layout and its checksum. Pure: bytes in, bytes out; never touches a file.
//
// Layout (32 bytes, big-endian):
//   0  u32  CRC-32 of bytes 4..31 (a torn or zeroed record fails it: the index ends before it)
//   4  u32  magic "CWR1"
//   8  f64  startMs   — wall time of the segment's first frame (EXT-X-PROGRAM-DATE-TIME), integer ms
//  16  u32  durationMs
//  20  u32  length    — bytes of the segment (moof+mdat…), starting with a key frame
//  24  f64  offset    — where those bytes start in the media file (integer, < 2^53)
import { crc32 } from "node:zlib";

export const RECORD_BYTES = 32;
const MAGIC = 0x43575231; // "CWR1"

export interface IndexRecord {
  startMs: number;
  durationMs: number;
  offset: number;
  length: number;
}

export const recordEnd = (r: IndexRecord): number => r.startMs + r.durationMs;

export function encodeRecord(r: IndexRecord): Buffer {
  const b = Buffer.allocUnsafe(RECORD_BYTES);
  b.writeUInt32BE(MAGIC, 4);
  b.writeDoubleBE(r.startMs, 8);
  b.writeUInt32BE(r.durationMs >>> 0, 16);
  b.writeUInt32BE(r.length >>> 0, 20);
  b.writeDoubleBE(r.offset, 24);
  b.writeUInt32BE(crc32(b.subarray(4)), 0);
  return b;
}

/**
 * The records of an index file, in order, up to the first one that is torn, fails its checksum or does not
 * continue the file (its bytes must follow the previous record's). `validBytes` is where the good prefix
 * ends: recovery truncates the index there.
 */
export function decodeRecords(buf: Buffer): { records: IndexRecord[]; validBytes: number } {
  const records: IndexRecord[] = [];
  let prevEnd = -1;
  for (let o = 0; o + RECORD_BYTES <= buf.length; o += RECORD_BYTES) {
    const rec = buf.subarray(o, o + RECORD_BYTES);
    if (rec.readUInt32BE(4) !== MAGIC || rec.readUInt32BE(0) !== crc32(rec.subarray(4))) break;
    const r: IndexRecord = {
      startMs: rec.readDoubleBE(8),
      durationMs: rec.readUInt32BE(16),
      length: rec.readUInt32BE(20),
      offset: rec.readDoubleBE(24),
    };
    if (!Number.isSafeInteger(r.startMs) || !Number.isSafeInteger(r.offset) || r.length === 0) break;
    if (prevEnd >= 0 && r.offset !== prevEnd) break;
    records.push(r);
    prevEnd = r.offset + r.length;
  }
  return { records, validBytes: records.length * RECORD_BYTES };
}

/** Index of the last record starting at or before `ms` (0 when `ms` is before the first). Binary search. */
export function recordAt(records: readonly IndexRecord[], ms: number): number {
  let lo = 0;
  let hi = records.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (records[mid]!.startMs <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
