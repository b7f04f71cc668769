// The fixed-layout headers of an MPEG program stream (ISO/IEC 13818-1 2.5.3): the pack header (MPEG-2, and
// MPEG-1's shorter one that ffmpeg's `-f mpeg` writes), the program stream map and the PES header with its
// PTS/DTS. Each parser takes a buffer that starts at the 00 00 01 start code and returns errors as data;
// none throws or reads past the buffer.
import { type PsError, psError } from "./ps-error";
import { pesHasNoHeader } from "./stream-types";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: PsError };

const fail = <T>(message: string, field: string): Parsed<T> => ({
  ok: false,
  error: psError("ps_header", message, field),
});

/** Bytes a pack header needs to be sized: enough for MPEG-2's stuffing length byte. */
export const PACK_PROBE = 14;

/** Total length of the pack header starting at buf[0] (stuffing included), or an error. */
export function packHeaderLength(buf: Buffer): Parsed<number> {
  const b4 = buf[4];
  if (b4 === undefined) return fail("pack header cut off", "pack");
  if ((b4 & 0xc0) === 0x40) {
    // MPEG-2: '01' SCR base/ext with marker bits at fixed places; stuffing length in the low 3 bits of byte 13.
    const b13 = buf[13];
    if (b13 === undefined) return fail("pack header cut off", "pack");
    if ((b4 & 0x04) === 0 || (buf[6]! & 0x04) === 0 || (buf[8]! & 0x04) === 0 || (buf[12]! & 0x03) !== 0x03)
      return fail("MPEG-2 pack header marker bits are wrong", "pack.marker");
    return { ok: true, value: 14 + (b13 & 0x07) };
  }
  if ((b4 & 0xf0) === 0x20) return { ok: true, value: 12 }; // MPEG-1 pack header
  return fail(`pack header byte 4 is 0x${b4.toString(16)}: neither MPEG-1 nor MPEG-2`, "pack.version");
}

export interface PsmEntry {
  streamType: number;
  streamId: number;
}

/** program_stream_map (2.5.4.1): the stream types of the elementary streams. The CRC is not checked
 * (devices in the field often send it wrong; the entries are what matters). */
export function parsePsm(buf: Buffer): Parsed<PsmEntry[]> {
  if (buf.length < 16) return fail("program stream map too short", "psm");
  const end = Math.min(buf.length - 4, 6 + buf.readUInt16BE(4) - 4); // before CRC_32
  const infoLength = buf.readUInt16BE(8);
  let off = 10 + infoLength;
  if (off + 2 > end) return fail("program stream map info runs past its end", "psm.info");
  const mapEnd = Math.min(end, off + 2 + buf.readUInt16BE(off));
  off += 2;
  const entries: PsmEntry[] = [];
  while (off + 4 <= mapEnd) {
    entries.push({ streamType: buf[off]!, streamId: buf[off + 1]! });
    off += 4 + buf.readUInt16BE(off + 2);
  }
  if (off > mapEnd) return fail("a program stream map entry runs past the map", "psm.entry");
  return { ok: true, value: entries };
}

export interface Pes {
  streamId: number;
  /** 33-bit 90 kHz timestamps when present. */
  pts: number | null;
  dts: number | null;
  payload: Buffer;
}

/** Reads a 33-bit timestamp written as 5 bytes with marker bits (2.4.3.7). */
function timestamp(b: Buffer, off: number): number | null {
  if (off + 5 > b.length) return null;
  const b0 = b[off]!;
  if ((b0 & 1) !== 1 || (b[off + 2]! & 1) !== 1 || (b[off + 4]! & 1) !== 1) return null;
  return ((b0 >> 1) & 0x07) * 2 ** 30 + (b.readUInt16BE(off + 1) >> 1) * 2 ** 15 + (b.readUInt16BE(off + 3) >> 1);
}

/** A whole PES packet (start code to end of payload): its timestamps and payload (a view of buf). */
export function parsePes(buf: Buffer): Parsed<Pes> {
  if (buf.length < 6) return fail("PES packet shorter than its 6-byte start", "pes");
  const streamId = buf[3]!;
  if (pesHasNoHeader(streamId))
    return { ok: true, value: { streamId, pts: null, dts: null, payload: buf.subarray(6) } };
  if (buf.length < 9) return fail("PES header cut off", "pes");
  if ((buf[6]! & 0xc0) === 0x80) return mpeg2Pes(buf, streamId);
  return mpeg1Pes(buf, streamId);
}

function mpeg2Pes(buf: Buffer, streamId: number): Parsed<Pes> {
  const flags = buf[7]! >> 6;
  const start = 9 + buf[8]!;
  if (start > buf.length) return fail("PES header data runs past the packet", "pes.headerLength");
  if (flags === 1) return fail("PES PTS_DTS_flags is the forbidden value 01", "pes.flags");
  const pts = flags & 2 ? timestamp(buf, 9) : null;
  if (flags & 2 && pts === null) return fail("PES PTS marker bits are wrong", "pes.pts");
  const dts = flags === 3 ? timestamp(buf, 14) : null;
  if (flags === 3 && dts === null) return fail("PES DTS marker bits are wrong", "pes.dts");
  return { ok: true, value: { streamId, pts, dts, payload: buf.subarray(start) } };
}

/** MPEG-1 system PES (ISO/IEC 11172-1 2.4.3.3): stuffing, optional STD buffer, then 0x0F or PTS[/DTS]. */
function mpeg1Pes(buf: Buffer, streamId: number): Parsed<Pes> {
  let off = 6;
  while (off < buf.length && buf[off] === 0xff && off < 6 + 16) off++;
  if (off < buf.length && (buf[off]! & 0xc0) === 0x40) off += 2; // STD_buffer_scale/size
  const b = buf[off];
  if (b === undefined) return fail("MPEG-1 PES header cut off", "pes");
  if (b === 0x0f) return { ok: true, value: { streamId, pts: null, dts: null, payload: buf.subarray(off + 1) } };
  if ((b & 0xf0) === 0x20) {
    const pts = timestamp(buf, off);
    if (pts === null) return fail("PES PTS marker bits are wrong", "pes.pts");
    return { ok: true, value: { streamId, pts, dts: null, payload: buf.subarray(off + 5) } };
  }
  if ((b & 0xf0) === 0x30) {
    const pts = timestamp(buf, off);
    const dts = timestamp(buf, off + 5);
    if (pts === null || dts === null) return fail("PES PTS/DTS marker bits are wrong", "pes.pts");
    return { ok: true, value: { streamId, pts, dts, payload: buf.subarray(off + 10) } };
  }
  return fail(`PES header byte 0x${b.toString(16)} is neither MPEG-1 nor MPEG-2`, "pes");
}
