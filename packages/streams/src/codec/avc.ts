// H.264: the AVCDecoderConfigurationRecord (avcC) and the few SPS fields the packager needs (picture size,
// profile/level → RFC 6381 codec string). Reads headers only; never touches slice data and never throws.
import type { Result } from "@cw/protocol";
import { BitReader, unescapeRbsp } from "./bits";
import { fail, hex2, ok } from "./result";

export interface AvcConfig {
  /** "avc1.PPCCLL" from the record's profile, compatibility and level bytes. */
  codecString: string;
  width: number;
  height: number;
  profile: number;
  level: number;
  /** NAL length field size in bytes (1, 2 or 4). */
  nalLengthSize: number;
  sps: Buffer[];
  pps: Buffer[];
}

/** Profiles whose SPS carries chroma format, bit depth and scaling matrices (H.264 7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

export function parseAvcC(rec: Buffer): Result<AvcConfig> {
  if (rec.length < 7) return fail("avcC", `avcC is ${rec.length} bytes; a record has at least 7`);
  if (rec[0] !== 1) return fail("avcC.version", `avcC configurationVersion is ${rec[0]}, expected 1`);
  const nalLengthSize = (rec[4]! & 3) + 1;
  const spsList = readParamSets(rec, 6, rec[5]! & 0x1f, "avcC.sps", "SPS");
  if (!spsList.ok) return spsList;
  const { sets: sps, end } = spsList.value;
  // The PPS count is optional in practice: a record that stops after its SPS list is still usable.
  const ppsList = end < rec.length ? readParamSets(rec, end + 1, rec[end]!, "avcC.pps", "PPS") : null;
  if (ppsList && !ppsList.ok) return ppsList;
  const pps = ppsList?.value.sets ?? [];
  const first = sps[0];
  if (!first) return fail("avcC.sps", "avcC has no SPS");
  const size = parseAvcSps(first);
  if (!size.ok) return size;
  return ok({
    codecString: `avc1.${hex2(rec[1]!)}${hex2(rec[2]!)}${hex2(rec[3]!)}`,
    width: size.value.width,
    height: size.value.height,
    profile: rec[1]!,
    level: rec[3]!,
    nalLengthSize,
    sps,
    pps,
  });
}

/** What an SPS says about the picture: size after cropping, and the format fields avcC's High-profile tail repeats. */
export interface AvcSps {
  width: number;
  height: number;
  chromaFormat: number;
  bitDepthLumaMinus8: number;
  bitDepthChromaMinus8: number;
}

/** Picture size and format from an SPS NAL unit (with its 1-byte NAL header), after frame cropping. */
export function parseAvcSps(nal: Buffer): Result<AvcSps> {
  if (nal.length < 4 || (nal[0]! & 0x1f) !== 7) return fail("sps", "not an H.264 SPS NAL unit");
  const r = new BitReader(unescapeRbsp(nal.subarray(1)));
  const profile = r.bits(8);
  r.skip(16); // constraint flags, level
  r.ue(); // seq_parameter_set_id
  let chromaFormat = 1;
  let separateColourPlane = 0;
  let bitDepthLumaMinus8 = 0;
  let bitDepthChromaMinus8 = 0;
  if (HIGH_PROFILES.has(profile)) {
    chromaFormat = r.ue();
    if (chromaFormat === 3) separateColourPlane = r.bit();
    bitDepthLumaMinus8 = r.ue();
    bitDepthChromaMinus8 = r.ue();
    r.bit(); // qpprime_y_zero_transform_bypass_flag
    if (r.bit()) {
      const lists = chromaFormat === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) if (r.bit()) skipScalingList(r, i < 6 ? 16 : 64);
    }
  }
  r.ue(); // log2_max_frame_num_minus4
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.bit();
    r.se();
    r.se();
    const n = r.ue();
    for (let i = 0; i < n && !r.overrun; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.bit(); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.bit();
  if (!frameMbsOnly) r.bit(); // mb_adaptive_frame_field_flag
  r.bit(); // direct_8x8_inference_flag
  let crop = [0, 0, 0, 0];
  if (r.bit()) crop = [r.ue(), r.ue(), r.ue(), r.ue()];
  if (r.overrun) return fail("sps", "the SPS ends before its picture size");
  const chroma = separateColourPlane ? 0 : chromaFormat;
  const subW = chroma === 1 || chroma === 2 ? 2 : 1;
  const subH = chroma === 1 ? 2 : 1;
  const cropX = subW;
  const cropY = subH * (2 - frameMbsOnly);
  const width = widthMbs * 16 - cropX * (crop[0]! + crop[1]!);
  const height = (2 - frameMbsOnly) * heightMapUnits * 16 - cropY * (crop[2]! + crop[3]!);
  if (width <= 0 || height <= 0) return fail("sps", `the SPS gives an impossible picture size ${width}x${height}`);
  return ok({ width, height, chromaFormat, bitDepthLumaMinus8, bitDepthChromaMinus8 });
}

/** `count` length-prefixed (16-bit) parameter sets starting at `off`; `end` is the offset after the last. */
function readParamSets(
  rec: Buffer,
  off: number,
  count: number,
  field: string,
  name: string,
): Result<{ sets: Buffer[]; end: number }> {
  const sets: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    if (off + 2 > rec.length) return fail(field, `avcC ends inside the ${name} list`);
    const len = rec.readUInt16BE(off);
    if (off + 2 + len > rec.length) return fail(field, `a ${name} length runs past the end of avcC`);
    sets.push(rec.subarray(off + 2, off + 2 + len));
    off += 2 + len;
  }
  return ok({ sets, end: off });
}

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}
