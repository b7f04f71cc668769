// GB simulator, media: the MPEG-PS muxer of a GB/T 28181 device (as Hikvision/Dahua devices write it):
// every frame starts with a pack header; key frames also carry a system header and a program stream map
// (and only they do); a frame's bytes follow in PES packets of at most `maxPes` bytes, the first with a
// PTS. `pesPerNal` puts each NAL unit in its own PES (parameter sets, SEI and slices apart), as some
// devices do. Written from ISO/IEC 13818-1 2.5 for the tests; shares no code with the gateway.
import type { SimCodec, SimFrame } from "./encode";

export interface PsMuxOptions {
  codec: SimCodec;
  /** Largest PES payload; devices use up to ~65 400 bytes, smaller values make more PES per frame. */
  maxPes?: number;
  pesPerNal?: boolean;
  /** Write the PTS on every PES of a frame, not only the first (some devices do). */
  ptsOnEveryPes?: boolean;
}

const VIDEO_ID = 0xe0;
const AUDIO_ID = 0xc0;

function packHeader(scr90: number): Buffer {
  const b = Buffer.alloc(14);
  b.writeUInt32BE(0x000001ba, 0);
  const base = Math.floor(scr90) % 2 ** 33;
  const hi = Math.floor(base / 2 ** 30) & 7; // bits 32..30
  const mid = Math.floor(base / 2 ** 15) & 0x7fff; // bits 29..15
  const lo = base & 0x7fff; // bits 14..0
  b[4] = 0x40 | (hi << 3) | 0x04 | (mid >> 13);
  b[5] = (mid >> 5) & 0xff;
  b[6] = ((mid & 0x1f) << 3) | 0x04 | (lo >> 13);
  b[7] = (lo >> 5) & 0xff;
  b[8] = ((lo & 0x1f) << 3) | 0x04; // SCR extension 0
  b[9] = 0x01;
  const muxRate = 6106; // × 50 bytes/s: what Hikvision devices write
  b[10] = (muxRate >> 14) & 0xff;
  b[11] = (muxRate >> 6) & 0xff;
  b[12] = ((muxRate & 0x3f) << 2) | 0x03;
  b[13] = 0xf8; // reserved bits, no stuffing
  return b;
}

function systemHeader(): Buffer {
  const streams = [
    [VIDEO_ID, 0xe0, 0x80], // P-STD buffer bound scale 1, size 128 KB
    [AUDIO_ID, 0xc0, 0x08],
  ];
  const body = Buffer.from([0x80, 0x1e, 0xff, 0xfe, 0xe1, 0x7f, ...streams.flat()]);
  const head = Buffer.from([0, 0, 1, 0xbb, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([head, body]);
}

/** CRC-32/MPEG-2 (poly 0x04C11DB7, no reflection), as the PSM's CRC_32 field wants it. */
function crc32mpeg(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

function programStreamMap(codec: SimCodec): Buffer {
  const videoType = codec === "h264" ? 0x1b : 0x24;
  const entries = Buffer.from([videoType, VIDEO_ID, 0, 0, 0x90 /* G.711A */, AUDIO_ID, 0, 0]);
  const body = Buffer.concat([
    Buffer.from([0xe0, 0xff, 0x00, 0x00]), // current_next, version 0, marker; program_stream_info_length 0
    Buffer.from([entries.length >> 8, entries.length & 0xff]),
    entries,
  ]);
  const len = body.length + 4;
  const head = Buffer.from([0, 0, 1, 0xbc, len >> 8, len & 0xff]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32mpeg(Buffer.concat([head, body])), 0);
  return Buffer.concat([head, body, crc]);
}

function timestamp(prefix: number, t: number): Buffer {
  const v = Math.floor(t) % 2 ** 33;
  const hi = Math.floor(v / 2 ** 30) & 7;
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

function pes(id: number, payload: Buffer, pts: number | null): Buffer {
  const ts = pts === null ? Buffer.alloc(0) : timestamp(0x2, pts);
  const header = Buffer.from([0x80, pts === null ? 0x00 : 0x80, ts.length]);
  const len = header.length + ts.length + payload.length;
  return Buffer.concat([Buffer.from([0, 0, 1, id, len >> 8, len & 0xff]), header, ts, payload]);
}

const startCode = Buffer.from([0, 0, 0, 1]);

/** One frame as the device writes it into its PS stream. */
export function muxFrame(frame: SimFrame, o: PsMuxOptions): Buffer {
  const maxPes = Math.min(o.maxPes ?? 65_400, 65_500);
  const parts: Buffer[] = [packHeader(frame.pts90)];
  if (frame.key) parts.push(systemHeader(), programStreamMap(o.codec));
  const groups = o.pesPerNal
    ? frame.nals.map((n) => Buffer.concat([startCode, n]))
    : [Buffer.concat(frame.nals.flatMap((n) => [startCode, n]))];
  let first = true;
  for (const group of groups) {
    for (let off = 0; off < group.length; off += maxPes) {
      const withPts = first || o.ptsOnEveryPes === true || (o.pesPerNal === true && off === 0);
      parts.push(pes(VIDEO_ID, group.subarray(off, off + maxPes), withPts ? frame.pts90 : null));
      first = false;
    }
  }
  return Buffer.concat(parts);
}

/** A G.711 audio PES as devices interleave it (the gateway must skip it). */
export function muxAudio(pts90: number, samples: number): Buffer {
  return pes(AUDIO_ID, Buffer.alloc(samples, 0xd5), pts90);
}
