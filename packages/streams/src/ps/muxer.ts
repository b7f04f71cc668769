// MPEG program-stream muxer (ISO/IEC 13818-1 2.5) for one video stream, in the layout GB/T 28181 devices
// send over RTP: every frame starts with a pack header (SCR, mux rate); a key frame also carries a system
// header and a program stream map (stream_type 0x1B H.264 / 0x24 H.265, and 0x90 G.711 A-law when audio
// is declared); then the frame as video PES (stream id 0xE0), the first with PTS/DTS (90 kHz), split into
// PES packets of at most 65 535 bytes. The frame is Annex-B with the parameter sets in front of key frames
// (ps/write.ts), so a receiver joining at any key frame can decode. One call = one frame's bytes, which is
// what the RTP packetiser needs (the marker goes on the frame's last packet).
// Pure: timestamps come in, bytes go out; no clock, no I/O. Never throws on well-formed units.
import type { VideoTrack } from "../media/types";
import { PACK_START, PROGRAM_STREAM_MAP, STREAM_TYPE, SYSTEM_HEADER } from "./stream-types";
import { annexB, crc32Mpeg, timestamp, wrap33 } from "./write";

export const VIDEO_STREAM_ID = 0xe0;
export const AUDIO_STREAM_ID = 0xc0;
/** PES_packet_length is 16 bits: a PES is at most 6 + 65 535 bytes. */
export const MAX_PES_LENGTH = 0xffff;
/** The first PES of a frame: flags (3) + PTS + DTS (10). */
const FIRST_PES_HEADER = 13;

export interface PsMuxerOptions {
  /** program_mux_rate / rate_bound in bytes per second (written in units of 50). Default 10 Mbit/s. */
  muxRateBytes?: number;
  /** Declare a G.711 A-law stream (0xC0, type 0x90) in the system header and PSM. Default false. */
  declareAudio?: boolean;
  /** Most payload bytes per PES (tests use small values); capped by the 16-bit PES length. */
  maxPesPayload?: number;
}

/** One frame in 90 kHz units (the caller converts the contract's milliseconds: ms × 90). */
export interface PsFrame {
  pts: number;
  dts: number;
  key: boolean;
  /** 4-byte length-prefixed NAL units (AVCC), as the media contract carries them. */
  data: Buffer;
}

export class PsMuxer {
  private readonly muxRate: number;
  private readonly declareAudio: boolean;
  private readonly maxPayload: number;
  private psmVersion = 0;

  constructor(
    private track: VideoTrack,
    opts: PsMuxerOptions = {},
  ) {
    this.muxRate = Math.max(1, Math.min(0x3fffff, Math.ceil((opts.muxRateBytes ?? 1_250_000) / 50)));
    this.declareAudio = opts.declareAudio ?? false;
    this.maxPayload = Math.max(1, Math.min(opts.maxPesPayload ?? MAX_PES_LENGTH, MAX_PES_LENGTH - FIRST_PES_HEADER));
  }

  get codec(): VideoTrack["codec"] {
    return this.track.codec;
  }

  /** New codec configuration (takes effect at the next key frame's parameter sets; a new PSM version). */
  setTrack(track: VideoTrack): void {
    if (track.codec !== this.track.codec) this.psmVersion = (this.psmVersion + 1) & 0x1f;
    this.track = track;
  }

  /** One frame's program-stream bytes. */
  frame(f: PsFrame): Buffer {
    const es = annexB(this.track, f.key, f.data);
    const parts: Buffer[] = [this.packHeader(f.dts)];
    if (f.key) parts.push(this.systemHeader(), this.psm());
    const total = es.reduce((n, b) => n + b.length, 0);
    const payload = Buffer.concat(es, total);
    let off = 0;
    let first = true;
    do {
      const n = Math.min(this.maxPayload, payload.length - off);
      parts.push(this.pesHeader(n, first ? f : null), payload.subarray(off, off + n));
      off += n;
      first = false;
    } while (off < payload.length);
    return Buffer.concat(parts);
  }

  /** pack_header (2.5.3.3), MPEG-2 layout, no stuffing. SCR a little before the DTS: the byte must arrive
   * before it is decoded (SCR ≤ DTS), and 40 ms is a frame's worth at 25 fps. */
  private packHeader(dts: number): Buffer {
    const scr = wrap33(dts - 3600);
    const hi = Math.floor(scr / 2 ** 30); // bits 32..30
    const mid = Math.floor(scr / 2 ** 15) & 0x7fff; // bits 29..15
    const lo = scr & 0x7fff; // bits 14..0
    const b = Buffer.alloc(14);
    b.writeUInt32BE(0x00000100 | PACK_START, 0);
    b[4] = 0x40 | (hi << 3) | 0x04 | (mid >> 13);
    b[5] = (mid >> 5) & 0xff;
    b[6] = ((mid & 0x1f) << 3) | 0x04 | (lo >> 13);
    b[7] = (lo >> 5) & 0xff;
    b[8] = ((lo & 0x1f) << 3) | 0x04; // SCR extension 0
    b[9] = 0x01;
    b[10] = (this.muxRate >> 14) & 0xff;
    b[11] = (this.muxRate >> 6) & 0xff;
    b[12] = ((this.muxRate & 0x3f) << 2) | 0x03;
    b[13] = 0xf8; // reserved, pack_stuffing_length 0
    return b;
  }

  /** system_header (2.5.3.5): the rate bound and each stream's P-STD buffer bound. */
  private systemHeader(): Buffer {
    const streams = this.declareAudio ? 2 : 1;
    const b = Buffer.alloc(12 + 3 * streams);
    b.writeUInt32BE(0x00000100 | SYSTEM_HEADER, 0);
    b.writeUInt16BE(b.length - 6, 4);
    b[6] = 0x80 | ((this.muxRate >> 15) & 0x7f);
    b[7] = (this.muxRate >> 7) & 0xff;
    b[8] = ((this.muxRate & 0x7f) << 1) | 0x01;
    b[9] = ((this.declareAudio ? 1 : 0) << 2) | 0x00; // audio_bound, fixed_flag 0, CSPS_flag 0
    b[10] = 0xe1; // audio lock, video lock, marker, video_bound 1
    b[11] = 0xff; // packet_rate_restriction_flag 1, reserved
    // Video: buffer bound scale 1 (×1024 bytes), 1024 → 1 MiB.
    b[12] = VIDEO_STREAM_ID;
    b[13] = 0xc0 | 0x20 | (1024 >> 8);
    b[14] = 1024 & 0xff;
    if (this.declareAudio) {
      // Audio: scale 0 (×128 bytes), 512 → 64 KiB.
      b[15] = AUDIO_STREAM_ID;
      b[16] = 0xc0 | (512 >> 8);
      b[17] = 512 & 0xff;
    }
    return b;
  }

  /** program_stream_map (2.5.4.1) with its CRC. */
  private psm(): Buffer {
    const entries: [number, number][] = [
      [this.track.codec === "h264" ? STREAM_TYPE.h264 : STREAM_TYPE.h265, VIDEO_STREAM_ID],
    ];
    if (this.declareAudio) entries.push([STREAM_TYPE.g711a, AUDIO_STREAM_ID]);
    const mapLength = 4 * entries.length;
    const b = Buffer.alloc(16 + mapLength);
    b.writeUInt32BE(0x00000100 | PROGRAM_STREAM_MAP, 0);
    b.writeUInt16BE(b.length - 6, 4);
    b[6] = 0x80 | 0x60 | this.psmVersion; // current_next_indicator 1, reserved, version
    b[7] = 0xff; // reserved, marker
    b.writeUInt16BE(0, 8); // program_stream_info_length
    b.writeUInt16BE(mapLength, 10);
    entries.forEach(([type, id], i) => {
      b[12 + 4 * i] = type;
      b[13 + 4 * i] = id;
      b.writeUInt16BE(0, 14 + 4 * i); // elementary_stream_info_length
    });
    b.writeUInt32BE(crc32Mpeg(b.subarray(0, b.length - 4)), b.length - 4);
    return b;
  }

  /** PES header (2.4.3.6) for `n` payload bytes: PTS/DTS on the frame's first PES only. */
  private pesHeader(n: number, f: PsFrame | null): Buffer {
    const withDts = f !== null && f.dts !== f.pts;
    const dataLength = f === null ? 0 : withDts ? 10 : 5;
    const b = Buffer.alloc(9);
    b.writeUInt32BE(0x00000100 | VIDEO_STREAM_ID, 0);
    b.writeUInt16BE(3 + dataLength + n, 4);
    b[6] = f === null ? 0x80 : 0x84; // '10', data_alignment_indicator on the frame's start
    b[7] = f === null ? 0 : withDts ? 0xc0 : 0x80;
    b[8] = dataLength;
    if (f === null) return b;
    return withDts
      ? Buffer.concat([b, timestamp(3, f.pts), timestamp(1, f.dts)])
      : Buffer.concat([b, timestamp(2, f.pts)]);
  }
}
