// H.265: the HEVCDecoderConfigurationRecord (hvcC) → RFC 6381 "hvc1.…" codec string (ISO/IEC 14496-15
// Annex E) and, best effort, the picture size from its SPS. H.265 is passed through untouched; this module
// only reads what the playlist and health need. Never throws.
import type { Result } from "@cw/protocol";
import { BitReader, unescapeRbsp } from "./bits";
import { fail, ok } from "./result";

export interface HevcConfig {
  codecString: string;
  /** 0 when the SPS could not be read (best effort). */
  width: number;
  height: number;
  nalLengthSize: number;
}

export function parseHvcC(rec: Buffer): Result<HevcConfig> {
  if (rec.length < 23) return fail("hvcC", `hvcC is ${rec.length} bytes; a record has at least 23`);
  if (rec[0] !== 1) return fail("hvcC.version", `hvcC configurationVersion is ${rec[0]}, expected 1`);
  const b1 = rec[1]!;
  const profileSpace = b1 >> 6;
  const tier = (b1 >> 5) & 1;
  const profileIdc = b1 & 0x1f;
  const compat = rec.readUInt32BE(2);
  const constraints = rec.subarray(6, 12);
  const level = rec[12]!;
  const nalLengthSize = (rec[21]! & 3) + 1;
  let reversed = 0;
  for (let i = 0; i < 32; i++) if (compat & (1 << i)) reversed |= 1 << (31 - i);
  const cons: string[] = [];
  let lastNonZero = -1;
  for (let i = 0; i < 6; i++) if (constraints[i] !== 0) lastNonZero = i;
  for (let i = 0; i <= lastNonZero; i++) cons.push(constraints[i]!.toString(16).toUpperCase());
  const space = ["", "A", "B", "C"][profileSpace] ?? "";
  const codecString = [
    "hvc1",
    `${space}${profileIdc}`,
    (reversed >>> 0).toString(16).toUpperCase(),
    `${tier ? "H" : "L"}${level}`,
    ...cons,
  ].join(".");
  const size = spsFromArrays(rec);
  return ok({ codecString, width: size?.width ?? 0, height: size?.height ?? 0, nalLengthSize });
}

function spsFromArrays(rec: Buffer): { width: number; height: number } | null {
  const numArrays = rec[22]!;
  let off = 23;
  for (let a = 0; a < numArrays; a++) {
    if (off + 3 > rec.length) return null;
    const type = rec[off]! & 0x3f;
    const count = rec.readUInt16BE(off + 1);
    off += 3;
    for (let i = 0; i < count; i++) {
      if (off + 2 > rec.length) return null;
      const len = rec.readUInt16BE(off);
      const nal = rec.subarray(off + 2, off + 2 + len);
      off += 2 + len;
      if (type === 33) return parseHevcSpsSize(nal);
    }
  }
  return null;
}

/** What an SPS says about the picture: size after the conformance window, chroma format and bit depths. */
export interface HevcSps {
  width: number;
  height: number;
  chromaFormat: number;
  bitDepthLumaMinus8: number;
  bitDepthChromaMinus8: number;
}

/** H.265 7.3.2.2 up to the conformance window; null when the SPS is truncated or odd. */
export function parseHevcSpsSize(nal: Buffer): { width: number; height: number } | null {
  const sps = parseHevcSps(nal);
  return sps && { width: sps.width, height: sps.height };
}

/** H.265 7.3.2.2 up to the bit depths; null when the SPS is truncated or odd. */
export function parseHevcSps(nal: Buffer): HevcSps | null {
  if (nal.length < 3) return null;
  const r = new BitReader(unescapeRbsp(nal.subarray(2)));
  r.skip(4); // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.bits(3);
  r.skip(1);
  r.skip(96); // general profile_tier_level
  const profilePresent: number[] = [];
  const levelPresent: number[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    profilePresent.push(r.bit());
    levelPresent.push(r.bit());
  }
  if (maxSubLayersMinus1 > 0) r.skip(2 * (8 - maxSubLayersMinus1));
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (profilePresent[i]) r.skip(88);
    if (levelPresent[i]) r.skip(8);
  }
  r.ue(); // sps_seq_parameter_set_id
  const chroma = r.ue();
  if (chroma === 3) r.bit();
  let width = r.ue();
  let height = r.ue();
  if (r.bit()) {
    const subW = chroma === 1 || chroma === 2 ? 2 : 1;
    const subH = chroma === 1 ? 2 : 1;
    const [left, right, top, bottom] = [r.ue(), r.ue(), r.ue(), r.ue()];
    width -= subW * (left + right);
    height -= subH * (top + bottom);
  }
  const bitDepthLumaMinus8 = r.ue();
  const bitDepthChromaMinus8 = r.ue();
  if (r.overrun || width <= 0 || height <= 0) return null;
  return { width, height, chromaFormat: chroma, bitDepthLumaMinus8, bitDepthChromaMinus8 };
}
