// Byte writers the MPEG muxers share (ISO/IEC 13818-1): the 33-bit PES/SCR timestamp field, the MPEG-2
// CRC-32 of PSI sections and program stream maps, and an access unit in the media contract's form (AVCC,
// parameter sets out of band) turned into an Annex-B elementary stream with the parameter sets in front of
// key frames. Pure; never throws.
import type { VideoTrack } from "../media/types";

const START_CODE = Buffer.from([0, 0, 0, 1]);
const TS_RANGE = 2 ** 33;

/** A 33-bit 90 kHz count modulo 2^33 (negative values wrap too). */
export const wrap33 = (t: number): number => ((Math.round(t) % TS_RANGE) + TS_RANGE) % TS_RANGE;

/** A PTS or DTS field (2.4.3.7): 4-bit prefix, then the 33 bits in 3/15/15 with marker bits. */
export function timestamp(prefix: number, t: number): Buffer {
  const v = wrap33(t);
  const hi = Math.floor(v / 2 ** 30);
  const mid = Math.floor(v / 2 ** 15) & 0x7fff;
  const lo = v & 0x7fff;
  return Buffer.from([
    (prefix << 4) | (hi << 1) | 1,
    mid >> 7,
    ((mid & 0x7f) << 1) | 1,
    lo >> 7,
    ((lo & 0x7f) << 1) | 1,
  ]);
}

let crcTable: Uint32Array | null = null;
/** CRC-32/MPEG-2 (13818-1 Annex A: polynomial 0x04C11DB7, no reflection, no final xor). */
export function crc32Mpeg(b: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i << 24;
      for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
      crcTable[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const x of b) crc = ((crc << 8) ^ crcTable[((crc >>> 24) ^ x) & 0xff]!) >>> 0;
  return crc >>> 0;
}

/** The parameter-set NAL units of an avcC (SPS, PPS) or hvcC (VPS, SPS, PPS), in record order. */
export function parameterSets(track: VideoTrack): Buffer[] {
  const c = track.config;
  const out: Buffer[] = [];
  if (track.codec === "h264") {
    let p = 5;
    for (const countMask of [0x1f, 0xff]) {
      const n = (c[p] ?? 0) & countMask;
      p++;
      for (let i = 0; i < n && p + 2 <= c.length; i++) {
        const len = c.readUInt16BE(p);
        out.push(c.subarray(p + 2, p + 2 + len));
        p += 2 + len;
      }
    }
    return out;
  }
  let p = 23;
  const arrays = c[22] ?? 0;
  for (let a = 0; a < arrays && p + 3 <= c.length; a++) {
    const n = c.readUInt16BE(p + 1);
    p += 3;
    for (let i = 0; i < n && p + 2 <= c.length; i++) {
      const len = c.readUInt16BE(p);
      out.push(c.subarray(p + 2, p + 2 + len));
      p += 2 + len;
    }
  }
  return out;
}

const isParamSet = (codec: VideoTrack["codec"], nal: Buffer): boolean => {
  if (codec === "h264") {
    const t = nal[0]! & 0x1f;
    return t === 7 || t === 8;
  }
  const t = (nal[0]! >> 1) & 0x3f;
  return t >= 32 && t <= 34;
};

/**
 * One access unit (4-byte length-prefixed NAL units) as Annex-B pieces (start codes and NAL views, to be
 * concatenated): a key frame gets the track's parameter sets in front unless it carries its own (an RTMP
 * camera may send them in-band), so a receiver can start decoding at any key frame.
 */
export function annexB(track: VideoTrack, key: boolean, data: Buffer): Buffer[] {
  const nals: Buffer[] = [];
  for (let p = 0; p + 4 <= data.length; ) {
    const len = data.readUInt32BE(p);
    nals.push(data.subarray(p + 4, Math.min(data.length, p + 4 + len)));
    p += 4 + len;
  }
  const out: Buffer[] = [];
  if (key && !nals.some((n) => n.length > 0 && isParamSet(track.codec, n)))
    for (const ps of parameterSets(track)) out.push(START_CODE, ps);
  for (const n of nals) if (n.length > 0) out.push(START_CODE, n);
  return out;
}
