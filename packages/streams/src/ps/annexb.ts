// Annex-B byte streams (ITU-T H.264/H.265 Annex B): NAL units between 00 00 01 / 00 00 00 01 start codes,
// and a guess of the codec for streams whose PS carries no program stream map (ffmpeg's muxers write none).
// Pure; returns views of the input.

const START = Buffer.from([0, 0, 1]);

/** NAL units (without start codes or trailing zero bytes) in an Annex-B buffer. */
export function splitNals(buf: Buffer): Buffer[] {
  const nals: Buffer[] = [];
  let at = buf.indexOf(START);
  while (at >= 0) {
    const begin = at + 3;
    const next = buf.indexOf(START, begin);
    let end = next < 0 ? buf.length : next;
    while (end > begin && buf[end - 1] === 0) end--; // the 4-byte start code's leading zero, trailing_zero_8bits
    if (end > begin) nals.push(buf.subarray(begin, end));
    at = next;
  }
  return nals;
}

/** H.264 profile_idc values (A.2) that a real SPS starts with. */
const AVC_PROFILES = new Set([66, 77, 88, 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Codec of an elementary stream from its parameter sets, or null while none has been seen. */
export function probeVideoCodec(nals: Buffer[]): "h264" | "h265" | null {
  for (const n of nals) {
    // H.265 VPS / SPS headers: type 32/33, layer 0, temporal id 1 → 40 01 / 42 01.
    if (n.length > 3 && (n[0] === 0x40 || n[0] === 0x42) && n[1] === 0x01) return "h265";
    if (n.length > 3 && (n[0]! & 0x9f) === 0x07 && (n[0]! & 0x60) !== 0 && AVC_PROFILES.has(n[1]!)) return "h264";
  }
  return null;
}
