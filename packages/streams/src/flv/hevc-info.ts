// Minimal HEVCDecoderConfigurationRecord (hvcC) reading: the RFC 6381 codec string (ISO/IEC 14496-15
// annex E) and the picture size from the first SPS. Best effort: H.265 is passed through untouched,
// so a size we cannot read is reported as 0x0 rather than refusing the stream.
import type { VideoInfo } from "./avc-info";
import { BitReader, unescapeRbsp } from "./bit-reader";

const HEVC_NAL_SPS = 33;

export function parseHevcConfig(hvcc: Buffer): VideoInfo | null {
  if (hvcc.length < 23 || hvcc[0] !== 1) return null;
  const b1 = hvcc[1]!;
  const space = ["", "A", "B", "C"][b1 >> 6] ?? "";
  const tier = b1 & 0x20 ? "H" : "L";
  const profile = b1 & 0x1f;
  const compat = reverseBits32(hvcc.readUInt32BE(2)).toString(16);
  const constraints = [...hvcc.subarray(6, 12)];
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  const tail = constraints.map((c) => `.${c.toString(16).toUpperCase()}`).join("");
  const codecString = `hvc1.${space}${profile}.${compat}.${tier}${hvcc[12]!}${tail}`;
  const sps = findNal(hvcc, HEVC_NAL_SPS);
  const size = sps ? parseHevcSps(sps) : null;
  return { width: size?.width ?? 0, height: size?.height ?? 0, codecString };
}

function reverseBits32(v: number): number {
  let r = 0;
  for (let i = 0; i < 32; i++) r = r * 2 + ((v >>> i) & 1);
  return r;
}

function findNal(hvcc: Buffer, type: number): Buffer | null {
  let p = 23;
  const arrays = hvcc[22]!;
  for (let a = 0; a < arrays && p + 3 <= hvcc.length; a++) {
    const nalType = hvcc[p]! & 0x3f;
    const count = hvcc.readUInt16BE(p + 1);
    p += 3;
    for (let i = 0; i < count && p + 2 <= hvcc.length; i++) {
      const len = hvcc.readUInt16BE(p);
      p += 2;
      if (p + len > hvcc.length) return null;
      if (nalType === type) return hvcc.subarray(p, p + len);
      p += len;
    }
  }
  return null;
}

/** Picture size from an H.265 SPS NAL unit (with its 2-byte header), conformance window applied. */
export function parseHevcSps(nal: Uint8Array): { width: number; height: number } | null {
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
  if (chroma === 3) r.skip(1);
  let width = r.ue();
  let height = r.ue();
  if (r.bit()) {
    const subW = chroma === 1 || chroma === 2 ? 2 : 1;
    const subH = chroma === 1 ? 2 : 1;
    width -= subW * (r.ue() + r.ue());
    height -= subH * (r.ue() + r.ue());
  }
  return r.overrun || width <= 0 || height <= 0 ? null : { width, height };
}
