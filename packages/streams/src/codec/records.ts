// Decoder configuration records built from in-band parameter sets: avcC (ISO/IEC 14496-15 5.3.3.1) from
// H.264 SPS/PPS and hvcC (8.3.3.1) from H.265 VPS/SPS/PPS. Sources that carry Annex-B elementary streams
// (MPEG-PS over RTP from GB/T 28181 devices) have no record of their own; the packager's sample entries
// need one. Reads only the header fields a record repeats; never throws (errors as data).
import type { Result } from "@cw/protocol";
import { parseAvcSps } from "./avc";
import { unescapeRbsp } from "./bits";
import { parseHevcSps } from "./hevc";
import { fail, ok } from "./result";

/** Profiles whose avcC carries the chroma/bit-depth tail (ISO/IEC 14496-15 5.3.3.1.1). */
const AVC_EXT_PROFILES = new Set([100, 110, 122, 144]);

const u16 = (n: number): Buffer => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const withLength = (nal: Buffer): Buffer[] => [u16(nal.length), nal];

/** avcC from SPS and PPS NAL units (each with its NAL header, without start code). NAL length size 4. */
export function buildAvcC(sps: Buffer[], pps: Buffer[]): Result<Buffer> {
  const first = sps[0];
  if (!first || first.length < 4) return fail("sps", "no H.264 SPS to build avcC from");
  if (pps.length === 0) return fail("pps", "no H.264 PPS to build avcC from");
  if (sps.length > 31 || pps.length > 255) return fail("sps", "too many H.264 parameter sets for avcC");
  const parsed = parseAvcSps(first);
  if (!parsed.ok) return parsed;
  const profile = first[1]!;
  const head = Buffer.from([1, profile, first[2]!, first[3]!, 0xfc | 3, 0xe0 | sps.length]);
  const parts = [head, ...sps.flatMap(withLength), Buffer.from([pps.length]), ...pps.flatMap(withLength)];
  if (AVC_EXT_PROFILES.has(profile)) {
    const { chromaFormat, bitDepthLumaMinus8, bitDepthChromaMinus8 } = parsed.value;
    parts.push(Buffer.from([0xfc | chromaFormat, 0xf8 | bitDepthLumaMinus8, 0xf8 | bitDepthChromaMinus8, 0]));
  }
  return ok(Buffer.concat(parts));
}

/** hvcC from VPS, SPS and PPS NAL units (each with its 2-byte NAL header). NAL length size 4. */
export function buildHvcC(vps: Buffer[], sps: Buffer[], pps: Buffer[]): Result<Buffer> {
  const first = sps[0];
  if (vps.length === 0 || !first || pps.length === 0) return fail("sps", "H.265 needs a VPS, an SPS and a PPS");
  const rbsp = unescapeRbsp(first.subarray(2));
  // sps_video_parameter_set_id(4) sps_max_sub_layers_minus1(3) sps_temporal_id_nesting_flag(1), then the
  // 12 bytes of general_profile_tier_level that hvcC repeats verbatim.
  if (rbsp.length < 13) return fail("sps", "the H.265 SPS ends inside its profile_tier_level");
  const info = parseHevcSps(first);
  if (!info) return fail("sps", "the H.265 SPS could not be read");
  const b0 = rbsp[0]!;
  const numTemporalLayers = ((b0 >> 1) & 7) + 1;
  const nested = b0 & 1;
  const head = Buffer.concat([
    Buffer.from([1]),
    rbsp.subarray(1, 13), // profile space/tier/idc, 32 compatibility flags, 48 constraint flags, level
    Buffer.from([0xf0, 0x00, 0xfc]), // min_spatial_segmentation_idc 0, parallelismType 0 (unknown)
    Buffer.from([0xfc | info.chromaFormat, 0xf8 | info.bitDepthLumaMinus8, 0xf8 | info.bitDepthChromaMinus8]),
    Buffer.from([0, 0]), // avgFrameRate unspecified
    Buffer.from([(numTemporalLayers << 3) | (nested << 2) | 3, 3]), // lengthSizeMinusOne 3; three arrays
  ]);
  const array = (type: number, nals: Buffer[]): Buffer[] => [
    Buffer.from([0x80 | type]), // array_completeness: every parameter set of this type is in the record
    u16(nals.length),
    ...nals.flatMap(withLength),
  ];
  return ok(Buffer.concat([head, ...array(32, vps), ...array(33, sps), ...array(34, pps)]));
}
