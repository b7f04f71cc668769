// Minimal AVCDecoderConfigurationRecord (avcC) reading: the RFC 6381 codec string, the picture size
// from the first SPS and the NAL length size. Owns nothing else: the packager has the full parser.
// Errors are data (null), never exceptions.
import { BitReader, unescapeRbsp } from "./bit-reader";

export interface VideoInfo {
  width: number;
  height: number;
  codecString: string;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, "0");

/** NAL unit length size declared by an avcC (1, 2 or 4), or null when the record is too short. */
export function avcNalLengthSize(avcc: Buffer): number | null {
  const b = avcc[4];
  return avcc.length >= 7 && avcc[0] === 1 && b !== undefined ? (b & 3) + 1 : null;
}

export function parseAvcConfig(avcc: Buffer): VideoInfo | null {
  if (avcc.length < 8 || avcc[0] !== 1) return null;
  const numSps = avcc[5]! & 0x1f;
  if (numSps < 1) return null;
  const spsLen = avcc.readUInt16BE(6);
  if (8 + spsLen > avcc.length || spsLen < 4) return null;
  const size = parseAvcSps(avcc.subarray(8, 8 + spsLen));
  if (!size) return null;
  return { ...size, codecString: `avc1.${hex2(avcc[1]!)}${hex2(avcc[2]!)}${hex2(avcc[3]!)}` };
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Picture size from an H.264 SPS NAL unit (with its 1-byte header), cropping applied. */
export function parseAvcSps(nal: Uint8Array): { width: number; height: number } | null {
  const r = new BitReader(unescapeRbsp(nal.subarray(1)));
  const profile = r.bits(8);
  r.skip(16); // constraint flags + level
  r.ue(); // seq_parameter_set_id
  let chroma = 1;
  if (HIGH_PROFILES.has(profile)) {
    chroma = r.ue();
    if (chroma === 3) r.skip(1);
    r.ue(); // bit_depth_luma
    r.ue(); // bit_depth_chroma
    r.skip(1);
    if (r.bit()) {
      for (let i = 0; i < (chroma === 3 ? 12 : 8); i++) {
        if (r.bit()) skipScalingList(r, i < 6 ? 16 : 64);
      }
    }
  }
  r.ue(); // log2_max_frame_num
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.skip(1);
    r.se();
    r.se();
    const n = r.ue();
    for (let i = 0; i < n && !r.overrun; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.skip(1);
  const wMbs = r.ue() + 1;
  const hMapUnits = r.ue() + 1;
  const frameMbsOnly = r.bit();
  if (!frameMbsOnly) r.skip(1);
  r.skip(1); // direct_8x8_inference
  let [cl, cr, ct, cb] = [0, 0, 0, 0];
  if (r.bit()) [cl, cr, ct, cb] = [r.ue(), r.ue(), r.ue(), r.ue()];
  if (r.overrun) return null;
  const subW = chroma === 1 || chroma === 2 ? 2 : 1;
  const subH = chroma === 1 ? 2 : 1;
  const unitX = chroma === 0 ? 1 : subW;
  const unitY = (chroma === 0 ? 1 : subH) * (2 - frameMbsOnly);
  const width = wMbs * 16 - unitX * (cl + cr);
  const height = (2 - frameMbsOnly) * hMapUnits * 16 - unitY * (ct + cb);
  return width > 0 && height > 0 ? { width, height } : null;
}

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size && !r.overrun; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}
